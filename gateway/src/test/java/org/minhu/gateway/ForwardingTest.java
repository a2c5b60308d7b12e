package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.jwtcache.CachingJwtParser;
import org.minhu.localservers.LocalIdentity;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

/** What the gateway adds to, checks on and answers for a request before a service sees it. */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class ForwardingTest extends FreshUpstreams {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    JWTParser parser;

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
    void eachPublicPathReachesTheServiceThatServesIt() {
        String id = java.util.UUID.randomUUID().toString();
        Map<String, java.util.function.Supplier<StubUpstream>> routes = new java.util.LinkedHashMap<>();
        routes.put("/api/v1/petitions/similar?categoryCode=health", stubs::petition);
        routes.put("/api/v1/petitions/" + id + "/supporters", stubs::petition);
        routes.put("/api/v1/petitions/" + id + "/withdrawal", stubs::assignment);
        routes.put("/api/v1/petitions/" + id + "/feedback", stubs::feedback);
        routes.put("/api/v1/knowledge/public?q=%E5%8C%BB%E4%BF%9D", stubs::assignment);
        routes.put("/api/v1/cases/" + id + "/notes", stubs::assignment);
        routes.put("/api/v1/notifications?unreadOnly=true", stubs::notification);
        routes.put("/api/v1/notifications/" + id + "/read", stubs::notification);
        routes.put("/api/v1/notification-preferences", stubs::notification);
        routes.put("/api/v1/notification-deliveries?petitionId=" + id, stubs::notification);
        routes.put("/api/v1/dead-letters/notification", stubs::notification);
        routes.forEach((path, stub) -> {
            given().urlEncodingEnabled(false).get(path).then().statusCode(200); // the paths are sent as written
            assertThat(stub.get().last().uri()).as(path).isEqualTo(path);
        });
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
    void aValidTokenIsVerifiedOnceAndKeptWhileForgedOnesAreStillRefused() {
        assertThat(parser).isInstanceOf(CachingJwtParser.class);
        CachingJwtParser cache = (CachingJwtParser) parser;
        long before = cache.size();
        String token = Tokens.citizen("citizen-token-cache");
        given().auth().oauth2(token).get("/api/v1/units").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/units").then().statusCode(200);
        assertThat(cache.size()).isEqualTo(before + 1);
        // the same subject, signed by someone else: refused however often the real one came
        given().auth().oauth2(LocalIdentity.signedByStranger("citizen-token-cache", "citizen")).get("/api/v1/units")
                .then().statusCode(401);
        assertThat(cache.size()).isEqualTo(before + 1);
    }

    @Test
    void corsPreflightFromAConfiguredOriginGetsTheAllowHeadersAndFromAnotherDoesNot() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/petitions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Idempotency-Key"));
        // refused with a problem, and no Allow-Origin: a browser refuses the call
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/petitions").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:cors-origin-not-allowed"))
                .header("Access-Control-Allow-Origin", nullValue());
        // preflights are the gateway's business
        assertThat(stubs.petition().begun()).isZero();
    }

    @Test
    void tokensIssuedInTheFutureLivingTooLongOrNotMeantForMinhuAreRefusedAndReachNoService() {
        LocalIdentity id = LocalIdentity.shared();
        Instant now = Instant.now();
        // within the skew (60 s) an issuer's clock may be ahead; beyond, no
        given().auth().oauth2(id.token("c-future", "citizen", null, now.plusSeconds(30), now.plusSeconds(3600), "minhu"))
                .get("/api/v1/petitions").then().statusCode(200);
        stubs.reset();
        for (String refused : new String[] {
                id.token("c-future", "citizen", null, now.plusSeconds(600), now.plusSeconds(4000), "minhu"),
                // citizens: at most a day; staff roles: at most 12 hours
                id.token("c-long", "citizen", null, now, now.plus(Duration.ofHours(25)), "minhu"),
                id.token("staff-long", "unit_staff", "Z-WSJKQ-health", now, now.plus(Duration.ofHours(13)), "minhu"),
                id.token("admin-long", "admin", "city-gc", now, now.plus(Duration.ofHours(13)), "minhu"),
                // the audience must be Minhu
                id.token("c-aud", "citizen", null, now, now.plusSeconds(3600), null),
                id.token("c-aud", "citizen", null, now, now.plusSeconds(3600), "another-platform")}) {
            given().auth().oauth2(refused).get("/api/v1/petitions").then().statusCode(401)
                    .contentType("application/problem+json").body("type", equalTo("urn:minhu:problem:unauthenticated"));
        }
        assertThat(stubs.petition().begun()).isZero();
        // what is allowed passes: a citizen's 20 hours, staff's 12
        given().auth().oauth2(id.token("c-ok", "citizen", null, now, now.plus(Duration.ofHours(20)), "minhu"))
                .get("/api/v1/petitions").then().statusCode(200);
        given().auth().oauth2(id.token("staff-ok", "unit_staff", "Z-WSJKQ-health", now, now.plus(Duration.ofHours(12)), "minhu"))
                .get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void demoTokensNameMinhuAsAudienceAndLiveNoLongerThanTheirRoleMayAndThenPass() {
        String staff = given().contentType("application/json").body("{\"role\":\"governance\",\"sub\":\"gc-1\",\"unitId\":\"500108-gc\"}")
                .post("/dev/tokens").then().statusCode(201).body("expiresIn", equalTo(12 * 3600)).extract().path("token");
        io.vertx.core.json.JsonObject claims = new io.vertx.core.json.JsonObject(new String(
                java.util.Base64.getUrlDecoder().decode(staff.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(claims.getValue("aud").toString()).contains("minhu");
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(12 * 3600L);
        given().auth().oauth2(staff).get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void demoTokensRefuseToStartOnANetworkAddressWithoutTheSecondFlag() {
        assertThat(DevTokens.refusal("0.0.0.0", false)).contains("minhu.gateway.demo-tokens-on-network=true");
        assertThat(DevTokens.refusal("192.0.2.10", false)).contains("not a loopback address");
        assertThat(DevTokens.refusal("0.0.0.0", true)).isNull();
        assertThat(DevTokens.refusal("127.0.0.1", false)).isNull();
        assertThat(DevTokens.refusal("localhost", false)).isNull();
        assertThat(DevTokens.refusal("::1", false)).isNull();
    }

    @Test
    void locationAndLinkPointAtTheGatewaysPublicOriginNotAtTheService() {
        stubs.petition().mode(StubUpstream.Mode.CREATED);
        String internal = stubs.petition().url();
        // a direct caller: the gateway's own address; an untrusted caller's X-Forwarded-Host is ignored
        var direct = given().header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .post("/api/v1/petitions").then().statusCode(201).extract();
        assertThat(direct.header("Location")).isEqualTo("http://localhost:" + Http.port() + "/api/v1/petitions/p-new");
        assertThat(direct.header("Link")).isEqualTo("<http://localhost:" + Http.port() + "/api/v1/petitions?cursor=abc>; rel=\"next\"");
        // behind a trusted proxy (TLS ends there): its scheme and host
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            Http.Answer answer = proxy.get("/api/v1/petitions", "X-Forwarded-Proto: https", "X-Forwarded-Host: minhu.example.gov.cn",
                    "X-Forwarded-For: 203.0.113.9");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Location")).isEqualTo("https://minhu.example.gov.cn/api/v1/petitions/p-new");
            assertThat(answer.header("Link")).isEqualTo("<https://minhu.example.gov.cn/api/v1/petitions?cursor=abc>; rel=\"next\"");
            assertThat(answer.toString()).doesNotContain(internal);
        }
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(got.headers().get("X-Forwarded-Host")).isEqualTo("minhu.example.gov.cn");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostAddressThatIsNotAProxy() {
        try (Http.Raw proxy = new Http.Raw(UpstreamStubs.PROXY_ADDRESS)) {
            // the client claimed 198.51.100.7 itself; the proxy appended what it saw, then itself
            assertThat(proxy.get("/api/v1/petitions", "X-Forwarded-For: 198.51.100.7, 203.0.113.9, 127.0.0.2").status()).isEqualTo(200);
        }
        assertThat(stubs.petition().last().headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9");
        // a peer that is no trusted proxy is the client, whatever it says
        try (Http.Raw direct = new Http.Raw("127.0.0.3")) {
            assertThat(direct.get("/api/v1/petitions", "X-Forwarded-For: 203.0.113.9").status()).isEqualTo(200);
        }
        assertThat(stubs.petition().last().headers().get("X-Forwarded-For")).isEqualTo("127.0.0.3");
    }

    @Test
    void everyAnswerSaysNosniffAndPersonalDataIsNeverStored() {
        stubs.petition().mode(StubUpstream.Mode.CREATED);
        // a service's answer on a path with personal data: its caching is overridden
        given().post("/api/v1/petitions").then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        // public data keeps the service's caching
        given().get("/api/v1/categories").then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "max-age=60");
        given().get("/open311/v2/services.json").then().header("Cache-Control", "max-age=60");
        given().get("/open311/v2/requests.json").then().header("Cache-Control", "no-store");
        // the gateway's own answers too
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/q/health/ready").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().auth().oauth2(LocalIdentity.signedByStranger("mallory", "admin")).get("/api/v1/units").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    @Test
    void tooLongARequestLineOrTooManyHeaderBytesGetProblemJsonAndReachNoService() {
        given().get("/api/v1/petitions?q=" + "x".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414)).header("X-Content-Type-Options", "nosniff");
        given().header("X-Big", "y".repeat(25_000)).get("/api/v1/petitions").then().statusCode(431)
                .contentType("application/problem+json").body("status", equalTo(431));
        assertThat(stubs.petition().begun()).isZero();
        // a body over /dev/tokens' own limit, chunked: problem+json as well
        var answer = Http.postChunked("/dev/tokens", new byte[10_000]);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        // a target that is not a valid URI: Quarkus' root handler refuses it (400) before any route or filter, with an
        // empty body that nothing can change (see the README); it reaches no service either
        try (Http.Raw raw = new Http.Raw()) {
            assertThat(raw.get("/api/v1/petitions/%zz").status()).isEqualTo(400);
        }
        assertThat(stubs.petition().begun()).isZero();
    }
}
