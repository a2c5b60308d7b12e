package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * A service's breaker closes as soon as the service's readiness comes back after being down
 * ({@link BreakerRecovery}), not when the breaker's delay (here a minute, so that waiting for it
 * cannot pass the test) is over; while a failing service's readiness never went down, the breaker
 * keeps to its delay.
 */
@Timeout(60)
@QuarkusTest
@TestProfile(BreakerRecoveryTest.LongBreakerDelay.class)
class BreakerRecoveryTest extends FreshUpstreams {

    static final String DELAY = "60s";

    /** {@link UpstreamStubs} sets the breaker's delay to {@link #DELAY} for this profile. */
    public static class LongBreakerDelay implements QuarkusTestProfile {
    }

    private void openTheBreaker() {
        stubs.assignment().mode(StubUpstream.Mode.SERVER_ERROR);
        for (int i = 0; i < 10; i++) {
            given().get("/api/v1/cases").then().statusCode(500);
        }
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.OPEN);
    }

    @Test
    void theBreakerClosesAtOnceWhenTheServicesReadinessReturns() throws InterruptedException {
        // the service's database is gone: its calls fail and its readiness says DOWN
        stubs.assignment().ready(false);
        openTheBreaker();
        // long enough for the gateway to see the readiness down
        Thread.sleep(4 * BreakerRecovery.PERIOD_MS);
        given().get("/api/v1/cases").then().statusCode(503);

        stubs.assignment().mode(StubUpstream.Mode.OK);
        stubs.assignment().ready(true);
        long back = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> given().get("/api/v1/cases").then().statusCode(200));
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(3));
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void aServiceFailingWhileItsReadinessStaysUpKeepsItsBreakerOpen() throws InterruptedException {
        openTheBreaker();
        int calls = stubs.assignment().begun();
        Thread.sleep(8 * BreakerRecovery.PERIOD_MS);
        given().get("/api/v1/cases").then().statusCode(503).header("Retry-After", "60");
        assertThat(stubs.assignment().begun()).isEqualTo(calls);
        assertThat(breakers.currentState(Upstreams.breakerName("assignment"))).isEqualTo(CircuitBreakerState.OPEN);
    }
}
