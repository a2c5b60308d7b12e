package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.stats.ExportLimits;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The records export's own limits: anonymous downloads that read slowly or not at all must not
 * take what ratings, the statistics and the event consumers need.
 */
@QuarkusTest
class RecordsExportLimitsTest {

    /** Answer rounds of a region of this test's own, in a month no other test uses: more than socket buffers hold. */
    static final int ROWS = 20_000;
    static final String REGION = "X" + UUID.randomUUID().toString().substring(0, 8);
    static final String EXPORT = "/api/v1/stats/records?region=" + REGION + "&from=2019-03-01&to=2019-03-31";
    static final int EXPORTS = 50;

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    final ObjectMapper json = new ObjectMapper();

    @Inject
    ExportLimits limits;

    @BeforeAll
    static void data() throws SQLException {
        try (Connection c = db(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO answer_round (id, petition_id, round, case_id, tracking_number, unit_id, region_code, "
                        + "category_code, channel, dispatched_at, sign_deadline, signed_at, answer_deadline, answered_at, "
                        + "answered_on_time, assignments, returns, extended, escalated, window_closes_at, outcome) "
                        + "SELECT gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(), "
                        + "'CQ-20190301-' || lpad(i::text, 6, '0'), ? || '-health', ?, 'health', 'app', "
                        + "t - interval '5 hours', t - interval '4 hours', t - interval '3 hours', t + interval '5 days', t, "
                        + "true, 1, 0, false, false, t + interval '7 days', 'NOT_RATED' "
                        + "FROM generate_series(1, ?) AS i, "
                        + "LATERAL (SELECT timestamptz '2019-03-01 00:00:00+08' + i * interval '1 minute' AS t) AS answered")) {
            insert.setString(1, REGION);
            insert.setString(2, REGION);
            insert.setInt(3, ROWS);
            assertThat(insert.executeUpdate()).isEqualTo(ROWS);
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        try (Connection c = db(); PreparedStatement delete = c.prepareStatement("DELETE FROM answer_round WHERE region_code = ?")) {
            delete.setString(1, REGION);
            delete.executeUpdate();
        }
    }

    @Test
    void withFiftyExportsStreamingARatingIsAcceptedStatisticsAnswerNothingIs5xxAndExportsBeyondTheCapGet429WithRetryAfter()
            throws Exception {
        List<Integer> apiStatuses = new ArrayList<>();
        double rejectedBefore = MetricsTest.scrape().sum("minhu_exports_rejected_total");
        List<RawExport> exports = openAtOnce(EXPORTS);
        try (TopicReader deadLetters = TopicReader.fromNow(UpstreamEvents.bootstrap(), "minhu.feedback.dlq")) {
            List<RawExport> streaming = exports.stream().filter(e -> e.status == 200).toList();
            // the accepted exports are really streaming (their clients read nothing), each holding its cursor open
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(exportBackends()).as("export queries open in PostgreSQL").hasSize(streaming.size()));

            // meanwhile, a citizen's petition is answered upstream, the consumers take it in, and the citizen rates it
            String region = UpstreamEvents.freshRegion();
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-" + UUID.randomUUID().toString().substring(0, 8),
                    region, region + "-health", "health", "app");
            Instant answeredAt = Instant.now().minus(1, ChronoUnit.MINUTES);
            events.submitted(c, answeredAt.minus(3, ChronoUnit.HOURS));
            events.assigned(c, answeredAt.minus(2, ChronoUnit.HOURS));
            events.signed(c, answeredAt.minus(1, ChronoUnit.HOURS));
            events.answered(c, answeredAt);
            events.flush();
            boolean opened = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!opened && System.nanoTime() < deadline) {
                Response r = given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId);
                apiStatuses.add(r.statusCode());
                opened = r.statusCode() == 200 && Integer.valueOf(1).equals(r.path("openRound"));
                if (!opened) {
                    Thread.sleep(200);
                }
            }
            Response rating = given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                    .body(Map.of("satisfaction", "SATISFIED", "solved", "SOLVED"))
                    .post("/api/v1/petitions/{id}/feedback", c.petitionId);
            apiStatuses.add(rating.statusCode());
            String today = ChinaTime.of(Instant.now()).toLocalDate().toString();
            Response satisfaction = given().queryParam("region", region).queryParam("from", today).queryParam("to", today)
                    .get("/api/v1/stats/satisfaction");
            apiStatuses.add(satisfaction.statusCode());
            Response handling = given().queryParam("region", region).get("/api/v1/stats/handling");
            apiStatuses.add(handling.statusCode());

