package org.minhu.bench.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.minhu.localservers.EmbeddedPostgresServer;
import org.minhu.localservers.FreePorts;
import org.minhu.localservers.KafkaBrokerProcess;
import org.minhu.localservers.KafkaCluster;
import org.minhu.localservers.LocalIdentity;
import org.minhu.localservers.ServiceEnvironment;

/**
 * The servers the fault suite runs on and takes away: the embedded PostgreSQL (data kept, so a
 * {@code kill -9} and a restart find it again) and the embedded Kafka broker in a JVM of its own
 * (so it can be killed without the driver), or, for fault 7, a cluster of three such brokers.
 * Ports are chosen once and kept across restarts.
 */
final class FaultServers implements ServiceEnvironment, AutoCloseable {

    final EmbeddedPostgresServer postgres;
    /** The single broker; {@code null} on the cluster. */
    final KafkaBrokerProcess kafka;
    /** The three-node cluster; {@code null} on the single broker. */
    final KafkaCluster cluster;
    private final LocalIdentity identity;

    private FaultServers(EmbeddedPostgresServer postgres, KafkaBrokerProcess kafka, KafkaCluster cluster, LocalIdentity identity) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.cluster = cluster;
        this.identity = identity;
    }

    /** PostgreSQL and the single broker, or with {@code cluster} three Kafka nodes. */
    static FaultServers start(Path root, boolean cluster) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(root.resolve("postgres"), FreePorts.next(), true);
        try {
            if (cluster) {
                KafkaCluster nodes = KafkaCluster.start(root.resolve("kafka"), KafkaBrokerProcess.LOCAL_JVM, root.resolve("logs"));
                return new FaultServers(pg, null, nodes, LocalIdentity.in(root.resolve("keys")));
            }
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(root.resolve("kafka"), FreePorts.next(), FreePorts.next(),
                    KafkaBrokerProcess.LOCAL_JVM, root.resolve("logs").resolve("kafka.log"));
            return new FaultServers(pg, broker, null, LocalIdentity.in(root.resolve("keys")));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Each broker by the name the supervisor and the leftovers file know it by: "kafka", or "kafka-1" to "kafka-3". */
    Map<String, KafkaBrokerProcess> brokers() {
        Map<String, KafkaBrokerProcess> brokers = new LinkedHashMap<>();
        if (cluster == null) {
            brokers.put(Supervisor.KAFKA, kafka);
        } else {
            for (int id = 1; id <= KafkaCluster.SIZE; id++) {
                brokers.put(Supervisor.KAFKA + "-" + id, cluster.node(id));
            }
        }
        return brokers;
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
        return cluster != null ? cluster.bootstrapServers() : kafka.bootstrapServers();
    }

    @Override
    public LocalIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        try {
            if (cluster != null) {
                cluster.close();
            } else {
                kafka.close();
            }
        } finally {
            postgres.close();
        }
    }
}
