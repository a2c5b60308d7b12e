package org.minhu.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the binaries that zonky ships in Maven artifacts, with
 * PostgreSQL's durable defaults (fsync, synchronous commit and full-page writes on; zonky turns the
 * first two off unless told), so figures measured against it are honest.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    /** Replaced by {@link #restart()} after {@link #kill()}; otherwise the one started. */
    private volatile EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDir;
    private final boolean keepData;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, Path dataDir, boolean keepData) {
        this.postgres = postgres;
        this.port = port;
        this.dataDir = dataDir;
        this.keepData = keepData;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 for a free one) with its data in {@code dataDir}.
     * With {@code keepData} the directory survives {@link #close()} and a later start reuses it.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean keepData) {
        int chosen = FreePorts.orFree(port);
        return new EmbeddedPostgresServer(launch(dataDir, chosen, keepData), chosen, dataDir, keepData);
    }

    private static EmbeddedPostgres launch(Path dataDir, int chosen, boolean keepData) {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(chosen)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off: turn
                    // durability back on, so what tests and benchmarks see is what production gets.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + chosen, e);
        }
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** The postmaster's pid, from {@code postmaster.pid} in the data directory; empty when it holds none. */
    public java.util.Optional<Long> postmasterPid() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                return java.util.Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // being written or removed right now: no pid to give
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code kill -9} of the postmaster, as a crash would end it: no checkpoint, no clean shutdown,
     * so the next start replays the WAL. Its backends notice the postmaster is gone and exit; the
     * method waits until they have (a new postmaster refuses to start while one of them still holds
     * the shared memory), killing any still there after 15 s. A postmaster that is gone already
     * (it crashed) is only cleaned up after. Needs a server started with {@code keepData}: the
     * data must stay for {@link #restart()}.
     */
    public synchronized void kill() {
        if (!keepData) {
            throw new IllegalStateException("PostgreSQL was started without keepData: its data would not survive a restart");
        }
        // only a live postgres process: after a crash the pid in the file may belong to something else by now
        java.util.Optional<ProcessHandle> running = postmasterPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (running.isPresent()) {
            ProcessHandle postmaster = running.get();
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            awaitExit(List.of(postmaster), 15);
            if (!awaitExit(backends, 15)) {
                backends.forEach(ProcessHandle::destroyForcibly);
                awaitExit(backends, 10);
            }
        }
        // release zonky's lock on the data directory (its "pg_ctl stop" finds nothing to stop and says so)
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // the server is gone already; only the lock mattered
        }
    }

    /** Starts PostgreSQL again on the same port and data directory, after {@link #kill()} or a crash. */
    public synchronized void restart() {
        if (!keepData) {
            throw new IllegalStateException("PostgreSQL was started without keepData: nothing to restart on");
        }
        postgres = launch(dataDir, port, true);
    }

    private static boolean awaitExit(List<ProcessHandle> processes, int seconds) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
