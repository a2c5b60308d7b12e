package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** The breaker per service: opened by the service's failures, never by answers that are the caller's business. */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class CircuitBreakerTest extends FreshUpstreams {

    @Test
    void aServiceSayingItsDatabaseIsAwayWith503AndRetryAfterKeepsItsBreakerClosedAndIsPassedOn() {
        stubs.assignment().mode(StubUpstream.Mode.UNAVAILABLE);
        for (int i = 0; i < 10; i++) {
            given().get("/api/v1/cases").then().statusCode(503).header("Retry-After", "1")
                    .body("type", equalTo("urn:minhu:problem:unavailable"));
        }
        assertThat(stubs.assignment().begun()).as("every call reached the service").isEqualTo(10);
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.CLOSED);
        // the database is back: the next call is served at once, with no breaker delay to wait out
        stubs.assignment().mode(StubUpstream.Mode.OK);
        given().get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void aServiceAnswering500RepeatedlyOpensTheBreakerSo503WithRetryAfterAndNoCallsReachItUntilTheDelayIsOver() {
        stubs.assignment().mode(StubUpstream.Mode.SERVER_ERROR);
        for (int i = 0; i < 10; i++) {
            // the service's own answer is passed on while the breaker is closed
            given().get("/api/v1/cases").then().statusCode(500).body("type", equalTo("urn:minhu:problem:internal"));
        }
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.OPEN);
        int calls = stubs.assignment().begun();
        assertThat(calls).isEqualTo(10);
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/cases").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("status", equalTo(503)).body("type", equalTo("urn:minhu:problem:unavailable"));
        }
        assertThat(stubs.assignment().begun()).isEqualTo(calls);
        // another service's breaker is its own
        given().get("/api/v1/petitions").then().statusCode(200);

        // once the delay is over a trial call reaches the service; it has recovered, so the breaker closes
        stubs.assignment().mode(StubUpstream.Mode.OK);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().get("/api/v1/cases").then().statusCode(200));
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void answersWith4xxNeverOpenTheBreaker() {
        stubs.assignment().mode(StubUpstream.Mode.CLIENT_ERROR);
        for (int i = 0; i < 20; i++) {
            given().get("/api/v1/cases/no-such-case").then().statusCode(404);
        }
        assertThat(stubs.assignment().begun()).isEqualTo(20);
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.CLOSED);
    }
}
