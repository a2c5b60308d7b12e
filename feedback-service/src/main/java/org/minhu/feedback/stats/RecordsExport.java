package org.minhu.feedback.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.minhu.common.privacy.CsvCells;
import org.minhu.common.privacy.Pseudonyms;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Streams one line per answer round (rated, not rated, or still open) from a database cursor,
 * as NDJSON or CSV, without personal data: no petitioner, no comment, no staff id, and nothing that
 * names the petition to an outsider: the export is public, and a tracking number (which the
 * citizen shows around) or a petition id would let anyone look up that citizen's rating. Each line
 * carries {@code petition}, an HMAC-SHA256 pseudonym of the petition id under a random key made for
 * this export and then forgotten: the rounds of one petition share it within the export (so
 * re-reviews can be followed), two exports cannot be joined by it, and nobody can compute it from
 * an id. Every count of the round-based statistics can be recomputed from these lines. CSV cells
 * are neutralised against formula injection ({@link CsvCells}).
 *
 * <p>Reads from the {@value ExportLimits#POOL} datasource, never from the service's main pool: a
 * stream holds its connection for as long as the client takes to read it, and slow or stalled
 * downloads must not starve ratings and the event consumers. Its query runs under a statement
 * timeout, so that one export cannot keep the database busy for long either.
 */
@ApplicationScoped
public class RecordsExport {

    /**
     * The exported fields, in CSV column order. {@code petition} is a pseudonym of the petition,
     * valid in one export only (see {@link #write}); petition ids and tracking numbers never leave.
     */
    public static final List<String> FIELDS = List.of("petition", "round", "regionCode", "unitId",
            "categoryCode", "channel", "dispatchedAt", "signDeadline", "signedAt", "answerDeadline", "answeredAt",
            "answeredOnTime", "assignments", "returns", "extended", "escalated", "windowClosesAt", "outcome",
            "satisfaction", "solved", "ratingChannel", "ratedAt", "reopened", "callBack");

    /** Characters of the per-export pseudonym: 64 bits, unique among any export's rounds. */
    static final int PSEUDONYM_CHARS = 16;

    private static final String COLUMNS = "petition_id, round, region_code, unit_id, category_code, channel, "
            + "dispatched_at, sign_deadline, signed_at, answer_deadline, answered_at, answered_on_time, assignments, returns, "
            + "extended, escalated, window_closes_at, outcome, satisfaction, solved, rating_channel, rated_at, reopened, call_back";

    public enum Format { NDJSON, CSV }

    private static final Logger LOG = Logger.getLogger(RecordsExport.class);

    /** PostgreSQL's SQLSTATE for a cancelled statement: by statement_timeout, or by an operator. */
    private static final String QUERY_CANCELED = "57014";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final long statementTimeoutMs;
    private final String statementTimeoutText;

    public RecordsExport(@DataSource(ExportLimits.POOL) AgroalDataSource dataSource, ObjectMapper mapper, ExportConfig config) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.statementTimeoutMs = config.statementTimeout().toMillis();
        this.statementTimeoutText = statementTimeoutMs % 1000 == 0 ? statementTimeoutMs / 1000 + " s" : statementTimeoutMs + " ms";
    }

    /** Work done on an export connection, inside the export's transaction. */
    @FunctionalInterface
    public interface InTransaction<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    public void write(StatsFilter filter, Format format, OutputStream out) {
        List<Object> params = new ArrayList<>();
        params.add(ChinaTime.startOf(filter.from()));
        params.add(ChinaTime.startOf(filter.to().plusDays(1)));
        String sql = "SELECT " + COLUMNS + " FROM answer_round WHERE answered_at >= ? AND answered_at < ?"
                + filter.dimensionConditions(params) + " ORDER BY answered_at, id";
        try {
            inTransaction(c -> {
                stream(c, sql, params, format, out, Pseudonyms.ephemeral());
                return null;
            });
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                // answered as a problem when nothing was sent yet; once lines were streamed, the response is cut short
                throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "The export's query was stopped: it may run "
                        + "at most " + statementTimeoutText + ". Export a shorter window, or filter by region, unit, "
                        + "category or channel"));
            }
            throw new IllegalStateException("records export failed", e);
        } catch (IOException e) {
            // the only I/O here is writing to the client: it closed the connection or stopped reading. Not a failure
            // of the service, so not logged as one; the connection to the database is already back in the pool.
            LOG.debugf("Records export ended early, the client is gone: %s", e.getMessage());
        }
    }

    /**
     * Runs {@code work} on a connection of the export pool, in a read-only transaction under the
     * export's statement timeout, and rolls it back afterwards. The settings are LOCAL: they end
     * with the transaction, so the pooled connection is not left with them.
     */
    public <T> T inTransaction(InTransaction<T> work) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // a transaction: the cursor fetches rows in pages, never all in memory
            try {
                try (Statement limits = c.createStatement()) {
                    // read only: a public endpoint never writes. The timeout is a number from the configuration,
                    // written into the statement because SET takes no bind parameter.
                    limits.execute("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = " + statementTimeoutMs);
                }
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void stream(Connection c, String sql, List<Object> params, Format format, OutputStream out, Pseudonyms petitions)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(500);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (format == Format.CSV) {
                w.write(String.join(",", FIELDS));
                w.write("\r\n");
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> line = line(rs, petitions);
                    if (format == Format.CSV) {
                        writeCsv(w, line);
                    } else {
                        w.write(mapper.writeValueAsString(line));
                        w.write('\n');
                    }
                }
            }
            w.flush();
        }
    }

    private static Map<String, Object> line(ResultSet rs, Pseudonyms petitions) throws SQLException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(FIELDS.get(0), petitions.of(rs.getString(1), PSEUDONYM_CHARS));
        for (int i = 1; i < FIELDS.size(); i++) {
            Object value = rs.getObject(i + 1);
            if (value instanceof Timestamp ts) {
                value = ChinaTime.of(ts.toInstant()).toString();
            } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
                value = value.toString();
            }
            line.put(FIELDS.get(i), value);
        }
        return line;
    }

    private static void writeCsv(BufferedWriter w, Map<String, Object> line) throws IOException {
        boolean first = true;
        for (Object value : line.values()) {
            if (!first) {
                w.write(',');
            }
            first = false;
            w.write(CsvCells.cell(value));
        }
        w.write("\r\n");
    }
}
