package org.minhu.localservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The embedded broker ({@link EmbeddedKafkaBroker}: the same KRaft broker, settings and log
 * directory layout) hosted by a JVM of its own, so that a failure test can end it the two ways a
 * broker ends: {@link #stop()} sends SIGTERM and the broker shuts down in a controlled way (its
 * shutdown hook runs {@link EmbeddedKafkaBroker#stop()}: logs flushed, a clean-shutdown marker
 * written); {@link #kill()} sends SIGKILL, so nothing of that happens and the next start recovers
 * its logs. An in-process broker cannot be taken away abruptly without taking its JVM with it.
 * {@link #restart()} starts it again on the same ports and log directory.
 *
 * <p>The child runs with this JVM's class path (test-support and Kafka must be on it).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** A broker's heap for light test traffic; serial GC on small machines; bounded metaspace. */
    public static final List<String> LOCAL_JVM = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final List<String> jvmArgs;
    private final Path log;
    private final EmbeddedKafkaBroker.Membership membership;
    private Process process;

    private KafkaBrokerProcess(Path logDir, int brokerPort, int controllerPort, List<String> jvmArgs, Path log,
                               EmbeddedKafkaBroker.Membership membership) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.log = log;
        this.membership = membership;
    }

    /**
     * Starts a broker with its data in {@code logDir} (kept: a restart finds it again) on
     * {@code brokerPort} and {@code controllerPort} (0: free ones, then fixed for its life), its
     * output in {@code log}, and waits until it answers.
     */
    public static KafkaBrokerProcess start(Path logDir, int brokerPort, int controllerPort, List<String> jvmArgs, Path log) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(logDir, FreePorts.orFree(brokerPort), FreePorts.orFree(controllerPort),
                jvmArgs, log, null);
        broker.launch();
        return broker;
    }

    /**
     * Launches one node of a cluster ({@link KafkaCluster}) and returns at once, without waiting:
     * a node answers only once a majority of the quorum's voters is up, so the cluster launches
     * every node first and then waits for each ({@link #awaitReady(Duration)}). A {@link #restart()}
     * of one node, the others running, waits as for a single broker.
     */
    public static KafkaBrokerProcess launchMember(Path logDir, int brokerPort, int controllerPort,
                                                  EmbeddedKafkaBroker.Membership membership, List<String> jvmArgs, Path log) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(logDir, brokerPort, controllerPort, jvmArgs, log, membership);
        synchronized (broker) {
            broker.spawn();
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path logDirectory() {
        return logDir;
    }

    public Path log() {
        return log;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM: the broker's controlled shutdown. Waits until the JVM has exited. */
    public synchronized void stop() {
        if (isAlive()) {
            process.destroy();
            awaitExit(Duration.ofSeconds(60), "after SIGTERM");
        }
    }

    /** SIGKILL: the broker ends where it stands, no controlled shutdown, no flush. */
    public synchronized void kill() {
        if (isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30), "after SIGKILL");
        }
    }

    /** Starts the broker again on the same ports and log directory (after a stop, a kill or a crash). */
    public synchronized void restart() {
        if (isAlive()) {
            throw new IllegalStateException("the broker is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        if (isAlive()) {
            kill();
        }
    }

    private synchronized void launch() {
        spawn();
        awaitReady(Duration.ofSeconds(120));
    }

    private void spawn() {
        List<String> jvm = new ArrayList<>(jvmArgs);
        jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        List<String> args = new ArrayList<>(List.of(logDir.toString(), String.valueOf(brokerPort), String.valueOf(controllerPort)));
        if (membership != null) {
            args.addAll(List.of(String.valueOf(membership.nodeId()), membership.quorumVoters(), membership.clusterId(),
                    String.valueOf(membership.replicationFactor()), String.valueOf(membership.minInsyncReplicas())));
        }
        process = ChildJvm.start("broker", jvm, System.getProperty("java.class.path"), KafkaBrokerProcess.class.getName(), args, log);
    }

    /** Waits until the broker answers (lists the cluster's brokers); fails early if its JVM exited. */
    public void awaitReady(Duration timeout) {
        ChildJvm.awaitReady(process, "Kafka broker", bootstrapServers(), log, timeout, Duration.ofMillis(200), () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000"))) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            }
        });
    }

    private void awaitExit(Duration timeout, String when) {
        if (!ChildJvm.awaitExit(process, timeout)) {
            throw new IllegalStateException("the Kafka broker (pid " + process.pid() + ") still alive " + timeout.toSeconds()
                    + " s " + when);
        }
    }

    /**
     * The child: {@code KafkaBrokerProcess LOG_DIR BROKER_PORT CONTROLLER_PORT [NODE_ID VOTERS CLUSTER_ID RF MIN_ISR]}
     * (the last five for a node of a cluster); runs until SIGTERM or SIGKILL.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker.Membership membership = args.length < 8 ? null : new EmbeddedKafkaBroker.Membership(
                Integer.parseInt(args[3]), args[4], args[5], Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), true,
                membership);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM runs this hook: the broker's own controlled shutdown, as a service manager stopping it would get
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "broker-stop"));
        broker.start();
        System.out.println("broker ready on " + broker.bootstrapServers());
        stopped.await();
    }
}
