package org.minhu.feedback.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sums the statistics over a window from the aggregate tables, never from raw rows: whole
 * months from the month tables, the partial months at either end from the day tables; the
 * projection on one dimension when the question names at most one, the full tables otherwise.
 * One query answers the total and every group (GROUPING SETS).
 */
@ApplicationScoped
public class StatsQueries {

    /** The smallest tables that hold every dimension the question filters or groups by. */
    static Aggregates.Projection projectionFor(StatsFilter filter, GroupBy groupBy) {
        java.util.EnumSet<Aggregates.Projection> needed = java.util.EnumSet.noneOf(Aggregates.Projection.class);
        if (filter.region() != null || groupBy == GroupBy.region) {
            needed.add(Aggregates.Projection.REGION);
        }
        if (filter.unit() != null || groupBy == GroupBy.unit) {
            needed.add(Aggregates.Projection.UNIT);
        }
        if (filter.category() != null || groupBy == GroupBy.category) {
            needed.add(Aggregates.Projection.CATEGORY);
        }
        if (filter.channel() != null || groupBy == GroupBy.channel) {
            needed.add(Aggregates.Projection.CHANNEL);
        }
        return switch (needed.size()) {
            case 0 -> Aggregates.Projection.CHANNEL; // the fewest rows per period
            case 1 -> needed.iterator().next();
            default -> Aggregates.Projection.FULL;
        };
    }

    /** What statistics may be grouped by. */
    public enum GroupBy {
        region("region_code"), unit("unit_id"), category("category_code"), channel("channel"),
        month("to_char(day, 'YYYY-MM')");

        final String expression;

        GroupBy(String expression) {
            this.expression = expression;
        }
    }

    /** One row of sums: the group's key (null for the total). */
    public record Sums(String key, Map<Counter, Long> counts) {
        public long get(Counter c) {
            return counts.getOrDefault(c, 0L);
        }
    }

    /** The total and, when grouped, each group in key order. */
    public record Result(Sums total, List<Sums> groups) {
    }

    private final DataSource dataSource;

    public StatsQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result sum(StatsFilter filter, GroupBy groupBy, List<Counter> counters) {
        LocalDate from = filter.from();
        LocalDate end = filter.to().plusDays(1); // exclusive
        LocalDate monthsFrom = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
        LocalDate monthsTo = end.withDayOfMonth(1);
        if (!monthsFrom.isBefore(monthsTo)) { // no whole month: days only
            monthsFrom = from;
            monthsTo = from;
        }
        String columns = counters.stream().map(c -> c.column).collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        String dims = filter.dimensionConditions(new ArrayList<>());
        Aggregates.Projection projection = projectionFor(filter, groupBy);
        StringBuilder sql = new StringBuilder("WITH s AS (SELECT day, region_code, unit_id, category_code, channel, ")
                .append(columns).append(" FROM ").append(projection.table("month")).append(" WHERE day >= ? AND day < ?").append(dims)
                .append(" UNION ALL SELECT day, region_code, unit_id, category_code, channel, ").append(columns)
                .append(" FROM ").append(projection.table("day")).append(" WHERE ((day >= ? AND day < ?) OR (day >= ? AND day < ?))").append(dims)
                .append(") SELECT ");
        params.add(monthsFrom);
        params.add(monthsTo);
        filter.dimensionConditions(params);
        params.add(from);
        params.add(monthsFrom.equals(monthsTo) ? end : monthsFrom);
        params.add(monthsFrom.equals(monthsTo) ? end : monthsTo);
        params.add(end);
        filter.dimensionConditions(params);
        String sums = counters.stream().map(c -> "COALESCE(SUM(" + c.column + "), 0)").collect(Collectors.joining(", "));
        if (groupBy == null) {
            sql.append("NULL, 1, ").append(sums).append(" FROM s");
        } else {
            sql.append(groupBy.expression).append(", GROUPING(").append(groupBy.expression).append("), ").append(sums)
                    .append(" FROM s GROUP BY GROUPING SETS ((").append(groupBy.expression).append("), ())")
                    // a group with nothing to show for these counters (only other counters) is left out
                    .append(" HAVING GROUPING(").append(groupBy.expression).append(") = 1 OR ")
                    .append(counters.stream().map(c -> "SUM(" + c.column + ") <> 0").collect(Collectors.joining(" OR ")))
                    .append(" ORDER BY 2 DESC, 1");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            Sums total = null;
            List<Sums> groups = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<Counter, Long> counts = new EnumMap<>(Counter.class);
                    for (int i = 0; i < counters.size(); i++) {
                        counts.put(counters.get(i), rs.getLong(3 + i));
                    }
                    if (rs.getInt(2) == 1) {
                        total = new Sums(null, counts);
                    } else {
                        groups.add(new Sums(rs.getString(1), counts));
                    }
                }
            }
            if (total == null) { // GROUPING SETS gives no total row over no rows
                Map<Counter, Long> zeros = new EnumMap<>(Counter.class);
                counters.forEach(k -> zeros.put(k, 0L));
                total = new Sums(null, zeros);
            }
            return new Result(total, groups);
        } catch (SQLException e) {
            throw new IllegalStateException("statistics query failed", e);
        }
    }
}
