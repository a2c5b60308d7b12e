package org.minhu.localservers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this
 * JVM. It keeps its ports and log directory across {@link #stop()} and {@link #start()}, so a
 * test can take the broker away and bring it back with its data, as a broker restart would.
 * With a {@link Membership} it is one node of a cluster instead ({@link KafkaCluster}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final boolean keepData;
    private final Membership membership;
    private KafkaRaftServer server;

    /**
     * How a node joins a cluster of several ({@link KafkaCluster}): its {@code node.id}, the
     * quorum's voters ({@code id@host:port,...}), the cluster id every node's storage is formatted
     * with, and the replication every topic (internal ones included) gets.
     */
    public record Membership(int nodeId, String quorumVoters, String clusterId, int replicationFactor, int minInsyncReplicas) {
    }

    public EmbeddedKafkaBroker(Path logDir, int brokerPort, int controllerPort, boolean keepData) {
        this(logDir, brokerPort, controllerPort, keepData, null);
    }

    /** A node of a cluster described by {@code membership}; {@code null}: the single node (node 1, alone in its quorum). */
    public EmbeddedKafkaBroker(Path logDir, int brokerPort, int controllerPort, boolean keepData, Membership membership) {
        this.logDir = logDir;
        this.brokerPort = FreePorts.orFree(brokerPort);
        this.controllerPort = FreePorts.orFree(controllerPort);
        this.keepData = keepData;
        this.membership = membership;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Formats the log directory on first use, starts the broker and waits until it answers. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            if (!keepData && !Files.exists(logDir.resolve("meta.properties"))) {
                Directories.deleteRecursively(logDir);
            }
            Files.createDirectories(logDir);
            Properties props = properties();
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setClusterId(membership == null ? Uuid.randomUuid().toString() : membership.clusterId())
                        .setNodeId(membership == null ? 1 : membership.nodeId())
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setIgnoreFormatted(true)
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .run();
            }
            KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
            started.startup();
            server = started;
            awaitReady(Duration.ofSeconds(60));
            return this;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start on " + bootstrapServers(), e);
        }
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(int partitions, String... names) {
        createTopics(bootstrapServers(), partitions, java.util.Arrays.asList(names));
    }

    /**
     * Creates, on any broker, the topics that do not exist yet, each with {@code partitions}
     * partitions and the broker's default replication.
     */
    public static void createTopics(String bootstrapServers, int partitions, List<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<org.apache.kafka.clients.admin.NewTopic> missing = names.stream()
                    .filter(n -> !existing.contains(n))
                    .map(n -> new org.apache.kafka.clients.admin.NewTopic(n, java.util.Optional.of(partitions), java.util.Optional.empty()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the topics " + names + " on Kafka at " + bootstrapServers
                    + ": " + e.getMessage(), e);
        }
    }

    /** Stops the broker and keeps its data, like a broker process that went away. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public synchronized void close() {
        stop();
        if (!keepData) {
            Directories.deleteRecursively(logDir);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // Durable as a real broker: data reaches the log before it is acknowledged to acks=all.
        p.put("unclean.leader.election.enable", "false");
        if (membership != null) {
            String rf = String.valueOf(membership.replicationFactor());
            String isr = String.valueOf(membership.minInsyncReplicas());
            p.put("node.id", String.valueOf(membership.nodeId()));
            p.put("controller.quorum.voters", membership.quorumVoters());
            p.put("default.replication.factor", rf);
            p.put("min.insync.replicas", isr);
            p.put("offsets.topic.replication.factor", rf);
            p.put("transaction.state.log.replication.factor", rf);
            p.put("transaction.state.log.min.isr", isr);
            p.put("share.coordinator.state.topic.replication.factor", rf);
            p.put("share.coordinator.state.topic.min.isr", isr);
        }
        return p;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000"))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("Kafka on " + bootstrapServers() + " not ready: " + last);
    }
}