            // every property checked, so that a failure reports all of them
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(exports).extracting(e -> e.status).as("export statuses").allMatch(s -> s < 500);
            soft.assertThat(apiStatuses).as("statuses of the rating and statistics calls").allMatch(s -> s < 500);
            soft.assertThat(opened).as("the consumers opened the rating window while the exports streamed").isTrue();
            soft.assertThat(rating.statusCode()).as("the citizen's rating").isEqualTo(201);
            soft.assertThat(satisfaction.statusCode()).as("/stats/satisfaction").isEqualTo(200);
            soft.assertThat(handling.statusCode()).as("/stats/handling").isEqualTo(200);
            soft.assertThat(deadLetters.drain(r -> r.value() != null && r.value().contains(c.petitionId.toString()),
                    Duration.ofSeconds(1))).as("events dead-lettered").isEmpty();
            // exactly the cap streams; every other export is refused at once with 429, Retry-After and a problem
            List<RawExport> refused = exports.stream().filter(e -> e.status == 429).toList();
            soft.assertThat(streaming).as("exports streaming").hasSize(limits.capacity());
            soft.assertThat(refused).as("exports refused with 429").hasSize(EXPORTS - limits.capacity());
            soft.assertThat(MetricsTest.scrape().sum("minhu_exports_rejected_total")).as("minhu_exports_rejected_total")
                    .isEqualTo(rejectedBefore + refused.size());
            soft.assertAll();

            assertThat(satisfaction.<Integer>path("total.rated")).isEqualTo(1);
            assertThat(satisfaction.<Integer>path("total.satisfied")).isEqualTo(1);
            assertThat(handling.<Integer>path("total.answered")).isEqualTo(1);
            for (RawExport e : refused) {
                assertThat(e.headers.get("retry-after")).as("Retry-After").matches("[1-9][0-9]*");
                assertThat(e.headers.get("content-type")).startsWith("application/problem+json");
                JsonNode problem = json.readTree(e.body);
                assertThat(problem.path("status").asInt()).isEqualTo(429);
                assertThat(problem.path("type").asText()).isEqualTo("urn:minhu:problem:too-many-requests");
                assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/stats/records");
                assertThat(problem.path("detail").asText()).contains("retry after");
            }
            // and the streams came from the export's own pool, not from the service's main one
            assertThat(exportBackends()).as("application_name of the export connections")
                    .containsOnly("feedback-service-export");
        } finally {
            exports.forEach(RawExport::close);
        }

        // the clients are gone: their slots and connections come back, and a whole export can be read again
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<java.util.stream.Stream<String>> full = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + EXPORT))
                            .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(full.statusCode()).isEqualTo(200);
            assertThat(full.body().count()).isEqualTo(ROWS);
        });
        assertThat(exportBackends()).as("export queries still open after the clients left").isEmpty();
    }

    @Test
    void aWindowLongerThanTheExportMaximumIsRefusedWith400NamingFrom() {
        // 2025-01-01 to 2026-01-02: 367 days, one more than an export may span
        given().queryParam("region", REGION).queryParam("from", "2025-01-01").queryParam("to", "2026-01-02")
                .get("/api/v1/stats/records").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].reason", containsString("at most 366 days"))
                .body("errors[0].reason", containsString("spans 367"));
        // 366 days (a leap year) is allowed
        given().queryParam("region", "NOWHERE").queryParam("from", "2024-01-01").queryParam("to", "2024-12-31")
                .get("/api/v1/stats/records").then().statusCode(200);
        // the aggregated statistics keep their own, longer limit
        given().queryParam("region", "NOWHERE").queryParam("from", "2025-01-01").queryParam("to", "2026-01-02")
                .get("/api/v1/stats/satisfaction").then().statusCode(200);
    }

    /** application_name of each backend that has the export's query open (running, or suspended between fetches). */
    static List<String> exportBackends() throws SQLException {
        try (Connection c = db(); PreparedStatement q = c.prepareStatement(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') "
                        + "AND query LIKE 'SELECT petition_id, %FROM answer_round WHERE answered_at%'");
             ResultSet rs = q.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    /** Sends {@code n} exports at the same moment and waits for each one's status line and headers. */
    static List<RawExport> openAtOnce(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RawExport>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return RawExport.open(RestAssured.port, EXPORT);
                }));
            }
            start.countDown();
            List<RawExport> opened = new ArrayList<>();
            for (Future<RawExport> f : futures) {
                opened.add(f.get(60, TimeUnit.SECONDS));
            }
            return opened;
        } finally {
            pool.shutdown();
        }
    }

    static Connection db() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /**
     * A client that reads an export's status line and headers and then nothing more: with a small
     * receive window, the server's writes block as soon as the socket buffers are full, and the
     * stream stays open until the socket is closed.
     */
    static final class RawExport implements AutoCloseable {

        final Socket socket;
        final int status;
        final Map<String, String> headers;
        final String body;

        private RawExport(Socket socket, int status, Map<String, String> headers, String body) {
            this.socket = socket;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        static RawExport open(int port, String target) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // before connecting, so that the advertised window stays small
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: application/x-ndjson\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed before the headers ended: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
                }
            }
            String body = null;
            if (status != 200 && headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            }
            return new RawExport(socket, status, headers, body);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
