package org.minhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Submit → case assigned: files petitions at a fixed rate through petition-service and
 * measures, for each, the time from the request's scheduled start until assignment-service's
 * {@code org.minhu.case.assigned} event for it is on Kafka (read by a real consumer). Both
 * services run packaged, on the embedded PostgreSQL and Kafka.
 *
 * <pre>deploy/bench-dispatch.sh [--rate 1000] [--seconds 30] [--warmup 20] [--clients 64]</pre>
 */
public final class DispatchLatencyBenchmark {

    private DispatchLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, "options: --rate R --seconds T --warmup T --clients N",
                Map.of("rate", 1000, "seconds", 30, "warmup", 20, "clients", 64), Set.of());
        int rate = options.integer("rate");
        int seconds = options.integer("seconds");
        int warmup = options.integer("warmup");
        int clients = options.integer("clients");
        Path root = Path.of("bench/target/dispatch").toAbsolutePath();
        Files.createDirectories(root);
        System.out.printf("Starting embedded PostgreSQL and Kafka, petition-service and assignment-service under %s%n", root);
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC");
        try (EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false);
             ServiceProcess petitions = ServiceProcess.start("petition-service",
                     Path.of("petition-service/target/quarkus-app/quarkus-run.jar"), 0, infra, "petition",
                     Map.of("quarkus.log.level", "WARN"), jvm, root);
             ServiceProcess assignment = ServiceProcess.start("assignment-service",
                     Path.of("assignment-service/target/quarkus-app/quarkus-run.jar"), 0, infra, "assignment",
                     Map.of("quarkus.log.level", "WARN"), jvm, root)) {
            infra.kafka().createTopics(3, "minhu.petition.events", "minhu.case.events", "minhu.feedback.events");
            petitions.awaitReady(Duration.ofSeconds(120));
            assignment.awaitReady(Duration.ofSeconds(120));

            Map<String, Long> submitted = new ConcurrentHashMap<>();
            Map<String, Long> assigned = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> AssignedEvents.read(infra.kafka().bootstrapServers(), assigned, reading), "case-events-reader");
            reader.start();

            Vertx vertx = Vertx.vertx();
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(petitions.port()).setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(clients).setMaxWaitQueueSize(-1));
            AtomicBoolean measuring = new AtomicBoolean(false);
            HttpLoad load = new HttpLoad(client, clients, infra.identity(), (id, start) -> {
                if (measuring.get()) {
                    submitted.put(id, start);
                }
            });
            System.out.printf("Warm-up %d s at %d/s...%n", warmup, rate);
            load.run(vertx, warmup, rate);
            load.reset();
            measuring.set(true);
            System.out.printf("Measuring %d s at %d/s...%n", seconds, rate);
            long t0 = System.nanoTime();
            load.run(vertx, seconds, rate);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            measuring.set(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !assigned.keySet().containsAll(submitted.keySet())) {
                Thread.sleep(100);
            }
            reading.set(false);
            reader.join(10_000);

            AssignedEvents.Latencies latencies = AssignedEvents.latencies(submitted, assigned, 120);
            Histogram h = latencies.histogram();
            int missing = latencies.missing();
            System.out.println();
            System.out.println("== submit -> case assigned (petition-service + assignment-service, embedded PostgreSQL and Kafka)");
            System.out.printf(Locale.ROOT, "target rate        %d/s open loop, %d connections%n", rate, clients);
            System.out.printf(Locale.ROOT, "accepted (201)     %d (%.0f/s), errors %d%n", load.ok.get(), load.ok.get() / elapsed, load.errors.get());
            System.out.printf(Locale.ROOT, "submit latency ms  p50 %.1f  p99 %.1f%n",
                    load.latency.getValueAtPercentile(50) / 1e6, load.latency.getValueAtPercentile(99) / 1e6);
            System.out.printf(Locale.ROOT, "to assigned ms     p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (%d measured, %d not assigned within 60 s)%n",
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                    h.getMaxValue() / 1e6, h.getTotalCount(), missing);
            System.out.printf(Locale.ROOT, "peak RSS MB        petition-service %d, assignment-service %d%n",
                    petitions.peakRssKb() / 1024, assignment.peakRssKb() / 1024);
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
