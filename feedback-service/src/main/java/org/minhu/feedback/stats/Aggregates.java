package org.minhu.feedback.stats;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import javax.sql.DataSource;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.minhu.common.time.ChinaTime;

/**
 * Adds to the statistics in the caller's transaction, so a count exists exactly when the fact it
 * counts was committed: the day's and the month's rows, full and projected.
 *
 * <p>What a transaction adds is gathered in memory and written once, just before it commits (a
 * JTA synchronization): the amounts that fall on the same row are summed first (a consumer's poll
 * of a hundred events touches far fewer rows than a hundred times ten), and the rows are written
 * table by table in one fixed order, each table's rows sorted by key, in one round trip. Every
 * transaction thus locks statistics rows in the same global order and last, after its other
 * writes: two transactions adding to the same rows wait for each other but never deadlock, which
 * they did when each fact's rows were written where the fact was handled (a rating against a
 * consumer's poll that held the same rows in another order).
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

    /** The periods every fact is counted in: its China date and the first day of its month. */
    private enum Level {
        DAY, MONTH;

        LocalDate period(LocalDate day) {
            return this == DAY ? day : day.withDayOfMonth(1);
        }

        String table(Projection p) {
            return p.table(this == DAY ? "day" : "month");
        }
    }

    /** One row of one statistics table. */
    private record Row(LocalDate period, String regionCode, String unitId, String categoryCode, String channel) {
        static final Comparator<Row> ORDER = Comparator.comparing(Row::period).thenComparing(Row::regionCode)
                .thenComparing(Row::unitId).thenComparing(Row::categoryCode).thenComparing(Row::channel);
    }

    private final EntityManager em;
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<Long, String> sqlCache = new ConcurrentHashMap<>();

    public Aggregates(EntityManager em, DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Instant at, Key key, Counter counter) {
        add(at, key, Map.of(counter, 1));
    }

    /** Adds {@code amounts} to the rows of {@code key} on the China date of {@code at}, when the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Instant at, Key key, Map<Counter, Integer> amounts) {
        if (amounts.values().stream().allMatch(n -> n == 0)) {
            return;
        }
        pending().add(ChinaTime.of(at).toLocalDate(), key, amounts);
    }

    /** This transaction's additions, registered to be written before it commits on first use. */
    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            // the persistence context joins the transaction now, if it has not yet: at commit it no longer could
            em.isJoinedToTransaction();
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    /** The sums a transaction will add, per table and row. */
    private final class Pending implements Synchronization {

        private final Map<Level, Map<Projection, TreeMap<Row, int[]>>> tables = new EnumMap<>(Level.class);
        private final Set<Counter> counters = EnumSet.noneOf(Counter.class);

        void add(LocalDate day, Key key, Map<Counter, Integer> amounts) {
            for (Level level : Level.values()) {
                Map<Projection, TreeMap<Row, int[]>> projections = tables.computeIfAbsent(level, l -> new EnumMap<>(Projection.class));
                for (Projection p : Projection.values()) {
                    Row row = new Row(level.period(day),
                            p.keep(Projection.REGION) ? key.regionCode() : ALL,
                            p.keep(Projection.UNIT) ? key.unitId() : ALL,
                            p.keep(Projection.CATEGORY) ? key.categoryCode() : ALL,
                            p.keep(Projection.CHANNEL) ? key.channel() : ALL);
                    int[] sums = projections.computeIfAbsent(p, x -> new TreeMap<>(Row.ORDER))
                            .computeIfAbsent(row, r -> new int[Counter.values().length]);
                    amounts.forEach((counter, n) -> {
                        if (n != 0) {
                            sums[counter.ordinal()] += n;
                            counters.add(counter);
                        }
                    });
                }
            }
        }

        @Override
        public void beforeCompletion() {
            if (counters.isEmpty() || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                return;
            }
            // the transaction's own changes first, so that the statistics rows are the last locks it takes
            em.flush();
            // the pool hands out the transaction's own connection; closing this handle gives it back
            // before the commit (Hibernate's doWork, run after Hibernate had released its handle,
            // left one open, which the pool closed with a warning at every commit)
            try (Connection connection = dataSource.getConnection()) {
                write(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("The statistics of this transaction could not be written", e);
            }
        }

        @Override
        public void afterCompletion(int status) {
        }

        /** Every table in one statement string (one round trip), in {@link Level} then {@link Projection} order. */
        private void write(Connection connection) throws SQLException {
            List<Counter> columns = new ArrayList<>(counters);
            long mask = columns.stream().mapToLong(c -> 1L << c.ordinal()).sum();
            try (PreparedStatement statement = connection.prepareStatement(sqlCache.computeIfAbsent(mask, m -> upsertAll(columns)))) {
                int i = 1;
                for (Level level : Level.values()) {
                    for (Projection p : Projection.values()) {
                        TreeMap<Row, int[]> rows = tables.get(level).get(p);
                        int n = rows.size();
                        String[] periods = new String[n];
                        String[] regions = new String[n];
                        String[] units = new String[n];
                        String[] categories = new String[n];
                        String[] channels = new String[n];
                        Integer[][] amounts = new Integer[columns.size()][n];
                        int r = 0;
                        for (Map.Entry<Row, int[]> e : rows.entrySet()) {
                            Row row = e.getKey();
                            periods[r] = row.period().toString();
                            regions[r] = row.regionCode();
                            units[r] = row.unitId();
                            categories[r] = row.categoryCode();
                            channels[r] = row.channel();
                            for (int c = 0; c < columns.size(); c++) {
                                amounts[c][r] = e.getValue()[columns.get(c).ordinal()];
                            }
                            r++;
                        }
                        statement.setArray(i++, text(connection, periods));
                        statement.setArray(i++, text(connection, regions));
                        statement.setArray(i++, text(connection, units));
                        statement.setArray(i++, text(connection, categories));
                        statement.setArray(i++, text(connection, channels));
                        for (Integer[] column : amounts) {
                            statement.setArray(i++, connection.createArrayOf("int4", column));
                        }
                    }
                }
                statement.execute();
            }
        }

        private static Array text(Connection connection, String[] values) throws SQLException {
            return connection.createArrayOf("text", values);
        }
    }

    /**
     * One upsert per table, its rows given as arrays (unnested in the order given, which is the
     * rows' sort order); all tables' statements in one string, which the driver sends in one round
     * trip and PostgreSQL runs in order.
     */
    private static String upsertAll(List<Counter> counters) {
        String columns = counters.stream().map(c -> c.column).collect(Collectors.joining(", "));
        String arrays = counters.stream().map(c -> "?::int4[]").collect(Collectors.joining(", "));
        List<String> statements = new ArrayList<>();
        for (Level level : Level.values()) {
            for (Projection p : Projection.values()) {
                String table = level.table(p);
                String updates = counters.stream().map(c -> c.column + " = " + table + "." + c.column + " + EXCLUDED." + c.column)
                        .collect(Collectors.joining(", "));
                statements.add("INSERT INTO " + table + " (day, region_code, unit_id, category_code, channel, " + columns + ") "
                        + "SELECT * FROM unnest(?::text[]::date[], ?::text[], ?::text[], ?::text[], ?::text[], " + arrays + ") "
                        + "ON CONFLICT (day, region_code, unit_id, category_code, channel) DO UPDATE SET " + updates);
            }
        }
        return String.join("; ", statements);
    }
}
