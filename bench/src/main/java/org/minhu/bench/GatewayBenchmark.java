package org.minhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.minhu.localservers.Directories;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * What the gateway costs per request: the packaged services and the gateway started as
 * {@code ./minhu up} runs them ({@link Suite}, the gateway's rate limits lifted for the load
 * generator), then, closed loop with {@code --clients} connections for {@code --seconds} each after
 * a warm-up:
 *
 * <ol>
 *   <li>a cheap authenticated GET direct to petition-service, the baseline without the gateway:
 *       {@code GET /api/v1/petitions/{id}} of one petition by its citizen;</li>
 *   <li>the same GET through the gateway (which verifies the token, takes both buckets, picks the
 *       route, passes the call through the service's breaker and streams the answer);</li>
 *   <li>{@code POST /api/v1/petitions} through the gateway (a 1 KB body streamed on, 1,000
 *       citizens' tokens, {@link HttpLoad}).</li>
 * </ol>
 *
 * Each prints requests/s, p50/p99 latency and the CPU milliseconds per request of the gateway's
 * process and of petition-service's ({@link ProcessCpu}, user + system from /proc).
 *
 * <pre>deploy/bench-gateway.sh [--clients 16] [--seconds 20] [--warmup 15]</pre>
 */
public final class GatewayBenchmark {

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, "options: --clients N --seconds T (each measured phase) --warmup T (before each phase)",
                Map.of("clients", 16, "seconds", 20, "warmup", 15), Set.of());
        int clients = options.integer("clients");
        int seconds = options.integer("seconds");
        int warmup = options.integer("warmup");
        Path root = Path.of("bench/target/gateway").toAbsolutePath();
        Directories.deleteRecursively(root);
        Files.createDirectories(root);
        System.out.printf("Starting embedded PostgreSQL and Kafka under %s%n", root);
        List<String> lines = new ArrayList<>();
        try (EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false)) {
            infra.kafka().createTopics(3, Suite.TOPICS.toArray(String[]::new));
            System.out.println("Starting the four services and the gateway as ./minhu up runs them...");
            try (Suite suite = Suite.start(infra, Suite.Ports.FREE, root)) {
                Vertx vertx = Vertx.vertx();
                try {
                    lines = run(vertx, infra, suite, clients, seconds, warmup);
                } finally {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            }
        }
        System.out.println();
        System.out.printf("== gateway benchmark: %d connections closed loop, %d s per phase after %d s warm-up%n", clients, seconds, warmup);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(Vertx vertx, EmbeddedInfra infra, Suite suite, int clients, int seconds, int warmup) throws Exception {
        ServiceProcess gateway = suite.gateway();
        ServiceProcess petition = suite.service(Suite.PETITION);
        HttpClient viaGateway = client(vertx, gateway.port(), clients);
        HttpClient direct = client(vertx, petition.port(), clients);
        String bearer = "Bearer " + infra.identity().citizen("bench-gateway-reader");
        String id = createPetition(viaGateway, bearer);
        String uri = "/api/v1/petitions/" + id;
        Supplier<Future<Integer>> getViaGateway = () -> get(viaGateway, uri, bearer);
        Supplier<Future<Integer>> getDirect = () -> get(direct, uri, bearer);

        List<String> out = new ArrayList<>();
        // direct first: petition-service is warm (JIT) before the gateway's figures are taken
        out.add(phase("GET /api/v1/petitions/{id} direct     ", vertx, getDirect, 200, clients, seconds, warmup, gateway, petition));
        out.add(phase("GET /api/v1/petitions/{id} via gateway", vertx, getViaGateway, 200, clients, seconds, warmup, gateway, petition));

        HttpLoad post = new HttpLoad(viaGateway, clients, infra.identity(), null);
        System.out.printf("POST via gateway: warm-up %d s...%n", warmup);
        post.run(vertx, warmup, 0);
        post.reset();
        System.out.printf("POST via gateway: %d s...%n", seconds);
        double g0 = ProcessCpu.seconds(gateway.pid());
        double s0 = ProcessCpu.seconds(petition.pid());
        long t0 = System.nanoTime();
        post.run(vertx, seconds, 0);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        out.add(line("POST /api/v1/petitions via gateway     ", post.ok.get(), post.errors.get(), elapsed, post.latency,
                ProcessCpu.seconds(gateway.pid()) - g0, ProcessCpu.seconds(petition.pid()) - s0));
        viaGateway.close();
        direct.close();
        return out;
    }

    private static HttpClient client(Vertx vertx, int port, int clients) {
        return vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
                .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(Math.max(clients, 16)).setMaxWaitQueueSize(-1));
    }

    private static String createPetition(HttpClient client, String bearer) throws Exception {
        String body = "{\"title\":\"网关压测读取的诉求\",\"description\":\"网关压测反复读取这一条诉求，请忽略。\",\"categoryCode\":\"water\","
                + "\"regionCode\":\"500103\",\"townCode\":\"500103-JIEFANGBEI\","
                + "\"location\":{\"latitude\":29.5253,\"longitude\":106.5702,\"address\":\"重庆市某街道某号\"},"
                + "\"channel\":\"app\",\"contact\":{\"name\":\"王小明\",\"phone\":\"13812341234\"}}";
        String answer = client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/petitions")
                        .putHeader("Content-Type", "application/json").putHeader("Authorization", bearer))
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (!answer.startsWith("201 ")) {
            throw new IllegalStateException("could not file the petition to read: " + answer);
        }
        int i = answer.indexOf("\"id\":\"") + 6;
        return answer.substring(i, answer.indexOf('"', i));
    }

    private static Future<Integer> get(HttpClient client, String uri, String bearer) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).putHeader("Authorization", bearer))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    private static String phase(String name, Vertx vertx, Supplier<Future<Integer>> call, int expected, int clients, int seconds,
                                int warmup, ServiceProcess gateway, ServiceProcess service) throws InterruptedException {
        System.out.printf("%s: warm-up %d s...%n", name.trim(), warmup);
        closedLoop(vertx, call, expected, clients, warmup);
        System.out.printf("%s: %d s...%n", name.trim(), seconds);
        double g0 = ProcessCpu.seconds(gateway.pid());
        double s0 = ProcessCpu.seconds(service.pid());
        long t0 = System.nanoTime();
        Result r = closedLoop(vertx, call, expected, clients, seconds);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return line(name, r.ok, r.errors, elapsed, r.latency, ProcessCpu.seconds(gateway.pid()) - g0, ProcessCpu.seconds(service.pid()) - s0);
    }

    private static String line(String name, long ok, long errors, double elapsed, Histogram latency, double gatewayCpu, double serviceCpu) {
        double n = Math.max(1, ok + errors);
        return String.format(Locale.ROOT, "%s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  CPU ms/request: gateway %.3f, petition-service %.3f",
                name, ok / elapsed, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, errors,
                gatewayCpu * 1000 / n, serviceCpu * 1000 / n);
    }

    private record Result(long ok, long errors, Histogram latency) {
    }

    /** {@code clients} loops on one event loop, each sending the next call when the previous one is answered. */
    private static Result closedLoop(Vertx vertx, Supplier<Future<Integer>> call, int expected, int clients, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        CountDownLatch done = new CountDownLatch(clients);
        vertx.runOnContext(v -> {
            for (int i = 0; i < clients; i++) {
                new Object() {
                    void next() {
                        long start = System.nanoTime();
                        if (start >= end) {
                            done.countDown();
                            return;
                        }
                        call.get().onComplete(ar -> {
                            latency.recordValue(Math.min(System.nanoTime() - start, latency.getHighestTrackableValue()));
                            if (ar.succeeded() && ar.result() == expected) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                            next();
                        });
                    }
                }.next();
            }
        });
        done.await();
        return new Result(ok.get(), errors.get(), latency);
    }
}
