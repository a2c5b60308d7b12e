package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.testsupport.LocalIdentity;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** What the gateway adds to, checks on and answers for a request before a service sees it. */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class ForwardingTest {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    UpstreamStubs stubs;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        stubs.reset();
        breakers.resetAll();
    }

    @Test
    void forwardedHeadersAndAValidRequestIdReachTheServiceAndTheIdComesBack() {
        given().header("X-Request-Id", "req-gw-42").header("X-Forwarded-For", "203.0.113.9")
                .get("/api/v1/petitions/p-1?limit=5").then().statusCode(200).header("X-Request-Id", "req-gw-42");
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.uri()).isEqualTo("/api/v1/petitions/p-1?limit=5");
        assertThat(got.headers().get("X-Request-Id")).isEqualTo("req-gw-42");
        // the client's own claim is not passed on: the gateway says who called
        assertThat(got.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(got.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(got.headers().get("X-Forwarded-Host")).isEqualTo("localhost:" + Http.port());
        assertThat(got.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void anInvalidRequestIdIsReplacedByANewOneThatTheServiceAndTheCallerBothGet() {
        String answered = given().header("X-Request-Id", "not a valid id")
                .get("/api/v1/cases").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(answered).matches(UUID);
        assertThat(stubs.assignment().last().headers().get("X-Request-Id")).isEqualTo(answered);
    }

    @Test
    void aForgedTokenIsRefusedAtTheGatewayAndAValidOneIsPassedOn() {
        given().auth().oauth2(LocalIdentity.signedByStranger("mallory", "admin")).get("/api/v1/units")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        assertThat(stubs.assignment().begun()).isZero();
        String token = Tokens.staff("Z-WSJKQ-health");
        given().auth().oauth2(token).get("/api/v1/units").then().statusCode(200);
        assertThat(stubs.assignment().last().headers().get("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void corsPreflightFromAConfiguredOriginGetsTheAllowHeadersAndFromAnotherDoesNot() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/petitions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Idempotency-Key"));
        // Quarkus lists the allowed methods and headers either way; without Allow-Origin a browser refuses all the same
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/petitions").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        // preflights are the gateway's business
        assertThat(stubs.petition().begun()).isZero();
    }
}
