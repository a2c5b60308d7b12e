package org.minhu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import io.netty.handler.timeout.ReadTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;

/**
 * What the gateway answers for a failed call of a service and for failures of its HTTP layer, which
 * origins may call it, and which headers of a caller it keeps to itself: the rules, without Quarkus.
 */
class ProblemsTest {

    @Test
    void anOpenBreakerIs503ToRetryLater() {
        Problems.Problem p = Problems.ofUpstreamFailure(new CircuitBreakerOpenException("open"), "assignment-service", 0);
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.type()).isEqualTo("unavailable");
        assertThat(p.retryAfter()).isTrue();
        assertThat(p.detail()).startsWith("assignment-service is failing");
    }

    @Test
    void noAnswerInTimeIs504WithTheTimeWaited() {
        for (Throwable t : List.<Throwable>of(new TimeoutException("late"), ReadTimeoutException.INSTANCE)) {
            Problems.Problem p = Problems.ofUpstreamFailure(t, "feedback-service", 1001);
            assertThat(p.status()).isEqualTo(504);
            assertThat(p.type()).isEqualTo("gateway-timeout");
            assertThat(p.detail()).isEqualTo("feedback-service did not answer within 1001 ms");
            assertThat(p.retryAfter()).isFalse();
        }
        assertThat(Problems.isTimeout(new TimeoutException())).isTrue();
        assertThat(Problems.isTimeout(ReadTimeoutException.INSTANCE)).isTrue();
        assertThat(Problems.isTimeout(new IllegalStateException("Timeout? no"))).isFalse();
    }

    @Test
    void noConnectionIs503ToRetryLaterAndAnythingElse502() {
        Problems.Problem refused = Problems.ofUpstreamFailure(new ConnectException("Connection refused"), "petition-service", 3);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfter()).isTrue();
        assertThat(refused.detail()).isEqualTo("petition-service cannot be reached");
        assertThat(Problems.ofUpstreamFailure(new RuntimeException("io.netty: Connection refused: /127.0.0.1:8081"), "p", 0).status())
                .isEqualTo(503);
        Problems.Problem broken = Problems.ofUpstreamFailure(new VertxException("Connection was closed", true), "petition-service", 3);
        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.type()).isEqualTo("bad-gateway");
        assertThat(broken.retryAfter()).isFalse();
    }

    @Test
    void failuresOfTheHttpLayerKeepTheirStatusAndNameTheirKind() {
        assertThat(Problems.ofStatus(400).type()).isEqualTo("malformed-request");
        assertThat(Problems.ofStatus(404).type()).isEqualTo("not-found");
        assertThat(Problems.ofStatus(405).type()).isEqualTo("method-not-allowed");
        assertThat(Problems.ofStatus(413).type()).isEqualTo("payload-too-large");
        assertThat(Problems.ofStatus(415).type()).isEqualTo("client-error");
        assertThat(Problems.ofStatus(415).title()).isEqualTo("Unsupported Media Type");
        assertThat(Problems.ofStatus(503).type()).isEqualTo("internal");
        // a failure without a status (an exception in a handler) is the gateway's own: 500
        assertThat(Problems.ofStatus(-1).status()).isEqualTo(500);
        assertThat(Problems.ofStatus(200).status()).isEqualTo(500);
        assertThat(Problems.ofStatus(-1).detail()).isEqualTo("The gateway failed to answer");
    }

    @Test
    void theDocumentIsRfc9457InMinhusNamespace() {
        JsonObject body = Problems.body(429, "too-many-requests", "Too many requests", "wait", "/api/v1/cases");
        assertThat(body.getString("type")).isEqualTo("urn:minhu:problem:too-many-requests");
        assertThat(body.getInteger("status")).isEqualTo(429);
        assertThat(body.getString("title")).isEqualTo("Too many requests");
        assertThat(body.getString("detail")).isEqualTo("wait");
        assertThat(body.getString("instance")).isEqualTo("/api/v1/cases");
        assertThat(Problems.body(414, "uri-too-long", "URI too long", "d", null).containsKey("instance")).isFalse();
    }

    @Test
    void configuredAndOwnOriginsMayCallAndNoOtherOrigin() {
        CorsOrigins cors = new CorsOrigins(List.of("http://localhost:5173", "/https://[a-z]+\\.minhu\\.example/"));
        assertThat(cors.allowed("http://localhost:5173", "http", "gw:8080")).isTrue();
        assertThat(cors.allowed("https://web.minhu.example", "http", "gw:8080")).isTrue();
        assertThat(cors.allowed("https://localhost:5173", "http", "gw:8080")).isFalse();
        assertThat(cors.allowed("http://localhost:5173.evil.example", "http", "gw:8080")).isFalse();
        assertThat(cors.allowed("https://evil.example", "http", "gw:8080")).isFalse();
        // the gateway's own origin (the web front-end it serves), default ports included
        assertThat(cors.allowed("http://gw:8080", "http", "gw:8080")).isTrue();
        assertThat(cors.allowed("https://gw", "https", "gw:443")).isTrue();
        assertThat(cors.allowed("http://gw:8081", "http", "gw:8080")).isFalse();
        assertThat(cors.allowed("http://gw:8080/path", "http", "gw:8080")).isFalse();
        assertThat(cors.allowed("null", "http", "gw:8080")).isFalse();
        assertThat(cors.allowed("http://gw:8080", "http", null)).isFalse();
        assertThat(new CorsOrigins(List.of("*")).allowed("https://anywhere.example", "http", "gw")).isTrue();
    }

    @Test
    void aCallersClaimsAboutItsOriginAreRecognisedWhateverTheirCase() {
        for (String name : List.of("forwarded", "x-forwarded-for", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "true-client-ip")) {
            assertThat(ProxyRoutes.claimsOrigin(name)).as(name).isTrue();
        }
        for (String name : List.of("authorization", "x-request-id", "traceparent", "content-type", "forwarded-by-nothing")) {
            assertThat(ProxyRoutes.claimsOrigin(name)).as(name).isFalse();
        }
    }
}
