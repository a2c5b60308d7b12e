package org.minhu.bench.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.minhu.testsupport.EmbeddedPostgresServer;
import org.minhu.testsupport.FreePorts;
import org.minhu.testsupport.KafkaBrokerProcess;
import org.minhu.testsupport.LocalIdentity;
import org.minhu.testsupport.ServiceEnvironment;

/**
 * The servers the fault suite runs on and takes away: the embedded PostgreSQL (data kept, so a
 * {@code kill -9} and a restart find it again) and the embedded Kafka broker in a JVM of its own
 * (so it can be killed without the driver). Ports are chosen once and kept across restarts.
 */
final class FaultServers implements ServiceEnvironment, AutoCloseable {

    final EmbeddedPostgresServer postgres;
    final KafkaBrokerProcess kafka;
    private final LocalIdentity identity;

    private FaultServers(EmbeddedPostgresServer postgres, KafkaBrokerProcess kafka, LocalIdentity identity) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.identity = identity;
    }

    static FaultServers start(Path root) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(root.resolve("postgres"), FreePorts.next(), true);
        try {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(root.resolve("kafka"), FreePorts.next(), FreePorts.next(),
                    KafkaBrokerProcess.LOCAL_JVM, root.resolve("logs").resolve("kafka.log"));
            return new FaultServers(pg, broker, LocalIdentity.in(root.resolve("keys")));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * A connection of the driver's own (never one of the services'), failing fast while the server
     * is away: the audit and the settling checks call again.
     */
    Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", databaseUser());
        p.setProperty("password", databasePassword());
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "minhu-faults");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    @Override
    public void ensureDatabase(String database) {
        postgres.ensureDatabase(database);
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUser() {
        return EmbeddedPostgresServer.USER;
    }

    @Override
    public String databasePassword() {
        return "";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public LocalIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
