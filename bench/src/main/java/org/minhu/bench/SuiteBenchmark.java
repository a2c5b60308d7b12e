package org.minhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.minhu.localservers.Directories;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The suite as {@code ./minhu up} runs it (the four services and the gateway with the same JVM
 * settings, {@link Suite}), driven through the gateway by many citizens' tokens, with the gateway's
 * rate limits lifted for the load generator only. It measures what a city gets: petitions filed and
 * <em>assigned</em> to their unit, with every consumer keeping up, beside PostgreSQL's own ceiling
 * ({@link PgCeiling}) measured on the same server first.
 *
 * <ol>
 *   <li>PostgreSQL's ceiling (pgbench, 1 KB petition row + outbox row per transaction).</li>
 *   <li>Warm-up, closed loop.</li>
 *   <li>Sustained rate: closed loop with {@code --clients} connections for {@code --seconds}; the
 *       rate is the petitions assigned divided by the time from the first submission to the last
 *       assignment, so consumers that fall behind lower it; the backlog at the end of the load
 *       (accepted, not yet assigned) shows whether they kept up. CPU per petition per process is
 *       measured over this phase.</li>
 *   <li>Latency: open loop at 80% of that rate for {@code --seconds}; submit → assigned from each
 *       request's scheduled start (no coordinated omission).</li>
 * </ol>
 *
 * <pre>deploy/bench-suite.sh [--clients 16] [--seconds 30] [--warmup 20] [--ceiling-seconds 15] [--rate R]</pre>
 */
public final class SuiteBenchmark {

