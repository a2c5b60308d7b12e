package org.minhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;
import org.minhu.testsupport.PrometheusText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The seed's year replayed through the gateway: Chongqing-like traffic (606,000 requests at
 * {@code --scale 1}) filed by citizens, dispatched by the routing rules, handled by the units
 * (about 5% handed back and ruled on by the governance centre, some extensions), answered, rated
 * by the citizens or by hotline call-backs (回访), the unsatisfied reopened, answered again and
 * rated again. Everything goes through the real APIs of the packaged services behind the
 * gateway, on the embedded PostgreSQL (durable) and Kafka.
 *
 * <p>It ends with a report: requests/s per phase, p50/p99 per endpoint as the replay saw them,
 * total time, CPU, peak RSS of each service; then the services' own figures, scraped from their
 * {@code /q/metrics} ({@link ServiceMetrics}) next to the replay's counts: requests filed, cases
 * dispatched and submit → case created p50/p99 (assignment-service's histogram), ratings per grade,
 * dead letters, HTTP requests and 5xx per process; and the satisfaction rate the statistics endpoint
 * returns next to the one computed from the ratings the replay drew. The run fails (exit 1) when
 * the metrics count other filings, dispatches or ratings than the replay made, when any dead letter
 * was counted, or when the satisfaction rates differ.
 *
 * <pre>deploy/replay.sh [--scale 0.01] [--concurrency 24] [--seed 2024]</pre>
 */
public final class YearReplay {

    static final int FULL_YEAR = 606_000;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** P(UNSATISFIED) in the first round such that, with 11 of 12 re-reviews ending satisfied, all rounds give 92.8%. */
    static final double P_UNSATISFIED = 0.072 / (0.928 + 1.0 / 12);
    static final double P_SATISFIED = 0.80;
    static final double P_NEVER_RATES = 0.04;
    static final double P_RETURN = 0.05;
    static final double P_EXTENSION = 0.04;

    final GatewayClient client;
    final AtomicLong errors = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final Map<String, AtomicLong> drawn = new ConcurrentHashMap<>();
    final AtomicInteger filed = new AtomicInteger();
    final String gateway;
    final long seed;

    // one slot per request
    final Traffic.Request[] requests;
    final String[] petitionIds;
    final String[] caseIds;
    final String[] leadUnits;
    final boolean[] reopened;

    YearReplay(GatewayClient client, Traffic.Request[] requests, long seed) {
        this.client = client;
        this.gateway = client.baseUrl();
        this.requests = requests;
        this.seed = seed;
        this.petitionIds = new String[requests.length];
        this.caseIds = new String[requests.length];
        this.leadUnits = new String[requests.length];
        this.reopened = new boolean[requests.length];
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        int concurrency = 24;
        long seed = 2024;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("options: --scale S (1 = 606,000 requests) --concurrency N --seed S");
            }
        }
        int total = (int) Math.round(FULL_YEAR * scale);
        Path root = Path.of("bench/target/replay").toAbsolutePath();
        org.minhu.localservers.Directories.deleteRecursively(root);
        Files.createDirectories(root);
        // the services as ./minhu up runs them
        System.out.printf("Starting embedded PostgreSQL and Kafka, the four services and the gateway under %s%n", root);
        EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false);
        AtomicReference<Suite> suite = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopAll = () -> { // once: at the end, or on Ctrl-C
            if (stopped.compareAndSet(false, true)) {
                if (suite.get() != null) {
                    suite.get().close();
                }
                infra.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopAll, "replay-stop"));
        int code = 1;
        try {
            System.out.println("PostgreSQL's ceiling, 15 s...");
            PgCeiling.Result ceiling = PgCeiling.measure(infra.postgres(), 15, root);
            System.out.println("  " + ceiling.describe());
            infra.kafka().createTopics(3, Suite.TOPICS.toArray(String[]::new));
            suite.set(Suite.start(infra, Suite.Ports.FREE, root));
            GatewayClient client = new GatewayClient(suite.get().gateway().baseUrl(), infra.identity(), Duration.ofSeconds(60));
            // the traffic is drawn over the platform's own catalogue, read through the gateway
            Traffic traffic = Traffic.fromCatalogue(client);
            YearReplay replay = new YearReplay(client, traffic.generate(total, seed), seed);
            code = replay.run(suite.get(), concurrency, scale, traffic);
            System.out.println("PostgreSQL ceiling on this machine, measured before the replay: " + ceiling.describe());
        } finally {
            stopAll.run();
        }
        System.exit(code);
    }

    int run(Suite suite, int concurrency, double scale, Traffic traffic) throws Exception {
        List<ServiceProcess> services = suite.all();
        int n = requests.length;
        System.out.printf(Locale.ROOT, "Replaying %,d requests (scale %s) with %d concurrent clients through %s%n", n, scale,
                concurrency, gateway);
        traffic.describe(requests);
        LocalDate firstDay = LocalDate.now(CHINA);
        long[] cpu0 = machineCpu();
        Map<String, Duration> serviceCpu0 = new LinkedHashMap<>();
        services.forEach(sp -> serviceCpu0.put(sp.name(), cpuOf(sp)));
        long t0 = System.nanoTime();

        List<String[]> phases = new ArrayList<>();
        phase(phases, "intake (file)", concurrency, n, this::submit);
        phase(phases, "dispatch (drain)", 1, 1, i -> awaitDispatched(suite.metricsUrl(Suite.ASSIGNMENT)));
        phase(phases, "handling (return, ruling, sign, extension, answer)", concurrency, n, this::handle);
        phase(phases, "rating (app, web, hotline call-back)", concurrency, n, i -> rate(i, 1));
        phase(phases, "re-review (reopened: answer again, rate again)", concurrency, n, i -> {
            if (reopened[i]) {
                reReview(i);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] cpu1 = machineCpu();
        LocalDate lastDay = LocalDate.now(CHINA);

        JsonNode stats = get("/api/v1/stats/satisfaction?from=" + firstDay + "&to=" + lastDay, null, "GET /stats/satisfaction").path("total");

        System.out.println();
        System.out.println("== the year, replayed through the gateway");
        System.out.printf(Locale.ROOT, "requests           %,d filed, %,d errors (answers other than expected)%n", filed.get(), errors.get());
        System.out.printf(Locale.ROOT, "total time         %.0f s (%.1f min)%n", seconds, seconds / 60);
        System.out.println("phase                                                 items      s   items/s");
        phases.forEach(p -> System.out.println(String.join("", p)));
        client.printLatencies(System.out);
        double busy = cpu1[1] - cpu0[1] == 0 ? 0 : 100.0 * (cpu1[0] - cpu0[0]) / (cpu1[1] - cpu0[1]);
        System.out.printf(Locale.ROOT, "machine CPU        %.0f%% busy over the run (%d cores); CPU ms per filed request:",
                busy, Runtime.getRuntime().availableProcessors());
        services.forEach(sp -> System.out.printf(Locale.ROOT, " %s %.1f", sp.name(),
                (cpuOf(sp).toNanos() - serviceCpu0.get(sp.name()).toNanos()) / 1e6 / Math.max(1, filed.get())));
        System.out.printf(Locale.ROOT, ", all processes %.1f%n", machineMsPerRequest(cpu0, cpu1, filed.get()));
        System.out.printf(Locale.ROOT, "retried after 409  %,d (a supervision job changed the case at the same moment)%n", retried.get());
        System.out.print("peak RSS MB       ");
        services.forEach(s -> System.out.printf(Locale.ROOT, " %s %d", s.name(), s.peakRssKb() / 1024));
        System.out.println();

        long s = count("SATISFIED");
        long b = count("BASICALLY_SATISFIED");
        long u = count("UNSATISFIED");
        String drawnRate = s + b + u == 0 ? "null"
                : new java.math.BigDecimal(s + b).divide(java.math.BigDecimal.valueOf(s + b + u), 6, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        String apiRate = stats.path("satisfactionRate").isNull() ? "null" : stats.path("satisfactionRate").decimalValue().toPlainString();
        System.out.printf(Locale.ROOT, "ratings drawn      satisfied %,d, basically %,d, unsatisfied %,d -> %s (expected 0.928); %,d never rated%n",
                s, b, u, drawnRate, count("NEVER"));
        System.out.printf(Locale.ROOT, "statistics API     satisfied %,d, basically %,d, unsatisfied %,d -> %s; re-reviewed %,d, closed after re-review %,d%n",
                stats.path("satisfied").asLong(), stats.path("basicallySatisfied").asLong(), stats.path("unsatisfied").asLong(),
                apiRate, stats.path("reReviewed").asLong(), stats.path("closedAfterReReview").asLong());
        boolean match = stats.path("satisfied").asLong() == s && stats.path("basicallySatisfied").asLong() == b
                && stats.path("unsatisfied").asLong() == u && drawnRate.equals(apiRate);
        System.out.println(match ? "satisfaction rate: the statistics endpoint equals the rate of the ratings drawn"
                : "satisfaction rate: MISMATCH between the statistics endpoint and the ratings drawn");
        boolean metricsAgree = printMetrics(suite);
        return match && metricsAgree ? 0 : 1;
    }

    /**
     * The services' figures from their /q/metrics, next to the replay's own counts; false when the
     * metrics count other filings, dispatches or ratings than the replay made, or any dead letter.
     */
    boolean printMetrics(Suite suite) {
        Map<String, PrometheusText> scrapes = new LinkedHashMap<>();
        for (String name : Suite.NAMES) {
            scrapes.put(name, ServiceMetrics.scrape(suite.metricsUrl(name)));
        }
        PrometheusText petition = scrapes.get(Suite.PETITION);
        PrometheusText assignment = scrapes.get(Suite.ASSIGNMENT);
        PrometheusText feedback = scrapes.get(Suite.FEEDBACK);
        System.out.println();
        System.out.println("== from the services' metrics (/q/metrics), next to the replay's own counts");
        System.out.println("figure                           metrics     replay   from");
        boolean agree = true;
        long filedByMetrics = Math.round(petition.sum("minhu_petitions_filed_total"));
        agree &= row("petitions filed", filedByMetrics, filed.get(), "petition-service minhu_petitions_filed_total (all tags)");
        long dispatched = Math.round(assignment.sum("minhu_dispatch_latency_seconds_count"));
        agree &= row("cases dispatched", dispatched, filed.get(), "assignment-service minhu_dispatch_latency_seconds_count");
        NavigableMap<Double, Double> buckets = ServiceMetrics.buckets(assignment, "minhu_dispatch_latency_seconds");
        System.out.printf(Locale.ROOT, "%-28s %,7.0f ms %10s   %s%n", "submit -> case created p50", ServiceMetrics.quantile(0.5, buckets) * 1000,
                "", "assignment-service minhu_dispatch_latency_seconds_bucket (quantile of the cumulative buckets)");
        System.out.printf(Locale.ROOT, "%-28s %,7.0f ms%n", "submit -> case created p99", ServiceMetrics.quantile(0.99, buckets) * 1000);
        NavigableMap<String, Double> ratings = ServiceMetrics.byLabel(feedback, "minhu_ratings_total", "satisfaction");
        for (String grade : List.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED")) {
            agree &= row("ratings " + grade, Math.round(ratings.getOrDefault(grade, 0.0)), count(grade),
                    "feedback-service minhu_ratings_total{satisfaction}");
        }
        long deadLetters = Math.round(scrapes.values().stream().mapToDouble(s -> s.sum("minhu_events_dead_lettered_total")).sum());
        agree &= row("dead letters", deadLetters, 0, "minhu_events_dead_lettered_total, every process (must be 0)");
        for (Map.Entry<String, PrometheusText> e : scrapes.entrySet()) {
            NavigableMap<String, Double> byStatus = ServiceMetrics.byLabel(e.getValue(), "http_server_requests_seconds_count", "status");
            long requests = Math.round(byStatus.values().stream().mapToDouble(Double::doubleValue).sum());
            long serverErrors = Math.round(byStatus.entrySet().stream().filter(s -> s.getKey().startsWith("5"))
                    .mapToDouble(Map.Entry::getValue).sum());
            System.out.printf(Locale.ROOT, "%-28s %10s %10s   %s%n", "HTTP " + e.getKey(),
                    String.format(Locale.ROOT, "%,d", requests),
                    Suite.GATEWAY.equals(e.getKey()) ? String.format(Locale.ROOT, "%,d", client.calls()) : "",
                    String.format(Locale.ROOT, "http_server_requests_seconds_count, %,d of them 5xx", serverErrors));
        }
        System.out.println(agree ? "metrics: the services counted what the replay did, and no dead letter"
                : "metrics: MISMATCH between the services' metrics and the replay (or a dead letter)");
        return agree;
    }

    /** One line of the metrics table; whether the two counts are equal. */
    static boolean row(String figure, long byMetrics, long byReplay, String from) {
        boolean equal = byMetrics == byReplay;
        System.out.printf(Locale.ROOT, "%-28s %,10d %,10d   %s%s%n", figure, byMetrics, byReplay, from, equal ? "" : "   <- DIFFERS");
        return equal;
    }

    static Duration cpuOf(ServiceProcess p) {
        return ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** {busy, total} jiffies of the whole machine, from /proc/stat (every process: services, PostgreSQL, Kafka, this driver). */
    static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Busy CPU of the whole machine per filed request, in ms (a jiffy is 10 ms). */
    static double machineMsPerRequest(long[] cpu0, long[] cpu1, int requests) {
        return (cpu1[0] - cpu0[0]) * 10.0 / Math.max(1, requests);
    }

    long count(String key) {
        return drawn.getOrDefault(key, new AtomicLong()).get();
    }

    /** Runs {@code step} for 0..n-1 on {@code threads} threads and records the phase's throughput. */
    void phase(List<String[]> phases, String name, int threads, int n, IntConsumer step) throws InterruptedException {
        System.out.printf("  %s...%n", name);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        step.accept(i);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (errors.get() <= 10) {
                            System.out.println("    " + e.getMessage());
                        }
                    }
                    done.incrementAndGet();
                }
            }, "replay-" + t);
            w.start();
            workers.add(w);
        }
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    System.out.printf(Locale.ROOT, "    %,d of %,d (%.0f s)%n", done.get(), n, (System.nanoTime() - t0) / 1e9);
                }
            } catch (InterruptedException e) {
                // phase over
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Thread w : workers) {
            w.join();
        }
        progress.interrupt();
        double s = (System.nanoTime() - t0) / 1e9;
        phases.add(new String[] {String.format(Locale.ROOT, "%-50s %9d %6.0f %9.0f", name, n, s, n / s)});
    }

    void submit(int i) {
        Traffic.Request r = requests[i];
        JsonNode created = send("POST", "/api/v1/petitions", r.body(), citizen(r), "POST /petitions", 201,
                Map.of("Idempotency-Key", UUID.nameUUIDFromBytes((seed + "/" + i).getBytes()).toString()));
        petitionIds[i] = created.path("id").asText();
        filed.incrementAndGet();
    }

    /**
     * Until assignment-service has dispatched as many cases as were filed (its
     * {@code minhu_dispatch_latency_seconds_count}, counted when a case's transaction commits), or a
     * minute passes without one more.
     */
    void awaitDispatched(String assignmentMetrics) {
        long seen = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            long dispatched = Math.round(ServiceMetrics.scrape(assignmentMetrics).sum("minhu_dispatch_latency_seconds_count"));
            if (dispatched >= filed.get()) {
                return;
            }
            if (dispatched != seen) {
                seen = dispatched;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > TimeUnit.MINUTES.toNanos(1)) {
                throw new IllegalStateException((filed.get() - dispatched) + " filed requests were never dispatched");
            }
            sleep(500);
        }
    }

    void handle(int i) {
        Traffic.Request r = requests[i];
        SplittableRandom rnd = new SplittableRandom(seed * 31 + i);
        String centre = r.region() + "-gc";
        JsonNode page = get("/api/v1/cases?petition=" + petitionIds[i], staff(centre), "GET /cases?petition");
        JsonNode c = page.path("items").path(0);
        if (c.isMissingNode()) {
            throw new IllegalStateException("no case for petition " + petitionIds[i]);
        }
        caseIds[i] = c.path("id").asText();
        String lead = c.path("leadUnitId").asText();
        if (!lead.endsWith("-gc") && rnd.nextDouble() < P_RETURN) { // a governance centre has no one to hand back to
            action(lead, i, "return", Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "不属于本单位职责范围，请中心改派"), "POST /cases/{id}/return");
            if (rnd.nextBoolean()) {
                String other = lead.endsWith("-urban-management") ? r.region() + "-housing" : r.region() + "-urban-management";
                action(centre, i, "ruling", Map.of("decision", "REDISPATCH", "unitId", other, "reason", "经审定改派"), "POST /cases/{id}/ruling");
                lead = other;
            } else {
                action(centre, i, "ruling", Map.of("decision", "INSIST", "reason", "经审定属该单位职责，请继续办理"), "POST /cases/{id}/ruling");
            }
        }
        action(lead, i, "sign", null, "POST /cases/{id}/sign");
        if (rnd.nextDouble() < P_EXTENSION) {
            action(lead, i, "extension", Map.of("workingDays", 3, "reason", "需要现场勘查，申请延期"), "POST /cases/{id}/extension");
            action(centre, i, "extension/decision", Map.of("approve", rnd.nextDouble() < 0.8, "reason", "审核意见"),
                    "POST /cases/{id}/extension/decision");
        }
        action(lead, i, "answer", Map.of("reply", "您反映的问题已收悉，我单位已安排专人现场核实处理，处理结果如下：已整改完毕。"), "POST /cases/{id}/answer");
        leadUnits[i] = lead;
    }

    void rate(int i, int round) {
        Traffic.Request r = requests[i];
        if (leadUnits[i] == null) {
            return; // its handling failed (counted as an error): nothing was answered
        }
        SplittableRandom rnd = new SplittableRandom(seed * 131 + i * 7L + round);
        if (round == 1 && rnd.nextDouble() < P_NEVER_RATES) {
            drawn.computeIfAbsent("NEVER", k -> new AtomicLong()).incrementAndGet();
            return;
        }
        // hotline requests are rated in the centre's call-back (回访), the others by the citizen in the app or on the web
        boolean callBack = "hotline".equals(r.channel());
        String token = callBack ? client.governance(r.region() + "-gc", "hotline-" + r.region()) : citizen(r);
        String url = "/api/v1/petitions/" + petitionIds[i] + "/feedback";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (get(url, token, "GET /petitions/{id}/feedback").path("openRound").asInt(-1) != round) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("round " + round + " of " + petitionIds[i] + " never opened");
            }
            sleep(50);
        }
        String satisfaction;
        String solved;
        if (round == 1) {
            double x = rnd.nextDouble();
            satisfaction = x < P_SATISFIED ? "SATISFIED" : x < 1 - P_UNSATISFIED ? "BASICALLY_SATISFIED" : "UNSATISFIED";
        } else {
            satisfaction = rnd.nextInt(12) < 11 ? (rnd.nextBoolean() ? "SATISFIED" : "BASICALLY_SATISFIED") : "UNSATISFIED";
        }
        double y = rnd.nextDouble();
        solved = switch (satisfaction) {
            case "SATISFIED" -> y < 0.95 ? "SOLVED" : "PARTLY_SOLVED";
            case "BASICALLY_SATISFIED" -> y < 0.5 ? "SOLVED" : "PARTLY_SOLVED";
            default -> y < 0.7 ? "NOT_SOLVED" : "PARTLY_SOLVED";
        };
        Map<String, Object> body = new LinkedHashMap<>(Map.of("satisfaction", satisfaction, "solved", solved));
        if (callBack) {
            body.put("channel", "hotline");
        }
        send("POST", url, body, token, "POST /petitions/{id}/feedback", 201, Map.of());
        drawn.computeIfAbsent(satisfaction, k -> new AtomicLong()).incrementAndGet();
        reopened[i] = round == 1 && ("UNSATISFIED".equals(satisfaction) || "NOT_SOLVED".equals(solved));
    }

    void reReview(int i) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!"REOPENED".equals(get("/api/v1/cases/" + caseIds[i], staff(leadUnits[i]), "GET /cases/{id}").path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("case " + caseIds[i] + " was not reopened");
            }
            sleep(50);
        }
        action(leadUnits[i], i, "answer", Map.of("reply", "经复核，我单位已再次组织整改并当面向您说明情况，问题已解决。"), "POST /cases/{id}/answer");
        rate(i, 2);
    }

    void action(String unit, int i, String action, Object body, String endpoint) {
        try {
            send("POST", "/api/v1/cases/" + caseIds[i] + "/" + action, body, staff(unit), endpoint, 200, Map.of());
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("changed by someone else")) {
                throw e;
            }
            // a supervision job touched the case at that moment (409): staff send it again, as the answer says
            retried.incrementAndGet();
            send("POST", "/api/v1/cases/" + caseIds[i] + "/" + action, body, staff(unit), endpoint, 200, Map.of());
        }
    }

    String citizen(Traffic.Request r) {
        return client.citizen(r.citizen());
    }

    String staff(String unit) {
        return client.staff(unit);
    }

    JsonNode get(String path, String token, String endpoint) {
        return client.get(path, token, endpoint);
    }

    JsonNode send(String method, String path, Object body, String token, String endpoint, int expected, Map<String, String> headers) {
        return client.send(method, path, body, token, endpoint, expected, headers);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
