package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;

/** A service that hangs or is down costs its own routes, never the others' nor the gateway's readiness. */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class UpstreamOutageTest extends FreshUpstreams {

    @Test
    void aServiceThatHangsGets504ProblemWithinItsTimeout() {
        stubs.feedback().mode(StubUpstream.Mode.HANG);
        long t0 = System.nanoTime();
        given().get("/api/v1/stats/satisfaction").then().statusCode(504).contentType("application/problem+json")
                .body("status", equalTo(504)).body("detail", containsString("feedback-service"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        // feedback-service's timeout is 1 s here (30 s in production); the rest is slack for a busy machine
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        assertThat(stubs.feedback().begun()).isEqualTo(1);
    }

    @Test
    void aServiceThatDropsTheConnectionWithoutAnAnswerGets502ProblemAtOnceAndCountsAgainstItsBreaker() {
        stubs.petition().mode(StubUpstream.Mode.BROKEN);
        long t0 = System.nanoTime();
        given().get("/api/v1/petitions").then().statusCode(502).contentType("application/problem+json")
                .body("status", equalTo(502)).body("type", equalTo("urn:minhu:problem:bad-gateway"))
                .body("detail", equalTo("petition-service failed to answer"));
        // not a timeout in disguise: the answer comes as soon as the connection is gone
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(stubs.petition().begun()).isEqualTo(1);
        // a broken answer is the service failing: enough of them open its breaker (503 without calling it), others are served
        for (int i = 1; i < 10; i++) {
            given().get("/api/v1/petitions").then().statusCode(502);
        }
        assertThat(breakers.currentState(Upstreams.breakerName("petition")))
                .isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN);
        given().get("/api/v1/petitions").then().statusCode(503).header("Retry-After", notNullValue());
        assertThat(stubs.petition().begun()).isEqualTo(10);
        given().get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void aStoppedServiceIs503OnItsRoutesWhileAnotherIsServedAndTheGatewayStaysReadyShowingItDown() {
        stubs.feedback().stop();
        long t0 = System.nanoTime();
        given().get("/api/v1/stats/satisfaction").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503))
                .body("detail", containsString("feedback-service"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        given().get("/api/v1/petitions").then().statusCode(200);
        assertThat(stubs.petition().begun()).isEqualTo(1);

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'feedback-service'", startsWith("DOWN"))
                .body("checks.find { it.name == 'upstreams' }.data.'petition-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'assignment-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'petition-service-breaker'", equalTo("closed"));
    }
}
