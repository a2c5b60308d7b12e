package org.minhu.bench.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.minhu.bench.GatewayClient;
import org.minhu.bench.Suite;
import org.minhu.bench.Traffic;
import org.minhu.localservers.Directories;
import org.minhu.localservers.ServiceProcess;

/**
 * The fault suite ({@code deploy/faults.sh}): the whole life of a request (filed with an
 * Idempotency-Key and retried with the same key on 5xx and timeouts, signed, answered, rated)
 * through the gateway at a steady rate, on the embedded servers, while one fault at a time is
 * injected: each service killed ({@code kill -9}) and restarted (notification-service too: 1e); the Kafka broker stopped, then
 * killed, and restarted; PostgreSQL killed and restarted on its data; every backend of one
 * database terminated during a burst; an export storm; oversized chunked bodies; and, on a
 * three-node Kafka cluster (only when named: {@code --faults 7}), one node killed and restarted.
 * After each it waits for the platform to settle and counts, from the services' databases, what
 * was accepted, lost and duplicated (notification-service's inboxes and deliveries included); it prints one table, a row per fault, and exits 1 when
 * anything was lost or duplicated.
 *
 * <pre>deploy/faults.sh [--faults 1,4,6] [--short] [--rate 5] [--seed 2024] [--terminate-db assignment]</pre>
 *
 * Everything runs on 127.0.0.1: the services on 8080-8084 (as {@code ./minhu up}), PostgreSQL and
 * the broker on free ports, data and logs under {@code bench/target/faults}.
 */
public final class FaultSuite {

    /** The broker child's main class: how a leftover broker of an earlier run is recognised. */
    private static final String BROKER_MAIN = org.minhu.localservers.KafkaBrokerProcess.class.getName();

