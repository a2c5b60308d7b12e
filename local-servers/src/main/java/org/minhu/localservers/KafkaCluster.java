package org.minhu.localservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Three Kafka nodes (KRaft, each broker and controller in one, {@link KafkaBrokerProcess} JVMs so
 * one can be SIGKILLed and restarted): node ids 1 to 3, one quorum naming all three as voters,
 * one cluster id every node's storage is formatted with, every topic (the internal ones too)
 * replicated three times with at least two in sync, so an {@code acks=all} write survives the
 * loss of any one node. The single broker ({@link EmbeddedKafkaBroker}, {@link EmbeddedInfra})
 * is not affected by any of this.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int SIZE = 3;
    public static final int MIN_INSYNC = 2;

    private final List<KafkaBrokerProcess> nodes;
    private final String clusterId;

    private KafkaCluster(List<KafkaBrokerProcess> nodes, String clusterId) {
        this.nodes = nodes;
        this.clusterId = clusterId;
    }

    /**
     * Starts the three nodes on free ports, node {@code n}'s data in {@code dir/node-n} and its
     * output in {@code logs/kafka-n.log}, and waits until each answers.
     */
    public static KafkaCluster start(Path dir, List<String> jvmArgs, Path logs) {
        int[] brokerPorts = new int[SIZE];
        int[] controllerPorts = new int[SIZE];
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            brokerPorts[i] = FreePorts.next();
            controllerPorts[i] = FreePorts.next();
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
        }
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBrokerProcess> nodes = new ArrayList<>();
        KafkaCluster cluster = new KafkaCluster(nodes, clusterId);
        try {
            // all three first: none answers before a majority of the voters has formed the quorum
            for (int i = 0; i < SIZE; i++) {
                nodes.add(KafkaBrokerProcess.launchMember(dir.resolve("node-" + (i + 1)), brokerPorts[i], controllerPorts[i],
                        new EmbeddedKafkaBroker.Membership(i + 1, String.join(",", voters), clusterId, SIZE, MIN_INSYNC),
                        jvmArgs, logs.resolve("kafka-" + (i + 1) + ".log")));
            }
            for (KafkaBrokerProcess node : nodes) {
                node.awaitReady(Duration.ofSeconds(180));
            }
            cluster.awaitBrokers(SIZE, Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String clusterId() {
        return clusterId;
    }

    /** All three brokers, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The nodes, node 1 first. */
    public List<KafkaBrokerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code id} (1 to 3). */
    public KafkaBrokerProcess node(int id) {
        return nodes.get(id - 1);
    }

    /** SIGKILL of node {@code id}: no controlled shutdown, no flush; the others carry on. */
    public void kill(int id) {
        node(id).kill();
    }

    /** Starts node {@code id} again on its ports and log directory and waits until it answers. */
    public void restart(int id) {
        node(id).restart();
    }

    /** The node that is the quorum's leader (the active controller) now. */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer about the metadata quorum from " + bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** How many partitions (of every topic, internal ones included) node {@code id} leads now. */
    public int leaderships(int id) {
        return (int) partitions().stream().filter(p -> p.leader() != null && p.leader().id() == id).count();
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again (after a
     * node's restart: it has caught up); returns how long that took.
     */
    public Duration awaitFullyReplicated(Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                List<TopicPartitionInfo> behind = partitions().stream()
                        .filter(p -> p.isr().size() < p.replicas().size()).toList();
                if (behind.isEmpty()) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
                last = behind.size() + " partitions with fewer replicas in sync than assigned";
            } catch (RuntimeException e) {
                last = e.toString();
            }
            sleep(500);
        }
        throw new IllegalStateException("not fully replicated after " + timeout + ": " + last);
    }

    private void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                if (seen >= count) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("only " + seen + " of " + count + " brokers registered after " + timeout);
    }

    private List<TopicPartitionInfo> partitions() {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            return topics.values().stream().flatMap(t -> t.partitions().stream()).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer about the topics from " + bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the three nodes at once (SIGTERM: each its controlled shutdown); a node that has not
     * exited after a minute is killed.
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (KafkaBrokerProcess node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    node.stop();
                } catch (RuntimeException e) {
                    node.kill();
                }
            }, "kafka-cluster-stop");
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join(90_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
