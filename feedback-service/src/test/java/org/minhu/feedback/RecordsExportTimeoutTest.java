package org.minhu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.minhu.feedback.stats.ExportLimits;
import org.minhu.feedback.stats.RecordsExport;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The export's query runs in a read-only transaction under the configured statement timeout, local
 * to that transaction; a query stopped before the first line is answered as a problem.
 * (The module's tests share one embedded infrastructure per JVM, which a test profile's restart
 * cannot reach, hence the timeout is read back rather than waited out.)
 */
@QuarkusTest
class RecordsExportTimeoutTest {

    @Inject
    RecordsExport export;

    @Inject
    @DataSource(ExportLimits.POOL)
    AgroalDataSource exportPool;

    @ConfigProperty(name = "minhu.feedback.export.statement-timeout")
    Duration statementTimeout;

    @Test
    void theExportTransactionHasTheConfiguredStatementTimeoutIsReadOnlyAndLeavesItsPooledConnectionWithout()
            throws Exception {
        Map<String, String> inside = export.inTransaction(RecordsExportTimeoutTest::settings);
        assertThat(inside.get("statement_timeout")).as("statement_timeout (ms) in the export's transaction")
                .isNotEqualTo("0").isEqualTo(String.valueOf(statementTimeout.toMillis()));
        assertThat(inside.get("transaction_read_only")).isEqualTo("on");

        // the same pooled connection (the pool hands a thread back the connection it returned), outside the transaction
        try (Connection c = exportPool.getConnection()) {
            Map<String, String> after = settings(c);
            assertThat(after.get("pid")).as("the same backend").isEqualTo(inside.get("pid"));
            assertThat(after.get("statement_timeout")).as("statement_timeout once the export's transaction ended").isEqualTo("0");
        }
    }

    @Test
    void anExportQueryStoppedBeforeItsFirstLineIsAnswered503ProblemJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/api/v1/stats/records?region=NOWHERE&from=2026-01-01&to=2026-01-31")).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> stopped;
        // another transaction holds the table, so the export's query waits; then it is cancelled (SQLSTATE 57014, as
        // when its statement_timeout expires)
        // (watched from a connection of its own: pg_stat_activity is read once per transaction)
        try (Connection locker = RecordsExportLimitsTest.db(); Connection watcher = RecordsExportLimitsTest.db()) {
            locker.setAutoCommit(false);
            try {
                try (Statement s = locker.createStatement()) {
                    s.execute("LOCK TABLE answer_round IN ACCESS EXCLUSIVE MODE");
                }
                CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                AtomicInteger waiting = new AtomicInteger();
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                    waiting.set(exportWaitingForALock(watcher));
                    return waiting.get() != 0;
                });
                try (PreparedStatement cancel = watcher.prepareStatement("SELECT pg_cancel_backend(?)")) {
                    cancel.setInt(1, waiting.get());
                    cancel.execute();
                }
                stopped = pending.get(20, TimeUnit.SECONDS);
            } finally {
                locker.rollback();
            }
        }
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(stopped.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains("at most " + statementTimeout.toSeconds() + " s")
                .doesNotContain("Exception");

        // the lock gone, the same export is answered
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static Map<String, String> settings(Connection c) throws SQLException {
        Map<String, String> settings = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name, setting FROM pg_settings WHERE name IN ('statement_timeout', 'transaction_read_only') "
                        + "UNION ALL SELECT 'pid', pg_backend_pid()::text")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        }
        return settings;
    }

    /** The backend of an export's query waiting for a lock, or 0. */
    private static int exportWaitingForALock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'feedback-service-export' "
                        + "AND wait_event_type = 'Lock' AND query LIKE 'SELECT petition_id, %FROM answer_round WHERE answered_at%'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
