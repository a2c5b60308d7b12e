package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.testsupport.PrometheusText;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's metrics: served on the management interface only, never on the public port; every
 * proxied path tagged by its route template (no petition id, tracking number or phone number a
 * caller put in a path becomes a label); a service's breaker shown open while it is.
 */
@Timeout(60)
@QuarkusTest
class MetricsTest extends FreshUpstreams {

    // the management root is /q already
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    PrometheusText scrape() {
        return PrometheusText.parse(given().get(metrics.toString()).then().statusCode(200).extract().asString());
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get(metrics.toString()).then().statusCode(200);
    }

    @Test
    void everyProxiedPathIsTaggedByItsRouteTemplateNeverByItsIds() {
        UUID petition = UUID.randomUUID();
        given().get("/api/v1/petitions/" + petition).then().statusCode(200);
        given().get("/api/v1/petitions/" + petition + "/feedback").then().statusCode(200);
        given().get("/api/v1/cases/" + UUID.randomUUID() + "/sign").then().statusCode(200);
        given().get("/api/v1/units/500108-transport").then().statusCode(200);
        given().get("/open311/v2/requests/CQ-20261124-000123.json").then().statusCode(200);
        given().get("/api/v1/petitions?q=13812345678").then().statusCode(200);
        // a path no service has, with a phone number in it: refused by the gateway, tagged by its prefix
        given().get("/api/v1/people/13812345678").then().statusCode(404);
        given().get("/whatever/" + UUID.randomUUID()).then().statusCode(404);

        PrometheusText scrape = scrape();
        assertThat(scrape.labelViolations()).isEmpty();
        for (String template : new String[] {"/api/v1/petitions/{id}", "/api/v1/petitions/{petitionId}/feedback",
                "/api/v1/cases/{id}/sign", "/api/v1/units/{id}", "/open311/v2/requests/{id}.{format}", "/api/v1/petitions",
                "/api/*"}) {
            assertThat(scrape.has("http_server_requests_seconds_count", Map.of("uri", template))).as(template).isTrue();
        }
        assertThat(scrape.samples()).noneMatch(s -> s.labels().getOrDefault("uri", "").contains("500108"));
    }

    @Test
    void anOpenBreakerShowsAsOneUntilItClosesAgain() {
        Map<String, String> assignment = Map.of("upstream", "assignment");
        assertThat(scrape().sum("minhu_gateway_breaker_open", assignment)).isZero();
        stubs.assignment().mode(StubUpstream.Mode.SERVER_ERROR);
        for (int i = 0; i < 10; i++) {
            given().get("/api/v1/cases").then().statusCode(500);
        }
        PrometheusText open = scrape();
        assertThat(open.sum("minhu_gateway_breaker_open", assignment)).isEqualTo(1);
        assertThat(open.sum("minhu_gateway_breaker_open", Map.of("upstream", "petition"))).isZero();
        // the 5xx the callers got are counted under the route's template
        assertThat(open.sum("http_server_requests_seconds_count", Map.of("uri", "/api/v1/cases", "status", "500")))
                .isGreaterThanOrEqualTo(10);
        breakers.resetAll();
        assertThat(scrape().sum("minhu_gateway_breaker_open", assignment)).isZero();
    }
}
