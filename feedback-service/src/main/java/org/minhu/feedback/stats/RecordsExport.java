package org.minhu.feedback.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.common.time.ChinaTime;

/**
 * Streams one line per answer round (rated, not rated, or still open) from a database cursor,
 * as NDJSON or CSV, without personal data: no petitioner, no comment, no staff id. Every count of
 * the round-based statistics can be recomputed from these lines.
 */
@ApplicationScoped
public class RecordsExport {

    /** The exported fields, in CSV column order. */
    public static final List<String> FIELDS = List.of("petitionId", "trackingNumber", "round", "regionCode", "unitId",
            "categoryCode", "channel", "dispatchedAt", "signDeadline", "signedAt", "answerDeadline", "answeredAt",
            "answeredOnTime", "assignments", "returns", "extended", "escalated", "windowClosesAt", "outcome",
            "satisfaction", "solved", "ratingChannel", "ratedAt", "reopened");

    private static final String COLUMNS = "petition_id, tracking_number, round, region_code, unit_id, category_code, channel, "
            + "dispatched_at, sign_deadline, signed_at, answer_deadline, answered_at, answered_on_time, assignments, returns, "
            + "extended, escalated, window_closes_at, outcome, satisfaction, solved, rating_channel, rated_at, reopened";

    public enum Format { NDJSON, CSV }

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public RecordsExport(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public void write(StatsFilter filter, Format format, OutputStream out) {
        List<Object> params = new ArrayList<>();
        params.add(ChinaTime.startOf(filter.from()));
        params.add(ChinaTime.startOf(filter.to().plusDays(1)));
        String sql = "SELECT " + COLUMNS + " FROM answer_round WHERE answered_at >= ? AND answered_at < ?"
                + filter.dimensionConditions(params) + " ORDER BY answered_at, id";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor: rows are fetched in pages, never all in memory
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
                        Map<String, Object> line = line(rs);
                        if (format == Format.CSV) {
                            writeCsv(w, line);
                        } else {
                            w.write(mapper.writeValueAsString(line));
                            w.write('\n');
                        }
                    }
                }
                w.flush();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("records export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> line(ResultSet rs) throws SQLException {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.size(); i++) {
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
            if (value == null) {
                continue;
            }
            String text = value.toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                w.write('"');
                w.write(text.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(text);
            }
        }
        w.write("\r\n");
    }
}
