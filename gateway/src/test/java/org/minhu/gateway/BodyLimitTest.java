package org.minhu.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/** The body limit ({@code minhu.gateway.max-body-bytes}, 64 KB by default), with and without a Content-Length. */
// no call may hang the build: the gateway promises an answer within its timeouts
@Timeout(60)
@QuarkusTest
class BodyLimitTest extends FreshUpstreams {

    static final int LIMIT = 64 * 1024;
    static final int TEN_MB = 10 * 1024 * 1024;

    @Inject
    Vertx vertx;

    @Test
    void aChunkedBodyOverTheLimitGets413AtTheGatewayAndTheServiceReceivesNothing() {
        for (int size : new int[] {LIMIT + 1, TEN_MB}) {
            HttpResponse<String> answer = Http.postChunked("/api/v1/petitions", new byte[size]);
            assertTooLarge(answer, size + " bytes");
        }
        assertThat(stubs.petition().begun()).isZero();
    }

    @Test
    void anAttachmentUploadOfTenMegabytesPassesButNotOneOverItsLimitNorALargeBodyElsewhere() {
        String upload = "/api/v1/petitions/0b5a2f4e-7c1d-4e8a-9b1f-3c2d1e0f9a87/attachments";
        byte[] file = random(TEN_MB + 4096); // a 10 MB file with its multipart framing
        assertThat(Http.post(upload, file).statusCode()).isEqualTo(200);
        assertThat(stubs.petition().last().body().getBytes()).isEqualTo(file);
        assertThat(Http.postChunked(upload, file).statusCode()).isEqualTo(200);
        assertThat(stubs.petition().last().body().length()).isEqualTo(file.length);
        assertTooLarge(Http.post(upload, new byte[11 * 1024 * 1024 + 1]), "an upload over 11 MB");
        assertTooLarge(Http.postChunked(upload, new byte[11 * 1024 * 1024 + 1]), "a chunked upload over 11 MB");
        // the large limit is the upload path's only: its neighbours and the request itself keep 64 KB
        assertTooLarge(Http.post(upload + "/x", new byte[LIMIT + 1]), "below the upload path");
        assertTooLarge(Http.post("/api/v1/petitions/0b5a2f4e-7c1d-4e8a-9b1f-3c2d1e0f9a87/additions", new byte[LIMIT + 1]), "additions");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsPassedOnWholeWithAContentLength() {
        byte[] body = random(LIMIT);
        try (Http.Raw raw = new Http.Raw()) {
            raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").sendChunked(body, 1, 40_000, LIMIT - 40_001);
            assertThat(raw.read().status()).isEqualTo(200);
        }
        StubUpstream.Received got = stubs.petition().last();
        assertThat(got.body().getBytes()).isEqualTo(body);
        assertThat(got.headers().get("Content-Length")).isEqualTo(String.valueOf(LIMIT));
        assertThat(got.headers().get("Transfer-Encoding")).isNull();
    }

    @Test
    void aBodyWhoseContentLengthIsOverTheLimitGets413AndTheServiceIsNotCalled() {
        assertTooLarge(Http.post("/api/v1/petitions", new byte[LIMIT + 1]), "sent at once");
        // a client that waits for 100-continue before sending hears 413 instead, and need not send the body
        try (Http.Raw raw = new Http.Raw()) {
            Http.Answer answer = raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + TEN_MB
                    + "\r\nExpect: 100-continue\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.header("Connection")).isEqualTo("close");
        }
        assertThat(stubs.petition().begun()).isZero();
    }

    @Test
    void aClientWaitingFor100ContinueIsToldToGoOnAndTheServiceGetsItsBodyButNotTheExpectation() {
        byte[] body = random(1000);
        try (Http.Raw raw = new Http.Raw()) {
            raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);
            assertThat(raw.send(body).read().status()).isEqualTo(200);
            raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);
            assertThat(raw.sendChunked(body, 999, 1).read().status()).isEqualTo(200);
        }
        assertThat(stubs.petition().received()).hasSize(2).allSatisfy(got -> {
            assertThat(got.body().getBytes()).isEqualTo(body);
            assertThat(got.headers().get("Expect")).isNull();
        });
    }

    @Test
    void tenOversizedChunkedUploadsDoNotOpenTheBreakerAndTheNextCallIsServed() {
        for (int i = 0; i < 10; i++) {
            assertTooLarge(Http.postChunked("/api/v1/petitions", new byte[TEN_MB]), "upload " + i);
        }
        given().auth().oauth2(Tokens.citizen("citizen-after-uploads")).get("/api/v1/petitions").then().statusCode(200);
        assertThat(stubs.petition().begun()).isEqualTo(1);
        assertThat(breakers.currentState(Upstreams.breakerName("petition"))).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void clientsThatGiveUpHalfWayThroughTheirUploadsNeverCountAgainstTheService() {
        // streamed (Content-Length): the service has begun receiving each when the client leaves
        for (int i = 1; i <= 10; i++) {
            try (Http.Raw raw = new Http.Raw()) {
                raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n").send(new byte[100]);
                int begun = i;
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stubs.petition().begun() == begun);
            }
        }
        // chunked: read at the gateway, so the service never hears of these
        for (int i = 0; i < 10; i++) {
            try (Http.Raw raw = new Http.Raw()) {
                raw.send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n").send(new byte[100]);
            }
        }
        given().get("/api/v1/petitions").then().statusCode(200);
        assertThat(stubs.petition().received()).hasSize(1);
        assertThat(breakers.currentState(Upstreams.breakerName("petition"))).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void clientsThatStallTheirUploadsGet408AndNeverCountAgainstTheService() {
        List<Http.Raw> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                stalled.add(new Http.Raw().send("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n")
                        .send(new byte[100]));
            }
            for (Http.Raw raw : stalled) {
                Http.Answer answer = raw.read();
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(answer.header("Connection")).isEqualTo("close");
                assertThat(new JsonObject(answer.body()).getInteger("status")).isEqualTo(408);
            }
        } finally {
            stalled.forEach(Http.Raw::close);
        }
        given().get("/api/v1/petitions").then().statusCode(200);
        assertThat(breakers.currentState(Upstreams.breakerName("petition"))).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void overHttp2ABodyWithoutContentLengthIsHeldToTheSameLimit() throws Exception {
        HttpClient h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            byte[] body = random(LIMIT);
            HttpClientResponse passed = sendWithoutLength(h2, body);
            assertThat(passed.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(stubs.petition().last().body().getBytes()).isEqualTo(body);
            assertThat(stubs.petition().last().headers().get("Content-Length")).isEqualTo(String.valueOf(LIMIT));

            HttpClientResponse refused = sendWithoutLength(h2, new byte[TEN_MB]);
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(stubs.petition().begun()).isEqualTo(1);
            // the refusal reset only its own stream: the connection still serves, bodies or none
            assertThat(sendWithoutLength(h2, body).statusCode()).isEqualTo(200);
            assertThat(h2.request(HttpMethod.GET, Http.port(), "localhost", "/api/v1/petitions")
                    .compose(req -> req.send()).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
        } finally {
            h2.close();
        }
    }

    /** An HTTP/2 POST whose body goes in 16 KB frames with no {@code Content-Length}. */
    private static HttpClientResponse sendWithoutLength(HttpClient client, byte[] body) throws Exception {
        return client.request(HttpMethod.POST, Http.port(), "localhost", "/api/v1/petitions").compose(req -> {
            // the refusal resets the stream while frames are still being written; the answer is what counts here
            req.setChunked(true).exceptionHandler(e -> { });
            for (int offset = 0; offset < body.length; offset += 16 * 1024) {
                req.write(Buffer.buffer(Arrays.copyOfRange(body, offset, Math.min(body.length, offset + 16 * 1024))));
            }
            req.end();
            return req.response();
        }).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void assertTooLarge(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as(what).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
        JsonObject problem = new JsonObject(answer.body());
        assertThat(problem.getInteger("status")).as(what).isEqualTo(413);
        assertThat(problem.getString("type")).as(what).isEqualTo("urn:minhu:problem:payload-too-large");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
