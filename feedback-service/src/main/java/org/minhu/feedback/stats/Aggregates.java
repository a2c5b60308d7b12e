package org.minhu.feedback.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.minhu.common.time.ChinaTime;

/**
 * Adds to the statistics in the caller's transaction, so a count exists exactly when the fact it
 * counts was committed: one upsert on the day's row and one on the month's row.
 */
@ApplicationScoped
public class Aggregates {

    /** The dimensions of one statistics row. */
    public record Key(String regionCode, String unitId, String categoryCode, String channel) {
    }

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
        upsert("stats_day", day, key, nonZero);
        upsert("stats_month", day.withDayOfMonth(1), key, nonZero);
    }

    private void upsert(String table, LocalDate day, Key key, Map<Counter, Integer> amounts) {
        long mask = amounts.keySet().stream().mapToLong(c -> 1L << c.ordinal()).sum();
        String sql = sqlCache.computeIfAbsent(mask * 2 + ("stats_day".equals(table) ? 0 : 1), m -> {
            String columns = amounts.keySet().stream().map(c -> c.column).collect(Collectors.joining(", "));
            String params = amounts.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
            String updates = amounts.keySet().stream().map(c -> c.column + " = " + table + "." + c.column + " + EXCLUDED." + c.column)
                    .collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (day, region_code, unit_id, category_code, channel, " + columns + ") "
                    + "VALUES (?, ?, ?, ?, ?, " + params + ") "
                    + "ON CONFLICT (day, region_code, unit_id, category_code, channel) DO UPDATE SET " + updates;
        });
        Query q = em.createNativeQuery(sql)
                .setParameter(1, day)
                .setParameter(2, key.regionCode())
                .setParameter(3, key.unitId())
                .setParameter(4, key.categoryCode())
                .setParameter(5, key.channel());
        int i = 6;
        for (Integer n : amounts.values()) { // EnumMap: same order as the columns
            q.setParameter(i++, n);
        }
        q.executeUpdate();
    }
}
