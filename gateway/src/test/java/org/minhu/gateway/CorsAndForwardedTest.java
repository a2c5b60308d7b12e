package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.localservers.LocalIdentity;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What a browser on another origin may read of the gateway's answers (CORS beyond the preflight, which
 * {@link ForwardingTest} covers), and that RFC 7239 {@code Forwarded} from a caller is believed no more
 * than its {@code X-Forwarded-*}: the client and the public origin are what the gateway determined.
 */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class CorsAndForwardedTest extends FreshUpstreams {

    static final String FRONT_END = "http://localhost:5173";

    @Test
    void anActualRequestFromAConfiguredOriginMayReadTheAnswerAndItsLocationAndRequestId() {
        stubs.petition().mode(StubUpstream.Mode.CREATED);
        given().header("Origin", FRONT_END).post("/api/v1/petitions").then().statusCode(201)
                .header("Access-Control-Allow-Origin", FRONT_END)
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        assertThat(stubs.petition().begun()).isEqualTo(1);
        // the other configured origin too, each answered with its own name (never a wildcard)
        given().header("Origin", "http://localhost:3000").get("/api/v1/petitions").then().statusCode(201)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @Test
    void theGatewaysOwnRefusalsReachAConfiguredOriginReadably() {
        // a browser can show the problem only if the refusal carries the CORS headers as well
        given().header("Origin", FRONT_END).auth().oauth2(LocalIdentity.signedByStranger("mallory", "admin"))
                .get("/api/v1/units").then().statusCode(401).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", FRONT_END);
        given().header("Origin", FRONT_END).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").header("Access-Control-Allow-Origin", FRONT_END);
        assertThat(stubs.assignment().begun()).isZero();
    }

    @Test
    void anActualRequestFromAForeignOriginGetsNoCorsHeadersAndReachesNoService() {
        // refused with a problem saying why (not an empty 403); without Allow-Origin a browser reads none of it
        given().header("Origin", "https://elsewhere.example").get("/api/v1/petitions").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:cors-origin-not-allowed")).body("status", equalTo(403))
                .body("detail", containsString("https://elsewhere.example"))
                .header("Access-Control-Allow-Origin", nullValue()).header("X-Content-Type-Options", "nosniff");
        // an origin that merely starts like a configured one is another origin
        given().header("Origin", FRONT_END + ".evil.example").get("/api/v1/petitions").then()
                .statusCode(403).contentType("application/problem+json").header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://localhost:5173").post("/api/v1/petitions").then()
                .statusCode(403).contentType("application/problem+json").header("Access-Control-Allow-Origin", nullValue());
        assertThat(stubs.petition().begun()).isZero();
        // the gateway's own origin (the web front-end it serves) is not cross-origin: served
        given().header("Origin", "http://localhost:" + Http.port()).get("/api/v1/petitions").then().statusCode(200);
        // a request with no Origin (curl, a server) is not a browser's cross-origin request: served as ever
        given().get("/api/v1/petitions").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void forwardedFromAPeerThatIsNoTrustedProxyChangesNeitherTheClientNorThePublicOrigin() {
        stubs.petition().mode(StubUpstream.Mode.CREATED);
        try (Http.Raw direct = new Http.Raw("127.0.0.3")) {
            Http.Answer answer = direct.get("/api/v1/petitions", "Forwarded: for=198.51.100.7;proto=https;host=evil.example",
                    "X-Forwarded-For: 198.51.100.7", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Location")).isEqualTo("http://localhost:" + Http.port() + "/api/v1/petitions/p-new");
        }
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.3");
        assertThat(got.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(got.headers().get("X-Forwarded-Host")).isEqualTo("localhost:" + Http.port());
        // nor are the caller's own claims passed on to the service
        assertThat(got.headers().get("Forwarded")).isNull();
    }

    @Test
    void everyForwardedOrXForwardedHeaderOfAnUntrustedPeerIsDroppedWhileATrustedProxysExtrasPass() {
        try (Http.Raw direct = new Http.Raw("127.0.0.3")) {
            assertThat(direct.get("/api/v1/petitions", "Forwarded: for=198.51.100.7", "X-Forwarded-Port: 443",
                    "X-Forwarded-Prefix: /evil", "X-Forwarded-Server: evil.example", "X-Real-IP: 198.51.100.7",
                    "X-Request-Id: kept-1").status()).isEqualTo(200);
        }
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.headers().names()).noneMatch(n -> n.equalsIgnoreCase("Forwarded") || n.equalsIgnoreCase("X-Real-IP")
                || (n.toLowerCase().startsWith("x-forwarded-") && !n.equalsIgnoreCase("X-Forwarded-For")
                        && !n.equalsIgnoreCase("X-Forwarded-Proto") && !n.equalsIgnoreCase("X-Forwarded-Host")));
        assertThat(got.headers().get("X-Request-Id")).isEqualTo("kept-1");
        // a trusted proxy's own headers are its business and pass
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            assertThat(proxy.get("/api/v1/petitions", "X-Forwarded-For: 203.0.113.9", "X-Forwarded-Port: 443").status()).isEqualTo(200);
        }
        assertThat(stubs.petition().last().headers().get("X-Forwarded-Port")).isEqualTo("443");
        assertThat(stubs.petition().last().headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxysForwardedForIsUsedAndItsForgeriesFurtherLeftAreNot() {
        stubs.petition().mode(StubUpstream.Mode.CREATED);
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            // the client forged a whole chain; the proxy appended the address it saw
            Http.Answer answer = proxy.get("/api/v1/petitions", "X-Forwarded-For: 10.0.0.1, 127.0.0.2, 203.0.113.9",
                    "X-Forwarded-Proto: https", "X-Forwarded-Host: minhu.example.gov.cn");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Location")).isEqualTo("https://minhu.example.gov.cn/api/v1/petitions/p-new");
        }
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(got.headers().getAll("X-Forwarded-For")).hasSize(1);
        assertThat(got.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        // a proxy that sends no X-Forwarded-For: the client is the proxy itself, never a guess
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            assertThat(proxy.get("/api/v1/petitions").status()).isEqualTo(201);
        }
        assertThat(stubs.petition().last().headers().get("X-Forwarded-For")).isEqualTo(UpstreamStubs.PROXY_ADDRESS);
        // garbage where an address should be stops the walk at the last good hop
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            assertThat(proxy.get("/api/v1/petitions", "X-Forwarded-For: 203.0.113.9, not-an-address").status()).isEqualTo(201);
        }
        assertThat(stubs.petition().last().headers().get("X-Forwarded-For")).isEqualTo(UpstreamStubs.PROXY_ADDRESS);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
