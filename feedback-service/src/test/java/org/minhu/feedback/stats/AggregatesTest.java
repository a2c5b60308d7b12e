package org.minhu.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** How {@link Aggregates} writes what a transaction adds: summed, at commit, in one order. */
@QuarkusTest
class AggregatesTest {

    @Inject
    Aggregates aggregates;

    static final Instant AT = Instant.parse("2026-03-10T04:00:00Z");

    @Test
    void twoTransactionsAddingToTheSameRowsInOppositeOrderBothCommitWithoutDeadlock() throws Exception {
        String region = region();
        Aggregates.Key first = new Aggregates.Key(region, region + "-a", "health", "app");
        Aggregates.Key second = new Aggregates.Key(region, region + "-b", "health", "app");
        // each transaction adds to one key, waits until the other has added to the other key, then adds to
        // the key the other began with: written where added, the two would hold each other's rows (40P01)
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> outcomes = new ArrayList<>();
            for (Aggregates.Key[] order : List.of(new Aggregates.Key[] {first, second}, new Aggregates.Key[] {second, first})) {
                outcomes.add(pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                    aggregates.add(AT, order[0], Counter.ANSWERED);
                    await(bothStarted);
                    aggregates.add(AT, order[1], Counter.ANSWERED);
                })));
            }
            for (Future<?> outcome : outcomes) {
                outcome.get(30, TimeUnit.SECONDS); // throws when a transaction failed
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answered("stats_day", region, region + "-a")).isEqualTo(2);
        assertThat(answered("stats_day", region, region + "-b")).isEqualTo(2);
        assertThat(answered("stats_month_by_region", region, Aggregates.ALL)).isEqualTo(4);
    }

    @Test
    void additionsToTheSameRowInOneTransactionAreSummedAndEveryProjectionGetsThem() {
        String region = region();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 50; i++) {
                String channel = i % 2 == 0 ? "app" : "web";
                aggregates.add(AT, new Aggregates.Key(region, region + "-a", "health", channel),
                        Map.of(Counter.ANSWERED, 1, Counter.SATISFIED, 2, Counter.NOT_RATED, 0));
            }
        });
        assertThat(answered("stats_day", region, region + "-a")).isEqualTo(50);
        assertThat(count("stats_day", "satisfied", region, region + "-a")).isEqualTo(100);
        assertThat(answered("stats_day_by_region", region, Aggregates.ALL)).isEqualTo(50);
        assertThat(answered("stats_month_by_unit", Aggregates.ALL, region + "-a")).isEqualTo(50);
        assertThat(rows("stats_day", region)).as("one full row per channel").isEqualTo(2);
    }

    @Test
    void nothingIsCountedWhenTheTransactionRollsBack() {
        String region = region();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            aggregates.add(AT, new Aggregates.Key(region, region + "-a", "health", "app"), Counter.ANSWERED);
            throw new IllegalStateException("the work failed after counting");
        })).hasMessageContaining("the work failed");
        assertThat(rows("stats_day", region)).isZero();
        assertThat(rows("stats_month_by_region", region)).isZero();
    }

    private static String region() {
        return "A" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long answered(String table, String region, String unit) {
        return count(table, "answered", region, unit);
    }

    private static long count(String table, String column, String region, String unit) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT coalesce(sum(" + column + "), 0) FROM " + table + " WHERE region_code = ?1 AND unit_id = ?2")
                .setParameter(1, region).setParameter(2, unit).getSingleResult()).longValue());
    }

    private static long rows(String table, String region) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM " + table + " WHERE region_code = ?1")
                .setParameter(1, region).getSingleResult()).longValue());
    }
}