    private SuiteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args,
                "options: --clients N --seconds T --warmup T --ceiling-seconds T --rate R (the latency phase's rate; default 80% of the sustained one)"
                        + " --jfr (a Java Flight Recording of each service over the sustained phase, under bench/target/suite/jfr)",
                Map.of("clients", 16, "seconds", 30, "warmup", 20, "ceiling-seconds", 15, "rate", 0), Set.of("jfr"));
        int clients = options.integer("clients");
        int seconds = options.integer("seconds");
        int warmup = options.integer("warmup");
        int ceilingSeconds = options.integer("ceiling-seconds");
        int fixedRate = options.integer("rate");
        boolean jfr = options.flag("jfr");
        Path root = Path.of("bench/target/suite").toAbsolutePath();
        Directories.deleteRecursively(root);
        Files.createDirectories(root);
        System.out.printf("Starting embedded PostgreSQL and Kafka under %s%n", root);
        try (EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false)) {
            System.out.printf("PostgreSQL's ceiling, %d s...%n", ceilingSeconds);
            PgCeiling.Result ceiling = PgCeiling.measure(infra.postgres(), ceilingSeconds, root);
            System.out.println("  " + ceiling.describe());
            infra.kafka().createTopics(3, Suite.TOPICS.toArray(String[]::new));
            System.out.println("Starting the four services and the gateway as ./minhu up runs them...");
            try (Suite suite = Suite.start(infra, Suite.Ports.FREE, root)) {
                run(infra, suite, ceiling, clients, seconds, warmup, fixedRate, jfr ? root.resolve("jfr") : null);
            }
        }
        System.exit(0);
    }

    private static void run(EmbeddedInfra infra, Suite suite, PgCeiling.Result ceiling, int clients, int seconds,
                            int warmup, int fixedRate, Path jfrDir) throws Exception {
        Map<String, Long> assigned = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> AssignedEvents.read(infra.kafka().bootstrapServers(), assigned, reading), "case-events-reader");
        reader.start();
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(suite.gateway().port()).setKeepAlive(true)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(Math.max(clients, 256)).setMaxWaitQueueSize(-1));
        Map<String, Long> submitted = new ConcurrentHashMap<>();
        AtomicBoolean recording = new AtomicBoolean(false);
        HttpLoad load = new HttpLoad(client, clients, infra.identity(), (id, start) -> {
            if (recording.get()) {
                submitted.put(id, start);
            }
        });
        try {
            System.out.printf("Warm-up %d s, closed loop, %d connections...%n", warmup, clients);
            load.run(vertx, warmup, 0);
            awaitAssigned(Map.of(), assigned, 0); // let the warm-up drain before measuring

            // sustained: closed loop, then until the last petition of the phase is assigned
            load.reset();
            recording.set(true);
            if (jfrDir != null) {
                Files.createDirectories(jfrDir);
                for (ServiceProcess p : suite.all()) {
                    jcmd(p.pid(), "JFR.start", "name=bench", "settings=profile");
                }
            }
            Cpu cpu0 = Cpu.sample(suite.all());
            long t0 = System.nanoTime();
            System.out.printf("Sustained rate: %d s closed loop, %d connections...%n", seconds, clients);
            load.run(vertx, seconds, 0);
            long loadEnd = System.nanoTime();
            recording.set(false);
            Map<String, Long> phaseA = Map.copyOf(submitted);
            long backlogAtEnd = phaseA.keySet().stream().filter(id -> !assigned.containsKey(id)).count();
            long lastAssigned = awaitAssigned(phaseA, assigned, 120);
            Cpu cpu = Cpu.sample(suite.all()).minus(cpu0);
            if (jfrDir != null) {
                for (ServiceProcess p : suite.all()) {
                    jcmd(p.pid(), "JFR.stop", "name=bench", "filename=" + jfrDir.resolve(p.name() + ".jfr"));
                }
                System.out.println("Flight recordings of the sustained phase: " + jfrDir + " (jfr print --events jdk.ExecutionSample ...)");
            }
            long missingA = phaseA.keySet().stream().filter(id -> !assigned.containsKey(id)).count();
            long assignedA = phaseA.size() - missingA;
            double span = (Math.max(lastAssigned, loadEnd) - t0) / 1e9;
            double accepted = load.ok.get() / ((loadEnd - t0) / 1e9);
            double sustained = assignedA / span;
            long errorsA = load.errors.get();
            Histogram submitA = load.latency.copy();

            // latency at 80% of the sustained rate, open loop
            int rate = fixedRate > 0 ? fixedRate : Math.max(1, (int) Math.floor(0.8 * sustained));
            submitted.clear();
            load.reset();
            recording.set(true);
            System.out.printf("Latency: %d s open loop at %d/s...%n", seconds, rate);
            long t1 = System.nanoTime();
            load.run(vertx, seconds, rate);
            double elapsedB = (System.nanoTime() - t1) / 1e9;
            recording.set(false);
            Map<String, Long> phaseB = Map.copyOf(submitted);
            long backlogB = phaseB.keySet().stream().filter(id -> !assigned.containsKey(id)).count();
            awaitAssigned(phaseB, assigned, 120);
            AssignedEvents.Latencies latencies = AssignedEvents.latencies(phaseB, assigned, 300);
            Histogram toAssigned = latencies.histogram();
            long missingB = latencies.missing();

            System.out.println();
            System.out.println("== the suite as ./minhu up runs it: POST /api/v1/petitions through the gateway -> org.minhu.case.assigned on Kafka");
            System.out.println("PostgreSQL ceiling   " + ceiling.describe());
            System.out.printf(Locale.ROOT, "sustained            %d connections closed loop, %.0f s: %d accepted (%.0f/s), %d errors; "
                            + "backlog at the end of the load %d, all assigned %.1f s later%s%n",
                    clients, (loadEnd - t0) / 1e9, load.ok.get(), accepted, errorsA, backlogAtEnd,
                    (Math.max(lastAssigned, loadEnd) - loadEnd) / 1e9, missingA > 0 ? " (" + missingA + " NOT assigned within 120 s)" : "");
            System.out.printf(Locale.ROOT, "  submit latency ms  p50 %.1f  p99 %.1f%n", submitA.getValueAtPercentile(50) / 1e6,
                    submitA.getValueAtPercentile(99) / 1e6);
            System.out.println("  submit -> assigned " + ceiling.ratio(sustained) + "   (goal >= 15%)");
            System.out.printf(Locale.ROOT, "  CPU ms per petition %s%n", cpu.perPetition(assignedA));
            System.out.printf(Locale.ROOT, "latency at %d/s     %.0f s open loop: %d accepted, %d errors, backlog at the end %d%s%n", rate, elapsedB,
                    load.ok.get(), load.errors.get(), backlogB, missingB > 0 ? ", " + missingB + " NOT assigned within 120 s" : ", all assigned");
            System.out.printf(Locale.ROOT, "  submit latency ms  p50 %.1f  p99 %.1f%n", load.latency.getValueAtPercentile(50) / 1e6,
                    load.latency.getValueAtPercentile(99) / 1e6);
            System.out.printf(Locale.ROOT, "  submit -> assigned ms  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f   (goal p99 < 250)%n",
                    toAssigned.getValueAtPercentile(50) / 1e6, toAssigned.getValueAtPercentile(90) / 1e6,
                    toAssigned.getValueAtPercentile(99) / 1e6, toAssigned.getMaxValue() / 1e6);
            StringBuilder rss = new StringBuilder();
            suite.all().forEach(s -> rss.append(String.format(Locale.ROOT, "  %s %d", s.name(), s.peakRssKb() / 1024)));
            System.out.println("peak RSS MB         " + rss + "   (goal <= 200)");
        } finally {
            reading.set(false);
            reader.join(10_000);
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void jcmd(long pid, String... command) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.out.println("jcmd " + String.join(" ", command) + " failed for " + pid);
        }
    }

    /** Waits until every id in {@code ids} is assigned (or {@code maxSeconds} pass); returns the latest assignment time. */
    private static long awaitAssigned(Map<String, Long> ids, Map<String, Long> assigned, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(maxSeconds, 5));
        while (System.nanoTime() < deadline && !assigned.keySet().containsAll(ids.keySet())) {
            Thread.sleep(20);
        }
        if (ids.isEmpty()) {
            Thread.sleep(3000); // the warm-up: its tail drains
        }
        long last = 0;
        for (String id : ids.keySet()) {
            Long at = assigned.get(id);
            if (at != null) {
                last = Math.max(last, at);
            }
        }
        return last;
    }

    /** CPU seconds of each service, of PostgreSQL (every postgres process) and of this JVM (the load generator and the Kafka broker). */
    private record Cpu(Map<String, Double> services, double postgres, double driverAndKafka) {

        static Cpu sample(List<ServiceProcess> services) {
            Map<String, Double> s = new LinkedHashMap<>();
            services.forEach(p -> s.put(p.name(), ProcessCpu.seconds(p.pid())));
            return new Cpu(s, ProcessCpu.postgresSeconds(), ProcessCpu.seconds(ProcessHandle.current().pid()));
        }

        Cpu minus(Cpu o) {
            Map<String, Double> s = new LinkedHashMap<>();
            services.forEach((k, v) -> s.put(k, v - o.services.getOrDefault(k, 0.0)));
            return new Cpu(s, postgres - o.postgres, driverAndKafka - o.driverAndKafka);
        }

        String perPetition(long petitions) {
            double n = Math.max(1, petitions) / 1000.0;
            StringBuilder b = new StringBuilder();
            double total = postgres + driverAndKafka;
            for (Map.Entry<String, Double> e : services.entrySet()) {
                b.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue() / n));
                total += e.getValue();
            }
            b.append(String.format(Locale.ROOT, "PostgreSQL %.2f, load generator + Kafka broker %.2f; all %.2f", postgres / n,
                    driverAndKafka / n, total / n));
            return b.toString();
        }
    }
}
