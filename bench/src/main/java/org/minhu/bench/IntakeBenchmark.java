package org.minhu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedPostgresServer;
import org.minhu.localservers.ServiceProcess;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Drives {@code POST /api/v1/petitions} against petition-service running on the embedded
 * PostgreSQL (fsync and synchronous commit on) and Kafka (acks=all), and prints requests/s,
 * latency percentiles, errors, events published/s and the outbox backlog.
 *
 * <p>Closed loop by default: {@code --clients} connections each send the next request when the
 * previous one is answered, which finds the throughput ceiling. With {@code --rate} it is an
 * open loop at a fixed arrival rate, and latency counts from each request's scheduled start
 * (no coordinated omission), which is what "p99 at 3,000/s" means.
 */
public final class IntakeBenchmark {

    private static final String DATABASE = "petition";

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path root = Path.of(o.workDir).toAbsolutePath();
        Files.createDirectories(root);
        System.out.printf("Starting embedded PostgreSQL and Kafka under %s%n", root);
        try (EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false)) {
            System.out.printf("PostgreSQL's ceiling, %d s...%n", o.ceilingSeconds);
            PgCeiling.Result ceiling = PgCeiling.measure(infra.postgres(), o.ceilingSeconds, root);
            System.out.println("  " + ceiling.describe());
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.serviceHeap, "-XX:+UseSerialGC"));
            if (!o.serviceJvmArgs.isBlank()) {
                jvm.addAll(List.of(o.serviceJvmArgs.trim().split("\\s+")));
            }
            System.out.printf("Starting petition-service (%s, heap %s, %d DB connections)%n", o.serviceJar, o.serviceHeap, o.dbPool);
            try (ServiceProcess service = ServiceProcess.start("petition-service", Path.of(o.serviceJar), 0, infra,
                    DATABASE, Map.of("quarkus.datasource.jdbc.max-size", String.valueOf(o.dbPool),
                            "quarkus.log.level", "WARN"), jvm, root)) {
                service.awaitReady(Duration.ofSeconds(120));
                run(o, service.port(), infra.postgres().jdbcUrl(DATABASE), service, infra.identity(), ceiling);
            }
        }
    }

    private static void run(Options o, int port, String jdbc, ServiceProcess service,
                            org.minhu.localservers.LocalIdentity identity, PgCeiling.Result ceiling) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(o.clients).setMaxWaitQueueSize(-1));
        HttpLoad load = new HttpLoad(client, o.clients(), identity, null);

        System.out.printf("Warm-up %d s...%n", o.warmupSeconds);
        load.run(vertx, o.warmupSeconds, o.rate);
        load.reset();

        long backlogBefore = backlog(jdbc);
        long publishedBefore = published(jdbc);
        System.out.printf("Measuring %d s with %d connections%s...%n", o.seconds, o.clients,
                o.rate > 0 ? " at " + o.rate + " requests/s (open loop)" : " (closed loop)");
        CpuTime cpuBefore = CpuTime.sample(service.pid());
        long t0 = System.nanoTime();
        load.run(vertx, o.seconds, o.rate);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        CpuTime cpu = CpuTime.sample(service.pid()).minus(cpuBefore);
        long publishedDuring = published(jdbc) - publishedBefore;
        long backlogAfter = backlog(jdbc);
        long drainStart = System.nanoTime();
        while (backlog(jdbc) > 0 && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(100);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        Histogram h = load.latency;
        System.out.println();
        System.out.println("== POST /api/v1/petitions (petition-service direct, embedded PostgreSQL fsync on, Kafka acks=all)");
        System.out.printf(Locale.ROOT, "mode              %s%n", o.rate > 0 ? "open loop, target " + o.rate + "/s" : "closed loop");
        System.out.printf(Locale.ROOT, "connections       %d%n", o.clients);
        System.out.println("PostgreSQL        " + ceiling.describe());
        System.out.printf(Locale.ROOT, "duration          %.1f s%n", elapsed);
        System.out.printf(Locale.ROOT, "accepted (201)    %d  (%.0f/s)%n", load.ok.get(), load.ok.get() / elapsed);
        System.out.printf(Locale.ROOT, "errors            %d  (non-201 or failed)%n", load.errors.get());
        System.out.println("vs PostgreSQL     " + ceiling.ratio(load.ok.get() / elapsed)
                + (o.rate > 0 ? "" : "   (goal >= 35%; then p99 < 50 ms at 80% of the rate: --rate " + (int) (0.8 * load.ok.get() / elapsed) + ")"));
        System.out.printf(Locale.ROOT, "latency ms        p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "events published  %d  (%.0f/s during the run)%n", publishedDuring, publishedDuring / elapsed);
        System.out.printf(Locale.ROOT, "outbox backlog    %d at start, %d at end, drained in %.1f s%n",
                backlogBefore, backlogAfter, drainSeconds);
        System.out.printf(Locale.ROOT, "service RSS peak  %d MB%n", service.peakRssKb() / 1024);
        System.out.printf(Locale.ROOT, "CPU (cores busy)  petition-service %.2f, PostgreSQL %.2f, load generator + Kafka broker %.2f;"
                        + " machine has %d cores%n", cpu.service() / elapsed, cpu.postgres() / elapsed, cpu.self() / elapsed,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "CPU per request   %.2f ms (all processes), %.2f ms in petition-service%n",
                1000 * cpu.total() / Math.max(1, load.ok.get()), 1000 * cpu.service() / Math.max(1, load.ok.get()));
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** CPU seconds used so far by the service, every postgres process, and this JVM (Linux /proc). */
    private record CpuTime(double service, double postgres, double self) {

        static CpuTime sample(long servicePid) {
            return new CpuTime(ProcessCpu.seconds(servicePid), ProcessCpu.postgresSeconds(),
                    ProcessCpu.seconds(ProcessHandle.current().pid()));
        }

        CpuTime minus(CpuTime o) {
            return new CpuTime(service - o.service, postgres - o.postgres, self - o.self);
        }

        double total() {
            return service + postgres + self;
        }

    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }


    private static long backlog(String jdbc) throws SQLException {
        return count(jdbc, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
    }

    private static long published(String jdbc) throws SQLException {
        return count(jdbc, "SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL");
    }

    private static long count(String jdbc, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Options(int clients, int seconds, int warmupSeconds, int rate, String serviceJar,
                           String serviceHeap, int dbPool, String workDir, String serviceJvmArgs,
                           int ceilingSeconds) {

        static Options parse(String[] args) {
            int clients = 32;
            int seconds = 30;
            int warmup = 10;
            int rate = 0;
            String jar = "petition-service/target/quarkus-app/quarkus-run.jar";
            String heap = "256m";
            int pool = 32;
            String dir = "bench/target/intake";
            String jvmArgs = "";
            int ceilingSeconds = 15;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--clients" -> { clients = Integer.parseInt(v); i++; }
                    case "--seconds" -> { seconds = Integer.parseInt(v); i++; }
                    case "--warmup" -> { warmup = Integer.parseInt(v); i++; }
                    case "--rate" -> { rate = Integer.parseInt(v); i++; }
                    case "--service-jar" -> { jar = v; i++; }
                    case "--service-heap" -> { heap = v; i++; }
                    case "--db-pool" -> { pool = Integer.parseInt(v); i++; }
                    case "--work-dir" -> { dir = v; i++; }
                    case "--service-jvm-args" -> { jvmArgs = v; i++; }
                    case "--ceiling-seconds" -> { ceilingSeconds = Integer.parseInt(v); i++; }
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + "; options: --clients N --seconds T --warmup T --rate R --service-heap 256m --db-pool N --service-jvm-args '...' --ceiling-seconds T");
                }
            }
            return new Options(clients, seconds, warmup, rate, jar, heap, pool, dir, jvmArgs, ceilingSeconds);
        }
    }
}
