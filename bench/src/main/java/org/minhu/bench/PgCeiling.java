package org.minhu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.minhu.localservers.EmbeddedPostgresServer;

/**
 * PostgreSQL's own ceiling for what intake does, measured on the same server a benchmark then
 * loads: one transaction inserts a 1 KB petition row and a 1 KB outbox row, 8 clients, prepared
 * statements, fsync and synchronous commit as the server runs them (on). Every benchmark prints
 * its figure beside this one and the ratio, so two runs on different or noisy machines compare.
 *
 * <p>It runs {@code pgbench} (Debian's {@code postgresql-client}) when it is on the PATH, in a
 * database of its own ({@code pg_ceiling}, two tables, emptied before each run), and otherwise the
 * same transaction over JDBC from 8 threads, and says which it used.
 */
public final class PgCeiling {

    static final String DATABASE = "pg_ceiling";
    private static final int CLIENTS = 8;
    private static final String SCRIPT = """
            BEGIN;
            INSERT INTO ceiling_petition (id, body, created_at) VALUES (gen_random_uuid(), repeat('p', 1000), now());
            INSERT INTO ceiling_outbox (aggregate_id, payload, created_at) VALUES (gen_random_uuid(), repeat('o', 1000), now());
            END;
            """;

    /** Transactions per second and how they were measured. */
    public record Result(double txPerSecond, String tool) {
        public String describe() {
            return String.format(Locale.ROOT, "%,.0f tx/s (%s: INSERT a 1 KB petition row + INSERT a 1 KB outbox row, "
                    + "%d clients, prepared, fsync and synchronous commit on)", txPerSecond, tool, CLIENTS);
        }

        /** {@code rate} as a share of this ceiling, for the line every benchmark prints. */
        public String ratio(double rate) {
            return String.format(Locale.ROOT, "%.0f/s = %.1f%% of PostgreSQL's ceiling (%,.0f tx/s)",
                    rate, 100 * rate / txPerSecond, txPerSecond);
        }
    }

    private PgCeiling() {
    }

    public static Result measure(EmbeddedPostgresServer postgres, int seconds, Path workDir) throws Exception {
        postgres.ensureDatabase(DATABASE);
        String jdbc = postgres.jdbcUrl(DATABASE);
        try (Connection c = DriverManager.getConnection(jdbc, EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ceiling_petition (id uuid PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS ceiling_outbox (id bigserial PRIMARY KEY, aggregate_id uuid NOT NULL, "
                    + "payload text NOT NULL, created_at timestamptz NOT NULL)");
            s.execute("TRUNCATE ceiling_petition, ceiling_outbox");
            s.execute("CHECKPOINT");
        }
        Result r = onPath("pgbench") ? pgbench(postgres, seconds, workDir) : jdbc(jdbc, seconds);
        try (Connection c = DriverManager.getConnection(jdbc, EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE ceiling_petition, ceiling_outbox");
        }
        return r;
    }

    private static Result pgbench(EmbeddedPostgresServer postgres, int seconds, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path script = workDir.resolve("ceiling.sql");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        Path out = workDir.resolve("pgbench.log");
        Process p = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(CLIENTS), "-j", "2",
                "-T", String.valueOf(seconds), "-f", script.toString(), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port()),
                "-U", EmbeddedPostgresServer.USER, DATABASE)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish; see " + out);
        }
        String log = Files.readString(out);
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(log);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("pgbench failed (exit " + p.exitValue() + "): " + log);
        }
        return new Result(Double.parseDouble(m.group(1)), "pgbench");
    }

    private static Result jdbc(String url, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        String body = "p".repeat(1000);
        String payload = "o".repeat(1000);
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "prepareThreshold=1",
                        EmbeddedPostgresServer.USER, "");
                     PreparedStatement pet = c.prepareStatement("INSERT INTO ceiling_petition (id, body, created_at) VALUES (?, ?, now())");
                     PreparedStatement out = c.prepareStatement("INSERT INTO ceiling_outbox (aggregate_id, payload, created_at) VALUES (?, ?, now())")) {
                    c.setAutoCommit(false);
                    while (running.get()) {
                        pet.setObject(1, UUID.randomUUID());
                        pet.setString(2, body);
                        pet.executeUpdate();
                        out.setObject(1, UUID.randomUUID());
                        out.setString(2, payload);
                        out.executeUpdate();
                        c.commit();
                        done.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "ceiling-" + i);
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return new Result(done.get() / elapsed, "JDBC, pgbench not on the PATH");
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
