package org.minhu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the binaries that zonky ships in Maven artifacts, with
 * PostgreSQL's durable defaults (fsync, synchronous commit and full-page writes on; zonky turns the
 * first two off unless told), so figures measured against it are honest.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 for a free one) with its data in {@code dataDir}.
     * With {@code keepData} the directory survives {@link #close()} and a later start reuses it.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean keepData) {
        int chosen = FreePorts.orFree(port);
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
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
            return new EmbeddedPostgresServer(pg, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + chosen, e);
        }
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
