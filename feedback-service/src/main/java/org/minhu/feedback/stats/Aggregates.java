package org.minhu.feedback.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.minhu.common.time.ChinaTime;
import org.minhu.common.persistence.NativeWrites;

/**
 * Adds to the statistics in the caller's transaction, so a count exists exactly when the fact it
 * counts was committed: the day's and the month's rows, full and projected, in one round trip.
 * Rows are always locked in the same order (day before month, full before projections), so two
 * transactions adding to the same rows wait for each other but never deadlock.
 */
@ApplicationScoped
public class Aggregates {

    /** The dimensions of one statistics row. */
    public record Key(String regionCode, String unitId, String categoryCode, String channel) {
    }

    /** Stands for "every value" in a dimension a projection sums away. */
    public static final String ALL = "*";

    /**
     * The full tables keep every dimension; each projection keeps one and writes {@value #ALL} in
     * the others, so that a question on at most one dimension reads a few rows per period.
     */
    public enum Projection {
        FULL(""), REGION("_by_region"), UNIT("_by_unit"), CATEGORY("_by_category"), CHANNEL("_by_channel");

        private final String suffix;

        Projection(String suffix) {
            this.suffix = suffix;
        }

        public String table(String level) {
            return "stats_" + level + suffix;
        }

        boolean keep(Projection dimension) {
            return this == FULL || this == dimension;
        }
    }

    /** Every table {@link #upsertAll} writes. */
    private static final String[] TABLES = java.util.stream.Stream.of("day", "month")
            .flatMap(level -> java.util.Arrays.stream(Projection.values()).map(p -> p.table(level))).toArray(String[]::new);

    private final EntityManager em;
    private final Map<Long, String> sqlCache = new java.util.concurrent.ConcurrentHashMap<>();

    public Aggregates(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Instant at, Key key, Counter counter) {
        add(at, key, Map.of(counter, 1));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Instant at, Key key, Map<Counter, Integer> amounts) {
        Map<Counter, Integer> nonZero = new EnumMap<>(Counter.class);
        amounts.forEach((c, n) -> {
            if (n != 0) {
                nonZero.put(c, n);
            }
        });
        if (nonZero.isEmpty()) {
            return;
        }
        LocalDate day = ChinaTime.of(at).toLocalDate();
        long mask = nonZero.keySet().stream().mapToLong(c -> 1L << c.ordinal()).sum();
        Query q = NativeWrites.statement(em, sqlCache.computeIfAbsent(mask, m -> upsertAll(nonZero.keySet())), TABLES);
        int i = 1;
        for (LocalDate period : List.of(day, day.withDayOfMonth(1))) {
            for (Projection p : Projection.values()) {
                q.setParameter(i++, period);
                q.setParameter(i++, p.keep(Projection.REGION) ? key.regionCode() : ALL);
                q.setParameter(i++, p.keep(Projection.UNIT) ? key.unitId() : ALL);
                q.setParameter(i++, p.keep(Projection.CATEGORY) ? key.categoryCode() : ALL);
                q.setParameter(i++, p.keep(Projection.CHANNEL) ? key.channel() : ALL);
                for (Integer n : nonZero.values()) { // EnumMap: the columns' order
                    q.setParameter(i++, n);
                }
            }
        }
        q.executeUpdate();
    }

    /** Statements (one round trip) that add to the full row and to each projection, by day and by month. */
    private static String upsertAll(java.util.Set<Counter> counters) {
        String columns = counters.stream().map(c -> c.column).collect(Collectors.joining(", "));
        String params = counters.stream().map(c -> "?").collect(Collectors.joining(", "));
        List<String> statements = new java.util.ArrayList<>();
        for (String level : List.of("day", "month")) {
            for (Projection p : Projection.values()) {
                String table = p.table(level);
                String updates = counters.stream().map(c -> c.column + " = " + table + "." + c.column + " + EXCLUDED." + c.column)
                        .collect(Collectors.joining(", "));
                statements.add("INSERT INTO " + table + " (day, region_code, unit_id, category_code, channel, " + columns + ") "
                        + "VALUES (?, ?, ?, ?, ?, " + params + ") "
                        + "ON CONFLICT (day, region_code, unit_id, category_code, channel) DO UPDATE SET " + updates);
            }
        }
        // one string of statements: the driver sends them in one round trip, and they run in this order
        return String.join("; ", statements);
    }
}