    /** The run's options and the durations they imply. */
    record Options(List<Fault> faults, boolean shortRun, double rate, long seed, String terminateDb, Duration warmup,
                   Duration tail, Duration lifeLimit, Duration settleBound, Injector.Sizes sizes) {

        static Options parse(String[] args) {
            String faults = null;
            boolean shortRun = false;
            double rate = 5;
            long seed = 2024;
            String db = "assignment";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--faults" -> faults = args[++i];
                    case "--short" -> shortRun = true;
                    case "--rate" -> rate = Double.parseDouble(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--terminate-db" -> db = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --faults 1,4,6 --short "
                            + "--rate N (lives started per second) --seed S --terminate-db petition|assignment|feedback");
                }
            }
            if (!Settling.DATABASES.contains(db)) {
                throw new IllegalArgumentException("--terminate-db must be one of " + Settling.DATABASES);
            }
            if (rate <= 0 || rate > 50) {
                throw new IllegalArgumentException("--rate must be in (0, 50]");
            }
            List<Fault> chosen = Fault.select(faults, db);
            // the lives' limit outlasts a consumer group's session timeout (10 s here, 45 s by Kafka's default) after a kill, with room for the restart
            return shortRun
                    ? new Options(chosen, true, rate, seed, db, Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(100),
                            Duration.ofSeconds(90), new Injector.Sizes(Duration.ofSeconds(3), 4, Duration.ofMillis(1500), 3, 50, 6, 10L << 20,
                            Duration.ofSeconds(15)))
                    : new Options(chosen, false, rate, seed, db, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(240),
                            Duration.ofSeconds(180), new Injector.Sizes(Duration.ofSeconds(5), 6, Duration.ofSeconds(2), 3, 50, 20, 10L << 20,
                            Duration.ofSeconds(30)));
        }
    }

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of("bench/target/faults").toAbsolutePath();
        Leftovers leftovers = new Leftovers(root.resolve("faults.pids"));
        leftovers.stopAll();
        for (int port : List.of(8080, 8081, 8082, 8083, 8084)) {
            if (!free(port)) {
                System.err.println("Port " + port + " is in use (./minhu up running?): the fault suite runs the services on 8080-8084");
                System.exit(2);
            }
        }
        Directories.deleteRecursively(root);
        Files.createDirectories(root.resolve("logs"));

        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "Fault suite: faults %s, %.1f lives/s, seed %d%s; data and logs under %s%n",
                o.faults().stream().map(Fault::id).toList(), o.rate(), o.seed(), o.shortRun() ? ", short" : "", root);
        AtomicReference<FaultServers> servers = new AtomicReference<>();
        AtomicReference<Suite> suite = new AtomicReference<>();
        List<AutoCloseable> helpers = new ArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopAll = () -> { // once: at the end, or on Ctrl-C
            if (stopped.compareAndSet(false, true)) {
                for (int i = helpers.size() - 1; i >= 0; i--) {
                    try {
                        helpers.get(i).close();
                    } catch (Exception e) {
                        // stopping anyway
                    }
                }
                if (suite.get() != null) {
                    suite.get().close();
                }
                if (servers.get() != null) {
                    servers.get().close();
                }
                leftovers.forget();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopAll, "faults-stop"));
        int code;
        try {
            boolean cluster = o.faults().stream().anyMatch(Fault::needsCluster);
            if (cluster) {
                System.out.println("Kafka: a cluster of three nodes (replication 3, min.insync.replicas 2), for fault 7");
            }
            servers.set(FaultServers.start(root, cluster));
            leftovers.remember("postgres", servers.get().postgres.postmasterPid().orElse(-1L), "postgres");
            servers.get().brokers().forEach((name, broker) -> leftovers.remember(name, broker.pid(), BROKER_MAIN));
            org.minhu.localservers.EmbeddedKafkaBroker.createTopics(servers.get().kafkaBootstrapServers(), 3, Suite.TOPICS);
            System.out.println("Starting the four services and the gateway on 8081-8084 and 8080...");
            suite.set(Suite.start(servers.get(), Suite.Ports.STANDARD, root.resolve("logs")));
            suite.get().all().forEach(s -> leftovers.remember(s.name(), s.pid(), "quarkus-run.jar"));
            System.out.printf(Locale.ROOT, "Started in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            code = run(o, servers.get(), suite.get(), leftovers, helpers);
        } catch (Exception e) {
            System.err.println("The fault suite could not run: " + e);
            e.printStackTrace();
            code = 2;
        } finally {
            stopAll.run();
        }
        System.out.printf(Locale.ROOT, "Total %.1f min%n", (System.nanoTime() - t0) / 60e9);
        System.exit(code);
    }

    private static int run(Options o, FaultServers servers, Suite suite, Leftovers leftovers, List<AutoCloseable> helpers) throws Exception {
        GatewayClient client = new GatewayClient(suite.gateway().baseUrl(), servers.identity(), Duration.ofSeconds(20));
        Traffic traffic = Traffic.fromCatalogue(client);
        Workload workload = new Workload(client, traffic.generate(20_000, o.seed()), o.seed(), o.lifeLimit());
        helpers.add(workload::shutdown);
        java.util.function.Consumer<String> restarted = name -> {
            if (name.equals(Supervisor.POSTGRES)) {
                leftovers.remember(name, servers.postgres.postmasterPid().orElse(-1L), "postgres");
            } else if (servers.brokers().containsKey(name)) {
                leftovers.remember(name, servers.brokers().get(name).pid(), BROKER_MAIN);
            } else {
                leftovers.remember(name, suite.service(name).pid(), "quarkus-run.jar");
            }
        };
        Supervisor supervisor = new Supervisor(suite, servers, restarted);
        helpers.add(supervisor);
        Settling settling = new Settling(servers);
        helpers.add(settling);
        Ledger ledger = new Ledger(servers);
        Injector injector = new Injector(suite, servers, supervisor, workload, client, restarted, o.sizes(), o.rate());
        Report report = new Report();

        record Audited(String id, String tag, List<Life> lives, long at) {
        }
        List<Audited> audited = new ArrayList<>();
        for (Fault f : o.faults()) {
            awaitAllReady(suite);
            Phase ph = new Phase(f);
            supervisor.phase(ph);
            var dlq0 = settling.deadLetterEnds();
            System.out.printf(Locale.ROOT, "== %s %s: load %.1f lives/s%n", f.id(), f.title(), o.rate());
            workload.begin(ph, o.rate());
            Thread.sleep(o.warmup().toMillis());
            injector.inject(ph);
            Thread.sleep(o.tail().toMillis());
            workload.stopStarting();
            List<Life> lives = workload.awaitLives(o.lifeLimit().plusSeconds(30));
            System.out.printf(Locale.ROOT, "    %d lives ended (%d gave up); waiting for the platform to settle%n", lives.size(),
                    lives.stream().filter(l -> l.gaveUp != null).count());
            Settling.Result settled = settling.await(o.settleBound(), () -> ledger.audit(ph.tag, lives).fingerprint());
            Ledger.Audit audit = ledger.audit(ph.tag, lives);
            Report.Row row = Report.row(ph, lives, audit, settled, settling.deadLetters(dlq0));
            report.add(row);
            audited.add(new Audited(f.id(), ph.tag, lives, System.nanoTime()));
            System.out.printf(Locale.ROOT, "    %s in %.0f s: accepted %d, cases %d, answers %d, rounds %d, ratings %d, notifications %d, "
                            + "deliveries %s, lost %d, duplicated %d, 5xx in/out of the kill window %d/%d, recover %s s%n",
                    settled.settled() ? "settled" : "NOT settled", settled.seconds(), row.accepted(), row.cases(), row.answers(), row.rounds(),
                    row.ratings(), row.inbox(), audit.notifications().deliveriesText(), row.lost(), row.duplicated(), row.failedIn(),
                    row.failedOut(), row.recover());
        }
        supervisor.phase(null);
        for (Audited a : audited) { // late changes: repairs (reconciliation) or losses that showed only later
            report.reaudited(a.id(), ledger.audit(a.tag(), a.lives()), (System.nanoTime() - a.at()) / 60e9);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "== fault suite: %.1f lives/s through the gateway, seed %d%s%n", o.rate(), o.seed(),
                o.shortRun() ? ", --short" : "");
        report.print(System.out);
        if (report.noDeliveries()) {
            System.out.println("  notifications: inboxes only. The suite starts notification-service with no SMTP server and no recipient "
                    + "turns e-mail or a webhook on, so there are no deliveries: e-mail duplicates (at least once) cannot show here.");
        }
        System.out.println();
        int lost = report.lost();
        int duplicated = report.duplicated();
        System.out.println(lost + duplicated == 0 ? "Nothing lost, nothing duplicated."
                : "FAILED: " + lost + " lost, " + duplicated + " duplicated (see the notes above).");
        return lost + duplicated == 0 ? 0 : 1;
    }

    /** Before a phase: every service answers ready (the supervisor may be restarting one that died). */
    private static void awaitAllReady(Suite suite) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        for (String name : Suite.NAMES) {
            while (true) {
                try {
                    suite.service(name).awaitReady(Duration.ofSeconds(60));
                    break;
                } catch (IllegalStateException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(2000); // dead: the supervisor restarts it; slow: ask again
                }
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Pids a crashed run leaves behind (services, broker, postmaster), stopped at the next start if they are still ours. */
    private static final class Leftovers {
        private final Path file;
        private final java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();

        Leftovers(Path file) {
            this.file = file;
        }

        synchronized void remember(String name, long pid, String commandPart) {
            entries.put(name, pid + " " + commandPart);
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, entries.values());
            } catch (IOException e) {
                // only a safety net for the next run
            }
        }

        synchronized void forget() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // nothing to forget
            }
        }

        void stopAll() throws IOException {
            if (!Files.exists(file)) {
                return;
            }
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length < 2) {
                    continue;
                }
                long pid = Long.parseLong(parts[0]);
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().commandLine().or(() -> h.info().command()).map(c -> c.contains(parts[1])).orElse(false))
                        .ifPresent(h -> {
                            System.out.println("Stopping a leftover of an earlier fault run (pid " + pid + ")");
                            h.destroy();
                            try {
                                h.onExit().get(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                h.destroyForcibly();
                            }
                        });
            }
            Files.delete(file);
        }
    }
}
