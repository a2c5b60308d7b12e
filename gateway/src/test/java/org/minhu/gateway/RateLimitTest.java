package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.localservers.LocalIdentity;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The per-address limit counts every request, whatever the gateway answers: refused tokens and
 * unknown routes are limited like any other traffic. Each test plays its own client behind the
 * trusted proxy, so the buckets of one do not touch another's.
 */
@Timeout(60)
@QuarkusTest
@TestProfile(RateLimitTest.LowRateLimits.class)
class RateLimitTest {

    /** Requests an address may make here before 429 (the buckets barely refill). */
    static final int LIMIT = 5;

    /** {@link UpstreamStubs} sets the low limits for this profile. */
    public static class LowRateLimits implements QuarkusTestProfile {
    }

    UpstreamStubs stubs;

    private static List<Integer> statuses(String client, int count, String target, String... headers) {
        List<Integer> statuses = new ArrayList<>();
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            for (int i = 0; i < count; i++) {
                String[] all = new String[headers.length + 1];
                all[0] = "X-Forwarded-For: " + client;
                System.arraycopy(headers, 0, all, 1, headers.length);
                Http.Answer answer = proxy.get(target, all);
                statuses.add(answer.status());
                if (answer.status() == 429) {
                    assertThat(answer.header("Retry-After")).isNotNull();
                    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                }
            }
        }
        return statuses;
    }

    @Test
    void aFloodOfRefusedTokensIsLimited() {
        String forged = LocalIdentity.signedByStranger("mallory", "admin");
        assertThat(statuses("198.51.100.1", LIMIT + 3, "/api/v1/units", "Authorization: Bearer " + forged))
                .containsExactly(401, 401, 401, 401, 401, 429, 429, 429);
        assertThat(stubs.assignment().begun()).isZero();
    }

    @Test
    void aFloodOfUnknownRoutesIsLimitedInsideAndOutsideTheApi() {
        assertThat(statuses("198.51.100.2", LIMIT + 2, "/api/v1/no-such-thing")).containsExactly(404, 404, 404, 404, 404, 429, 429);
        assertThat(statuses("198.51.100.3", LIMIT + 1, "/no-such-thing")).endsWith(429);
    }

    @Test
    void eachClientBehindTheProxyHasItsOwnBucketAndHealthProbesAreNotLimited() {
        assertThat(statuses("198.51.100.4", LIMIT + 1, "/api/v1/categories")).endsWith(429);
        // another client behind the same proxy: still served
        assertThat(statuses("198.51.100.5", 1, "/api/v1/categories")).containsExactly(200);
        // a client that names another client's address to the left of its own is still itself
        assertThat(statuses("198.51.100.5, 198.51.100.4", 1, "/api/v1/categories")).containsExactly(429);
        // probes are never refused
        assertThat(statuses("198.51.100.4", 3, "/q/health/live")).containsOnly(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    // the management root is /q already
    @TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void eachRefusalIsCountedByTheLimitThatRefusedIt() {
        java.util.function.DoubleSupplier byAddress = () -> org.minhu.testsupport.PrometheusText
                .parse(given().get(metrics.toString()).then().statusCode(200).extract().asString())
                .sum("minhu_gateway_rate_limited_total", java.util.Map.of("limit", "address"));
        double before = byAddress.getAsDouble();
        assertThat(statuses("198.51.100.6", LIMIT + 2, "/api/v1/categories")).endsWith(429, 429);
        assertThat(byAddress.getAsDouble()).isEqualTo(before + 2);
    }
}
