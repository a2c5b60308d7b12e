package org.minhu.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.minhu.system.SharedSuite.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.localservers.LocalIdentity;
import org.minhu.localservers.ServiceProcess;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The gateway in front of the three packaged services, driven as the front-ends would: tokens
 * from {@code /dev/tokens}, the whole loop through one address, the merged OpenAPI document,
 * an upstream stopped and started again, rate limits, and no {@code /dev/tokens} in production.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSuite.class)
class GatewayTest {

    static String token(String role, String sub, String unitId) {
        Map<String, String> body = new java.util.HashMap<>(Map.of("role", role, "sub", sub));
        if (unitId != null) {
            body.put("unitId", unitId);
        }
        // /dev/tokens counts against the per-address limit like every route: a 429 is waited out
        return pastRateLimit(() -> given().baseUri(gateway.baseUrl()).contentType(ContentType.JSON).body(body).post("/dev/tokens"))
                .then().statusCode(201).extract().path("token");
    }

    /**
     * The answer to {@code request}, sent again after the Retry-After of each 429 from the gateway's
     * per-address limit (20 times at most, then the 429 is the answer).
     */
    static Response pastRateLimit(java.util.function.Supplier<Response> request) {
        for (int attempt = 0; ; attempt++) {
            Response response = request.get();
            if (response.statusCode() != 429 || attempt == 20) {
                return response;
            }
            try {
                Thread.sleep(1000L * Integer.parseInt(response.header("Retry-After")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code spec} with {@code token} as its bearer token and {@code body} as its body, each where not null. */
    private static RequestSpecification withTokenAndBody(RequestSpecification spec, String token, String body) {
        RequestSpecification with = spec;
        if (token != null) {
            with = with.auth().oauth2(token);
        }
        if (body != null) {
            with = with.body(body);
        }
        return with;
    }

    static RequestSpecification as(String token) {
        return given().baseUri(gateway.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Z-WSJKQ-health's satisfaction from {@code firstDay} to today (China time), through the gateway. */
    private static JsonPath unitSatisfaction(String firstDay) {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        return given().baseUri(gateway.baseUrl()).queryParam("unit", "Z-WSJKQ-health").queryParam("from", firstDay)
                .queryParam("to", today).get("/api/v1/stats/satisfaction").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theWholeLoopRunsThroughTheGatewayWithTokensFromDevTokens() {
        // from the day the test began to the day it ends: across midnight in China the rating still falls inside
        String firstDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String citizen = token("citizen", "citizen-gw-1", null);
        String health = token("unit_staff", "staff-ws-1", "Z-WSJKQ-health");
        // the unit's figures before: the suite is shared, other classes' requests may be counted too
        JsonPath before = unitSatisfaction(firstDay);
        Response filed = as(citizen).header("X-Request-Id", "req-gw-1")
                .body(Map.of("title", "关坝镇中心卫生院降压药不足", "description", "卫生院常用降压药经常缺货，希望增加高血压药品的配备。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA", "channel", "app",
                        "contact", Map.of("name", "王小明", "phone", "13812341234")))
                .post("/api/v1/petitions");
        filed.then().statusCode(201).header("X-Request-Id", "req-gw-1")
                // personal data: never stored by a cache; and the new request's address is the gateway's, not the service's
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                .header("Location", org.hamcrest.Matchers.startsWith(gateway.baseUrl() + "/api/v1/petitions/"));
        String id = filed.path("id");
        String caseId = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(health).get("/api/v1/cases?limit=100")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.petitionId == '" + id + "' }.id").stream().findFirst().orElse(null), c -> c != null);
        as(health).post("/api/v1/cases/{id}/sign", caseId).then().statusCode(200);
        as(health).body(Map.of("reply", "已协调区药品配送企业，卫生院自下周起常备三种降压药。")).post("/api/v1/cases/{id}/answer", caseId)
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                Integer.valueOf(1).equals(as(citizen).get("/api/v1/petitions/{id}/feedback", id).then().extract().path("openRound")));
        as(citizen).body(Map.of("satisfaction", "SATISFIED", "solved", "SOLVED")).post("/api/v1/petitions/{id}/feedback", id)
                .then().statusCode(201);
        JsonPath after = unitSatisfaction(firstDay);
        assertThat(after.getInt("total.rated")).isEqualTo(before.getInt("total.rated") + 1);
        assertThat(after.getInt("total.satisfied")).isEqualTo(before.getInt("total.satisfied") + 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "RATED".equals(as(citizen).get("/api/v1/petitions/{id}", id).then().extract().path("status")));
        // another citizen does not see it, through the gateway either
        as(token("citizen", "citizen-gw-2", null)).get("/api/v1/petitions/{id}", id).then().statusCode(404);
    }

    @Test
    void oneTraceFollowsARequestFromTheGatewayThroughTheServiceAndItsEventIntoTheNextServices() {
        String citizen = token("citizen", "citizen-trace-1", null);
        String health = token("unit_staff", "staff-trace-1", "Z-WSJKQ-health");
        // the petitions of the tests before this one are dispatched before the count is taken
        double dispatchedBefore = settled(() -> dispatchCount());
        // a caller that traces its own work sends its traceparent; the gateway's span continues that trace
        String traceId = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1)
                .putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong()).array());
        String id = as(citizen).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("title", "关坝镇卫生院夜间无人值班", "description", "关坝镇中心卫生院夜间经常无人值班，急诊患者只能去区医院。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA", "channel", "web",
                        "contact", Map.of("name", "李华", "phone", "13912345678")))
                .post("/api/v1/petitions").then().log().ifValidationFails().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(health).get("/api/v1/cases?limit=100")
                .then().statusCode(200).extract().jsonPath().<String>getList("items.petitionId").contains(id));

        // one trace: the gateway's span, petition-service's (the request and the relay's publish), and the
        // consumers' spans of petition.submitted in assignment-service and feedback-service
        List<OtlpReceiver.ReceivedSpan> trace = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> collector.trace(traceId), spans -> spans.stream().map(sp -> sp.service() + " " + sp.kind())
                        .collect(java.util.stream.Collectors.toSet()).containsAll(List.of("gateway SERVER", "petition-service SERVER",
                                "petition-service PRODUCER", "assignment-service CONSUMER", "feedback-service CONSUMER")));
        OtlpReceiver.ReceivedSpan atGateway = only(trace, "gateway", "SERVER");
        assertThat(atGateway.parentSpanId()).as("the gateway continues the caller's span").isEqualTo("00f067aa0ba902b7");
        OtlpReceiver.ReceivedSpan forwarded = only(trace, "gateway", "CLIENT");
        assertThat(forwarded.parentSpanId()).isEqualTo(atGateway.spanId());
        assertThat(only(trace, "petition-service", "SERVER").parentSpanId()).as("the service's span is a child of the gateway's call")
                .isEqualTo(forwarded.spanId());
        OtlpReceiver.ReceivedSpan published = only(trace, "petition-service", "PRODUCER");
        assertThat(published.name()).isEqualTo("publish " + org.minhu.common.events.Topics.PETITION_EVENTS);
        // (assignment-service's only consumer span so far: the case.assigned it wrote reaches feedback-service and petition-service)
        OtlpReceiver.ReceivedSpan dispatched = only(trace, "assignment-service", "CONSUMER");
        assertThat(dispatched.name()).isEqualTo("process org.minhu.petition.submitted");
        // the event carried the context of the request that wrote it: its consumers are children of that request's span
        assertThat(trace).as("the consumer's parent is a span of the request in petition-service")
                .anyMatch(s -> s.service().equals("petition-service") && s.spanId().equals(dispatched.parentSpanId()));
        assertThat(trace).as("feedback-service's span of the same event").anyMatch(s -> s.service().equals("feedback-service")
                && s.name().equals(dispatched.name()) && s.parentSpanId().equals(dispatched.parentSpanId()));
        // the event assignment-service wrote in turn (petition.assigned) goes on in the same trace, into petition-service
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> collector.trace(traceId).stream().anyMatch(s ->
                s.service().equals("petition-service") && s.kind().equals("CONSUMER")
                        && s.name().equals("process org.minhu.case.assigned")));

        // and the submit -> assigned histogram counted this petition once
        assertThat(settled(() -> dispatchCount())).isEqualTo(dispatchedBefore + 1);
        // Kafka's own spans are not made: the trace runs through the events' context, not through a span per poll
        assertThat(collector.trace(traceId)).noneMatch(s -> s.name().endsWith(" receive"));
        // no span of another request joined this trace
        assertThat(collector.trace(traceId)).noneMatch(s -> s.service().equals("gateway") && s != atGateway
                && s.kind().equals("SERVER"));
    }

    private static OtlpReceiver.ReceivedSpan only(List<OtlpReceiver.ReceivedSpan> trace, String service, String kind) {
        List<OtlpReceiver.ReceivedSpan> found = trace.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).toList();
        assertThat(found).as("%s spans of %s in the trace: %s", kind, service, trace).hasSize(1);
        return found.get(0);
    }

    /** assignment-service's {@code minhu_dispatch_latency_seconds_count}: cases dispatched since it started. */
    private static double dispatchCount() {
        String text = given().baseUri(assignment.baseUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        return org.minhu.testsupport.PrometheusText.parse(text).sum("minhu_dispatch_latency_seconds_count");
    }

    /** {@code read}'s value once it stopped changing for a second (at most 30 s). */
    private static double settled(java.util.concurrent.Callable<Double> read) {
        double[] last = {Double.NaN};
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    double now = read.call();
                    boolean stable = now == last[0];
                    last[0] = now;
                    return stable ? now : null;
                }, v -> v != null);
    }

    @Test
    void badTokensAreRefusedAtTheGatewayAndAnonymousCallsByTheServices() throws java.io.IOException {
        List<String> badTokens = List.of(LocalIdentity.unsigned("citizen-x", "citizen"),
                LocalIdentity.signedByStranger("citizen-x", "citizen"),
                infra.identity().token("citizen-x", "citizen", null, Duration.ofMinutes(-5)));
        // The gateway's refusal and the service's look alike (401 problem+json), so who refused is shown with a
        // gateway in front of an upstream that lets everything in and records what reaches it.
        try (AcceptingUpstream upstream = AcceptingUpstream.start();
             ServiceProcess guard = startGateway("gateway-guard", null, upstream.url(), upstream.url(), upstream.url())) {
            guard.awaitReady(Duration.ofSeconds(120));
            for (String bad : badTokens) {
                given().baseUri(guard.baseUrl()).auth().oauth2(bad).get("/api/v1/petitions").then().statusCode(401)
                        .contentType("application/problem+json").body("type", equalTo("urn:minhu:problem:unauthenticated"));
            }
            assertThat(upstream.apiRequests()).as("requests with a bad token that the gateway passed on").isEmpty();
            // what the gateway lets through reaches the service, which decides: an anonymous call, a valid token
            given().baseUri(guard.baseUrl()).get("/api/v1/petitions").then().statusCode(200);
            given().baseUri(guard.baseUrl()).auth().oauth2(infra.identity().citizen("citizen-x"))
                    .get("/api/v1/petitions").then().statusCode(200);
            assertThat(upstream.apiRequests()).containsExactly("GET /api/v1/petitions anonymous",
                    "GET /api/v1/petitions with a token");
        }
        // the service refuses anonymous callers itself, directly and through the gateway, and checks tokens again
        given().baseUri(petitions.baseUrl()).get("/api/v1/petitions").then().statusCode(401).contentType("application/problem+json");
        given().baseUri(gateway.baseUrl()).get("/api/v1/petitions").then().statusCode(401).contentType("application/problem+json");
        for (String bad : badTokens) {
            given().baseUri(petitions.baseUrl()).auth().oauth2(bad).get("/api/v1/petitions").then().statusCode(401);
            given().baseUri(gateway.baseUrl()).auth().oauth2(bad).get("/api/v1/petitions").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().baseUri(gateway.baseUrl()).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().baseUri(gateway.baseUrl()).contentType(ContentType.JSON).body(Map.of("role", "emperor", "sub", "x"))
                .post("/dev/tokens").then().statusCode(400).contentType("application/problem+json");
    }

    /**
     * A stand-in for every upstream service: answers 200 to anything (so it is ready, and a request passed on to it
     * is not refused) and records the {@code /api/} requests that reach it.
     */
    static final class AcceptingUpstream implements AutoCloseable {

        private final com.sun.net.httpserver.HttpServer server;
        private final List<String> apiRequests = java.util.Collections.synchronizedList(new ArrayList<>());

        private AcceptingUpstream(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static AcceptingUpstream start() throws java.io.IOException {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            AcceptingUpstream upstream = new AcceptingUpstream(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/api/")) {
                    upstream.apiRequests.add(exchange.getRequestMethod() + " " + path
                            + (exchange.getRequestHeaders().containsKey("Authorization") ? " with a token" : " anonymous"));
                }
                byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return upstream;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> apiRequests() {
            synchronized (apiRequests) {
                return List.copyOf(apiRequests);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theMergedOpenApiDocumentHoldsEveryServicesPublicEndpoints() throws java.io.IOException {
        String body = given().baseUri(gateway.baseUrl()).get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIParser().readContents(body, null, null);
        assertThat(result.getMessages()).isEmpty();
        // kept for .ci/run, which lints it with Redocly and Spectral
        java.nio.file.Files.createDirectories(Path.of("target/openapi"));
        java.nio.file.Files.writeString(Path.of("target/openapi/minhu-openapi.json"), body);
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/v1/petitions", "/api/v1/categories", "/api/v1/cases/{id}/sign",
                "/api/v1/units", "/api/v1/petitions/{petitionId}/feedback", "/api/v1/stats/satisfaction", "/api/v1/stats/records");
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "NewRating");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        given().baseUri(gateway.baseUrl()).get("/q/swagger-ui/").then().statusCode(200);
    }

    /**
     * Who may call what, written down here rather than read from the code it checks: one row per
     * operation (method and path template as the merged OpenAPI document writes them), then the
     * roles admitted, or {@code public} (anyone, with or without a token; Open311 checks its API key,
     * not a role).
     */
    static final String ROLE_MATRIX = """
            GET    /api/v1/categories                                   public
            GET    /api/v1/regions                                      public
            GET    /api/v1/track/{trackingNumber}                       public
            POST   /api/v1/petitions                                    citizen
            GET    /api/v1/petitions                                    citizen auditor
            GET    /api/v1/petitions/{id}                               citizen auditor unit_staff governance
            GET    /api/v1/petitions/similar                            citizen auditor unit_staff governance
            POST   /api/v1/petitions/{id}/supporters                    citizen
            DELETE /api/v1/petitions/{id}/supporters                    citizen
            POST   /api/v1/petitions/{id}/additions                     citizen
            POST   /api/v1/petitions/{id}/attachments                   citizen unit_staff
            GET    /api/v1/petitions/{id}/attachments                   citizen auditor unit_staff governance
            GET    /api/v1/petitions/{id}/attachments/{attachmentId}    citizen auditor unit_staff governance
            GET    /api/v1/petitions/{id}/attachments/{attachmentId}/thumbnail citizen auditor unit_staff governance
            POST   /api/v1/petitions/{id}/withdrawal                    citizen
            GET    /api/v1/petitions/{petitionId}/feedback              citizen governance
            POST   /api/v1/petitions/{petitionId}/feedback              citizen governance
            POST   /api/v1/petitions/{petitionId}/feedback/call-back    citizen
            GET    /api/v1/cases                                        unit_staff governance admin
            GET    /api/v1/cases/counts                                 unit_staff governance admin
            POST   /api/v1/cases/sign                                   unit_staff governance admin
            GET    /api/v1/cases/{id}                                   unit_staff governance admin
            POST   /api/v1/cases/{id}/sign                              unit_staff governance admin
            POST   /api/v1/cases/{id}/return                            unit_staff governance admin
            POST   /api/v1/cases/{id}/ruling                            unit_staff governance admin
            POST   /api/v1/cases/{id}/transfer                          unit_staff governance admin
            POST   /api/v1/cases/{id}/co-handlers                       unit_staff governance admin
            POST   /api/v1/cases/{id}/extension                         unit_staff governance admin
            POST   /api/v1/cases/{id}/extension/decision                unit_staff governance admin
            POST   /api/v1/cases/{id}/answer                            unit_staff governance admin
            POST   /api/v1/cases/{id}/refusal                           unit_staff governance admin
            POST   /api/v1/cases/{id}/hand-off                          unit_staff governance admin
            GET    /api/v1/cases/{id}/notes                             unit_staff governance admin
            POST   /api/v1/cases/{id}/notes                             unit_staff governance admin
            PUT    /api/v1/cases/{id}/officer                           unit_staff governance admin
            GET    /api/v1/cases/{id}/reply-draft                       unit_staff governance admin
            GET    /api/v1/units                                        unit_staff governance admin
            GET    /api/v1/units/{id}                                   unit_staff governance admin
            POST   /api/v1/units                                        admin
            PATCH  /api/v1/units/{id}                                   admin
            DELETE /api/v1/units/{id}                                   admin
            POST   /api/v1/units/{id}/activate                          admin
            POST   /api/v1/units/{id}/deactivate                        admin
            GET    /api/v1/units/{unitId}/reply-templates               unit_staff governance admin
            POST   /api/v1/units/{unitId}/reply-templates               unit_staff governance admin
            GET    /api/v1/units/{unitId}/reply-templates/{templateId}  unit_staff governance admin
            PUT    /api/v1/units/{unitId}/reply-templates/{templateId}  unit_staff governance admin
            DELETE /api/v1/units/{unitId}/reply-templates/{templateId}  unit_staff governance admin
            GET    /api/v1/knowledge                                    unit_staff governance admin
            POST   /api/v1/knowledge                                    unit_staff governance admin
            GET    /api/v1/knowledge/{id}                               unit_staff governance admin
            PUT    /api/v1/knowledge/{id}                               unit_staff governance admin
            DELETE /api/v1/knowledge/{id}                               unit_staff governance admin
            GET    /api/v1/knowledge/public                             public
            GET    /api/v1/routing-rules                                unit_staff governance admin
            POST   /api/v1/routing-rules                                admin
            GET    /api/v1/routing-rules/dry-run                        unit_staff governance admin
            GET    /api/v1/notifications                                citizen unit_staff governance
            GET    /api/v1/notifications/{id}                           citizen unit_staff governance
            POST   /api/v1/notifications/{id}/read                      citizen unit_staff governance
            POST   /api/v1/notifications/read-all                       citizen unit_staff governance
            GET    /api/v1/notification-preferences                     citizen unit_staff governance
            PUT    /api/v1/notification-preferences                     citizen unit_staff governance
            GET    /api/v1/notification-deliveries                      citizen unit_staff governance admin
            GET    /api/v1/stats/satisfaction                           public
            GET    /api/v1/stats/handling                               public
            GET    /api/v1/stats/records                                public
            GET    /api/v1/stats/rankings                               public
            GET    /api/v1/stats/hotspots                               public
            POST   /api/v1/open311-clients                              admin
            GET    /api/v1/open311-clients                              admin
            DELETE /api/v1/open311-clients/{id}                         admin
            GET    /api/v1/dead-letters/petition                        admin
            GET    /api/v1/dead-letters/petition/{id}                   admin
            POST   /api/v1/dead-letters/petition/replay                 admin
            POST   /api/v1/dead-letters/petition/{id}/replay            admin
            POST   /api/v1/dead-letters/petition/{id}/discard           admin
            GET    /api/v1/dead-letters/assignment                      admin
            GET    /api/v1/dead-letters/assignment/{id}                 admin
            POST   /api/v1/dead-letters/assignment/replay               admin
            POST   /api/v1/dead-letters/assignment/{id}/replay          admin
            POST   /api/v1/dead-letters/assignment/{id}/discard         admin
            GET    /api/v1/dead-letters/feedback                        admin
            GET    /api/v1/dead-letters/feedback/{id}                   admin
            POST   /api/v1/dead-letters/feedback/replay                 admin
            POST   /api/v1/dead-letters/feedback/{id}/replay            admin
            POST   /api/v1/dead-letters/feedback/{id}/discard           admin
            GET    /api/v1/dead-letters/notification                    admin
            GET    /api/v1/dead-letters/notification/{id}               admin
            POST   /api/v1/dead-letters/notification/replay             admin
            POST   /api/v1/dead-letters/notification/{id}/replay        admin
            POST   /api/v1/dead-letters/notification/{id}/discard       admin
            GET    /open311/v2/discovery.{format}                       public
            GET    /open311/v2/services.{format}                        public
            GET    /open311/v2/services/{code}.{format}                 public
            GET    /open311/v2/requests.{format}                        public
            POST   /open311/v2/requests.{format}                        public
            GET    /open311/v2/requests/{id}.{format}                   public
            GET    /open311/v2/tokens/{token}.{format}                  public
            """;

    static final List<String> ROLES = List.of("citizen", "unit_staff", "governance", "auditor", "admin");

    /** Operations meant for other people's requests: a citizen supports (附议) a request someone else filed. */
    static final java.util.Set<String> ON_OTHERS_REQUESTS = java.util.Set.of(
            "POST /api/v1/petitions/{id}/supporters", "DELETE /api/v1/petitions/{id}/supporters");

    /** {@link #ROLE_MATRIX} as "METHOD path" → roles admitted; {@code public} rows admit every role and no token. */
    static Map<String, List<String>> roleMatrix() {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        ROLE_MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s+");
            List<String> roles = List.of(cells).subList(2, cells.length);
            assertThat(ROLES).as("roles of " + line).containsAll(roles.equals(List.of("public")) ? List.of() : roles);
            assertThat(rows.put(cells[0] + " " + cells[1], roles)).as("row given twice: " + line).isNull();
        });
        return rows;
    }

    /**
     * The role × endpoint matrix against {@link #ROLE_MATRIX}, both ways. The merged OpenAPI
     * document holds exactly the table's operations and lists exactly the table's roles on each
     * (none on a public one). Then each operation is called through the gateway by nobody and by
     * each role, with an owner's token on the owner's objects for reads and an object that does not
     * exist (or a body that is not valid) for writes, so nothing changes: a role the table admits is
     * not refused (no 401, no 403, no 5xx), a role it does not admit gets 403, nobody 401; a public
     * operation refuses no one. Lastly every id route called by a role it admits, on an object that
     * is not the caller's (another citizen's petition, another unit's or region's case), answers 404
     * or 403.
     */
    @Test
    void everyOperationAdmitsExactlyTheRolesOfTheWrittenMatrixAndNoOneElsesObjects() {
        Map<String, List<String>> table = roleMatrix();
        String body = given().baseUri(gateway.baseUrl()).get("/q/openapi").then().statusCode(200).extract().asString();
        OpenAPI api = new OpenAPIParser().readContents(body, null, null).getOpenAPI();
        Map<String, List<String>> documented = new java.util.LinkedHashMap<>();
        Map<String, io.swagger.v3.oas.models.Operation> operations = new java.util.HashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String key = method.name() + " " + path;
            // no security requirement (absent or an empty list) is public; a requirement lists the roles it admits
            documented.put(key, op.getSecurity() == null || op.getSecurity().isEmpty() ? List.of("public") : op.getSecurity().stream()
                    .flatMap(r -> r.values().stream()).flatMap(List::stream).distinct().sorted().toList());
            operations.put(key, op);
        }));
        assertThat(documented.keySet()).as("operations of the merged document").containsExactlyInAnyOrderElementsOf(table.keySet());
        List<String> wrong = new ArrayList<>();
        table.forEach((op, roles) -> {
            if (!new java.util.TreeSet<>(documented.get(op)).equals(new java.util.TreeSet<>(roles))) {
                wrong.add(op + ": the document lists " + documented.get(op) + ", the table " + roles);
            }
        });

        // the objects: a citizen's petition, its case at 万盛's health department; the callers are their owners
        String owner = token("citizen", "citizen-matrix-owner", null);
        String petitionId = as(owner).body(Map.of("title", "关坝镇卫生院药品不足", "description", "卫生院常用药品经常缺货，希望增加配备。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA", "channel", "app",
                        "contact", Map.of("name", "王小明", "phone", "13812341234")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String health = token("unit_staff", "staff-matrix-owner", "Z-WSJKQ-health");
        String caseId = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(health).get("/api/v1/cases?limit=100")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.petitionId == '" + petitionId + "' }.id").stream().findFirst().orElse(null),
                c -> c != null);
        Map<String, String> callers = new java.util.LinkedHashMap<>();
        callers.put("citizen", owner);
        callers.put("unit_staff", health);
        callers.put("governance", token("governance", "centre-matrix-owner", "Z-WSJKQ-gc"));
        callers.put("auditor", token("auditor", "auditor-matrix", null));
        callers.put("admin", token("admin", "admin-matrix", "city-gc"));
        String apiKey = as(callers.get("admin")).body(Map.of("name", "role matrix")).post("/api/v1/open311-clients")
                .then().statusCode(201).extract().path("apiKey");
        String serviceCode = given().baseUri(gateway.baseUrl()).get("/open311/v2/services.json").then().statusCode(200)
                .extract().jsonPath().getString("[0].service_code");

        int calls = 0;
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            String verb = row.getKey().substring(0, row.getKey().indexOf(' '));
            String template = row.getKey().substring(verb.length() + 1);
            boolean read = verb.equals("GET");
            boolean open311 = template.startsWith("/open311/");
            String nowhere = java.util.UUID.randomUUID().toString();
            // reads address the owners' objects; writes an object that does not exist, so nothing changes
            String concrete = template.replace("{format}", "json").replace("{code}", serviceCode)
                    .replace("{trackingNumber}", "CQ-20990101-000001")
                    .replace("{token}", nowhere).replace("{petitionId}", read ? petitionId : nowhere)
                    .replace("{attachmentId}", nowhere).replace("{templateId}", nowhere)
                    .replace("{unitId}", read ? "Z-WSJKQ-health" : "no-such-unit-matrix")
                    .replace("{id}", template.startsWith("/api/v1/units/") ? (read ? "Z-WSJKQ-health" : "no-such-unit-matrix")
                            : template.startsWith("/api/v1/cases/") && read ? caseId
                            : template.startsWith("/api/v1/petitions/") && read ? petitionId : nowhere);
            boolean upload = template.endsWith("/attachments") && !read; // an empty multipart form
            String contentType = open311 && !read ? "application/x-www-form-urlencoded"
                    : upload ? "multipart/form-data; boundary=matrix" : "application/json";
            String requestBody = read ? null : open311 ? "api_key=" + apiKey : upload ? "--matrix--\r\n"
                    : template.endsWith("/replay") && !template.contains("{id}") ? "{\"topic\":\"no-such-topic\"}" : "{}";
            if (open311 && read) {
                concrete += "?api_key=" + apiKey;
            }
            boolean isPublic = row.getValue().equals(List.of("public"));
            Map<String, String> everyone = new java.util.LinkedHashMap<>();
            everyone.put("nobody", null);
            everyone.putAll(callers);
            for (Map.Entry<String, String> caller : everyone.entrySet()) {
                int status = call(caller.getValue(), verb, concrete, contentType, requestBody);
                calls++;
                boolean admitted = isPublic || row.getValue().contains(caller.getKey());
                boolean ok = admitted ? status != 401 && status != 403 && status < 500
                        : status == (caller.getValue() == null ? 401 : 403);
                if (!ok) {
                    wrong.add(caller.getKey() + " " + verb + " " + concrete + ": " + status + ", the table "
                            + (admitted ? "admits" : "refuses") + " it");
                }
            }
        }
        assertThat(wrong).as("operations documented or answered otherwise than the table says").isEmpty();
        assertThat(calls).isEqualTo(table.size() * 6);

        // objects of someone else's: who may use an operation but does not own this object; auditors and
        // administrators read everything
        Map<String, String> strangers = Map.of(
                "citizen", token("citizen", "citizen-matrix", null),
                "unit_staff", token("unit_staff", "staff-matrix", "500108-transport"),
                "governance", token("governance", "centre-matrix", "500108-gc"));
        List<String> checked = new ArrayList<>();
        table.forEach((row, roles) -> {
            String verb = row.substring(0, row.indexOf(' '));
            String path = row.substring(verb.length() + 1);
            if (!(path.startsWith("/api/v1/petitions/{") || path.startsWith("/api/v1/cases/{")) || ON_OTHERS_REQUESTS.contains(row)) {
                return;
            }
            String requestBody = OpenApiBodies.minimalBody(api, operations.get(row));
            String concrete = path.replace("{petitionId}", petitionId)
                    .replace("{attachmentId}", java.util.UUID.randomUUID().toString())
                    .replace("{id}", path.startsWith("/api/v1/cases") ? caseId : petitionId);
            strangers.forEach((role, token) -> {
                if (roles.contains(role)) {
                    int status = path.endsWith("/attachments") && verb.equals("POST") ? upload(token, concrete)
                            : send(token, verb, concrete, requestBody);
                    assertThat(status).as("stranger " + role + " " + row).isIn(403, 404);
                    checked.add(role + " " + row);
                }
            });
        });
        assertThat(checked).hasSize((int) table.entrySet().stream()
                .filter(r -> r.getKey().contains(" /api/v1/petitions/{") || r.getKey().contains(" /api/v1/cases/{"))
                .filter(r -> !ON_OTHERS_REQUESTS.contains(r.getKey()))
                .mapToLong(r -> r.getValue().stream().filter(strangers::containsKey).count()).sum());
        // the owners still reach them: the refusals above were about the caller
        as(owner).get("/api/v1/petitions/{id}", petitionId).then().statusCode(200);
        as(health).get("/api/v1/cases/{id}", caseId).then().statusCode(200);
    }

    /**
     * Masking through the gateway (petition-service's Masking and service-commons' PersonalData):
     * an auditor reading a request sees the contact as 赵** and 139****4321, no location, and the
     * phone, e-mail and street address typed into the description and the unit's reply masked; the
     * list and the public export (NDJSON and CSV) hold none of it; cases are not an auditor's to read.
     * The petitioner reads the same request unmasked.
     */
    @Test
    void anAuditorSeesPersonalDataMaskedWhereverItAppearsAndThePetitionerSeesItUnmasked() {
        String firstDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String name = "赵丽华";
        String phone = "13987654321";
        String address = "万东北路12号5栋3单元402室";
        String email = "zhao.lh@example.com";
        String description = "楼下卫生所常用降压药缺货。我家住" + address + "，电话" + phone + "，邮箱" + email + "。";
        String reply = "已电话联系赵女士（" + phone + "），并到" + address + "回访，卫生所已补货。";
        String citizen = token("citizen", "citizen-masking", null);
        String id = as(citizen).body(Map.of("title", "万盛卫生所降压药缺货", "description", description,
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "channel", "app",
                        "location", Map.of("latitude", 28.9553, "longitude", 106.9267, "address", address),
                        "contact", Map.of("name", name, "phone", phone)))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String health = token("unit_staff", "staff-masking", "Z-WSJKQ-health");
        String caseId = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(health).get("/api/v1/cases?limit=100")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.petitionId == '" + id + "' }.id").stream().findFirst().orElse(null), c -> c != null);
        as(health).post("/api/v1/cases/{id}/sign", caseId).then().statusCode(200);
        as(health).body(Map.of("reply", reply)).post("/api/v1/cases/{id}/answer", caseId).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                "ANSWERED".equals(as(citizen).get("/api/v1/petitions/{id}", id).then().extract().path("status")));
        List<String> secrets = List.of(name, phone, "12号5栋3单元402", "zhao.lh");

        String auditor = token("auditor", "auditor-masking", null);
        Response one = as(auditor).get("/api/v1/petitions/{id}", id);
        one.then().statusCode(200)
                .body("contact.name", equalTo("赵**")).body("contact.phone", equalTo("139****4321"))
                .body("location.latitude", org.hamcrest.Matchers.nullValue())
                .body("location.longitude", org.hamcrest.Matchers.nullValue())
                .body("location.address", org.hamcrest.Matchers.nullValue())
                .body("description", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("139****4321"),
                        org.hamcrest.Matchers.containsString("[address]"), org.hamcrest.Matchers.containsString("z***@example.com")))
                .body("reply", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("139****4321"),
                        org.hamcrest.Matchers.containsString("[address]")));
        assertThat(one.asString()).as("the auditor's view of the request").doesNotContain(secrets);
        String list = as(auditor).get("/api/v1/petitions?limit=100").then().statusCode(200).extract().asString();
        assertThat(list).as("the auditor's list").contains(id).doesNotContain(secrets);
        String cases = as(auditor).get("/api/v1/cases/{id}", caseId).then().statusCode(403).extract().asString();
        assertThat(cases).as("the answer to an auditor asking for the case").doesNotContain(secrets);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        for (String format : List.of("ndjson", "csv")) {
            // at least the round just answered (and the CSV's header): feedback-service opens the round
            // from the case.answered event on its own, so it may come a moment after the petition shows ANSWERED
            long atLeast = format.equals("csv") ? 2 : 1;
            String export = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                    as(auditor).queryParam("unit", "Z-WSJKQ-health").queryParam("from", firstDay).queryParam("to", today)
                            .queryParam("format", format).get("/api/v1/stats/records").then().statusCode(200).extract().asString(),
                    e -> e.lines().count() >= atLeast);
            assertThat(export).as("the " + format + " export").doesNotContain(secrets).doesNotContain(id);
        }

        // the petitioner reads it as written
        as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("contact.name", equalTo(name)).body("contact.phone", equalTo(phone))
                .body("location.address", equalTo(address)).body("description", equalTo(description))
                .body("reply", equalTo(reply));
    }

    /** One call with a given content type; a 429 from the gateway's per-address limit is waited out, not counted. */
    static int call(String token, String verb, String path, String contentType, String body) {
        return pastRateLimit(() -> withTokenAndBody(
                given().baseUri(gateway.baseUrl())
                        // a hand-written multipart body (the matrix's empty upload) is sent as the text it is
                        .config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .encodeContentTypeAs("multipart/form-data", ContentType.TEXT)))
                        .contentType(contentType).urlEncodingEnabled(false), token, body)
                .request(verb, path)).statusCode();
    }

    /** A 1×1 PNG, uploaded as a real multipart form: a stranger must be refused for whose request it is, not for its form. */
    static int upload(String token, String path) {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        return pastRateLimit(() -> given().baseUri(gateway.baseUrl()).auth().oauth2(token)
                .multiPart("file", "photo.png", png, "image/png").post(path)).statusCode();
    }

    /** One call of the matrix; a 429 from the gateway's per-address limit is waited out, not counted. */
    static int send(String token, String verb, String path, String body) {
        return pastRateLimit(() -> withTokenAndBody(given().baseUri(gateway.baseUrl()).contentType(ContentType.JSON), token, body)
                .request(verb, path)).statusCode();
    }

    @Test
    void open311ThroughTheGatewayPassesOurConformanceSuite() {
        String key = as(token("admin", "admin-open311", "city-gc")).body(Map.of("name", "conformance through the gateway"))
                .post("/api/v1/open311-clients").then().statusCode(201).extract().path("apiKey");
        List<org.minhu.open311.GeoReportConformance.Result> results = new org.minhu.open311.GeoReportConformance(
                gateway.baseUrl() + "/open311/v2", key, "29.5630", "106.5516", "13800138000").run();
        assertThat(results.stream().filter(r -> !r.passed()).map(Object::toString).toList()).isEmpty();
        assertThat(results).hasSizeGreaterThan(150);
    }

    @Test
    void aStoppedUpstreamGets503QuicklyAndTrafficFlowsAgainWhenItIsBack() {
        String citizen = token("citizen", "citizen-gw-3", null);
        int port = feedback.port();
        feedback.close();
        try {
            long t0 = System.nanoTime();
            given().baseUri(gateway.baseUrl()).get("/api/v1/stats/satisfaction").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("detail", org.hamcrest.Matchers.containsString("feedback-service"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            as(citizen).get("/api/v1/petitions").then().statusCode(200); // the other services keep serving
            // the gateway can still route: it stays ready, and says which service is down
            given().baseUri(gateway.baseUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'upstreams' }.data.'feedback-service'", org.hamcrest.Matchers.startsWith("DOWN"))
                    .body("checks.find { it.name == 'upstreams' }.data.'petition-service'", org.hamcrest.Matchers.equalTo("UP"));
        } finally {
            feedback = startFeedback(port);
            feedback.awaitReady(Duration.ofSeconds(120));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway.baseUrl()).get("/api/v1/stats/satisfaction").then().statusCode(200));
        given().baseUri(gateway.baseUrl()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aBurstFromOneIdentityGets429WhileAnotherIsServed() {
        String noisy = token("citizen", "citizen-burst", null);
        String calm = token("citizen", "citizen-calm", null);
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        // 20/s with bursts of 40 per identity (the default): 150 back-to-back requests exceed it
        for (int i = 0; i < 150; i++) {
            Response r = as(noisy).get("/api/v1/categories");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                retryAfter = r.header("Retry-After");
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(statuses).contains(200, 429);
        assertThat(retryAfter).isNotNull();
        as(calm).get("/api/v1/categories").then().statusCode(200);
    }

    /**
     * Demo tokens are for one's own machine: with the opt-in, a gateway told to listen on every
     * interface refuses to start and says why, unless the second flag says that is meant. The
     * local identity provider's signing key is readable by its owner only.
     */
    @Test
    void demoTokensOnANetworkAddressRefuseToStartAndTheSigningKeyIsTheOwnersOnly() throws Exception {
        ServiceProcess open = startGateway("gateway-open", "local", petitions.baseUrl(), assignment.baseUrl(), feedback.baseUrl(),
                Map.of("quarkus.http.host", "0.0.0.0"));
        try {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> open.awaitReady(Duration.ofSeconds(60)));
            assertThat(open.isAlive()).isFalse();
            assertThat(java.nio.file.Files.readString(open.log())).contains("demo-tokens-on-network=true");
        } finally {
            open.close();
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(work.resolve("infra/keys/jwt-private.pem")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void devTokensDoNotExistInTheProductionProfile() {
        ServiceProcess prod = startGateway("gateway-prod", null);
        try {
            prod.awaitReady(Duration.ofSeconds(120));
            given().baseUri(prod.baseUrl()).contentType(ContentType.JSON).body(Map.of("role", "admin", "sub", "mallory"))
                    .post("/dev/tokens").then().statusCode(404);
        } finally {
            prod.close();
        }
    }

    /**
     * Generated requests over every documented operation, as every role and as nobody (see
     * {@link ApiFuzzer}): no answer is a 5xx, every 4xx is problem+json (Open311: its error
     * list), and no answer shows the owner's name or phone to anyone but the owner and the unit.
     */
    @Test
    void generatedRequestsGetNoServerErrorOnlyProblemsAndNoOtherPeoplesData() throws java.io.IOException {
        ApiFuzzer.Report report = ApiFuzzing.run(gateway.baseUrl(), GatewayTest::token);
        // the first findings in the message, all of them in target/fuzz-report.txt
        assertThat(report.findings().stream().limit(40).map(Object::toString).toList()).as(report.summary()).isEmpty();
    }
}
