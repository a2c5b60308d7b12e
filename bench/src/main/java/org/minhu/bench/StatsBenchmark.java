package org.minhu.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;

/**
 * Statistics latency at Chongqing's volume: loads one year of answer rounds (606,000 rated and
 * 30,000 not rated, over the 41 regions, 19 routed categories and 5 channels) into feedback-service's
 * tables, with the day and month aggregates the service maintains, then asks
 * {@code /api/v1/stats/satisfaction} and {@code /api/v1/stats/handling} random combinations of
 * window, filters and grouping from several connections, and prints p50/p90/p99 per question shape.
 *
 * <p>The rounds are generated in PostgreSQL (driving 636,000 ratings through Kafka is the year
 * replay's job); the aggregates are built from them with the keys and counters the service uses,
 * and the bench checks the API's satisfaction rate against a count over the raw rounds.
 */
public final class StatsBenchmark {

    private static final String[] CATEGORIES = {"health", "education", "school-meals", "social-security", "elderly-care",
            "funeral", "traffic-parking", "urban-management", "housing", "environment", "water", "power", "gas",
            "agriculture", "rural-funds", "market-supervision", "enterprise", "disputes", "public-safety"};
    private static final String[] DEPARTMENTS = {"health", "education", "education", "hrss", "civil-affairs",
            "civil-affairs", "transport", "urban-management", "housing", "ecology", "water", "economy", "urban-management",
            "agriculture", "agriculture", "market", "economy", "justice", "emergency"};
    private static final String[] CHANNELS = {"app", "hotline", "web", "mini-program", "mailbox"};
    private static final String[] GROUPS = {null, "region", "unit", "category", "channel", "month"};

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rated = 606_000;
        int seconds = 30;
        int clients = 4;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rated = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("options: --rounds N --seconds T --clients N");
            }
        }
        List<String> regions = Files.readAllLines(Path.of("bench/data/regions-chongqing.csv")).stream().skip(1)
                .filter(l -> !l.isBlank()).map(l -> l.split(",")[0]).toList();
        Path root = Path.of("bench/target/stats").toAbsolutePath();
        Files.createDirectories(root);
        System.out.printf("Starting embedded PostgreSQL and Kafka and feedback-service under %s%n", root);
        try (EmbeddedInfra infra = EmbeddedInfra.start(root.resolve("infra"), 0, 0, 0, false);
             ServiceProcess feedback = ServiceProcess.start("feedback-service",
                     Path.of("feedback-service/target/quarkus-app/quarkus-run.jar"), 0, infra, "feedback",
                     Map.of("quarkus.log.level", "WARN"), List.of("-Xmx160m", "-XX:+UseSerialGC"), root)) {
            feedback.awaitReady(Duration.ofSeconds(120));
            String expectedRate;
            long aggregateRows;
            try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl("feedback"), "postgres", "");
                 Statement st = c.createStatement()) {
                long t0 = System.nanoTime();
                load(st, regions, rated);
                System.out.printf(Locale.ROOT, "Loaded %,d rated and %,d not rated rounds with their aggregates in %.0f s%n",
                        rated, rated / 20, (System.nanoTime() - t0) / 1e9);
                try (ResultSet rs = st.executeQuery("SELECT round(count(*) FILTER (WHERE satisfaction <> 'UNSATISFIED')::numeric"
                        + " / count(*) FILTER (WHERE outcome = 'RATED'), 6), (SELECT count(*) FROM stats_day), (SELECT count(*) FROM stats_month)"
                        + " FROM answer_round")) {
                    rs.next();
                    expectedRate = rs.getBigDecimal(1).stripTrailingZeros().toPlainString();
                    aggregateRows = rs.getLong(2);
                    System.out.printf(Locale.ROOT, "Aggregate rows: %,d by day, %,d by month%n", rs.getLong(2), rs.getLong(3));
                }
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = feedback.baseUrl();
            String yearRate = get(http, base + "/api/v1/stats/satisfaction?from=2025-01-01&to=2025-12-31")
                    .replaceAll("(?s).*\"total\":\\{[^}]*\"satisfactionRate\":([0-9.]+).*", "$1");
            System.out.printf("Satisfaction rate 2025: API %s, counted over the raw rounds %s%n", yearRate, expectedRate);

            Map<String, Histogram> byShape = new ConcurrentHashMap<>();
            Histogram all = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3);
            AtomicLong errors = new AtomicLong();
            System.out.printf("Warm-up 10 s, then %d s with %d connections...%n", seconds, clients);
            run(http, base, regions, clients, 10, null, null, errors);
            errors.set(0);
            long t0 = System.nanoTime();
            long done = run(http, base, regions, clients, seconds, all, byShape, errors);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.println();
            System.out.printf(Locale.ROOT, "== statistics over %,d rated rounds (%,d day rows), %d connections, 2 cores shared with PostgreSQL%n",
                    rated, aggregateRows, clients);
            System.out.printf(Locale.ROOT, "requests %,d (%.0f/s), errors %d%n", done, done / elapsed, errors.get());
            print("all questions", all);
            byShape.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> print(e.getKey(), e.getValue()));
            System.out.printf(Locale.ROOT, "peak RSS MB        feedback-service %d%n", feedback.peakRssKb() / 1024);
        }
    }

    private static void print(String label, Histogram h) {
        System.out.printf(Locale.ROOT, "%-38s n=%-6d p50 %5.1f  p90 %5.1f  p99 %5.1f  max %6.1f ms%n", label, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }

    /** Closed loop: each connection asks its next question when the last is answered. */
    private static long run(HttpClient http, String base, List<String> regions, int clients, int seconds, Histogram all,
                            Map<String, Histogram> byShape, AtomicLong errors) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong count = new AtomicLong();
        for (int t = 0; t < clients; t++) {
            int seed = t;
            pool.submit(() -> {
                Random random = new Random(seed);
                while (System.nanoTime() < end) {
                    String[] q = question(random, regions);
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + q[0])).GET().build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long nanos = System.nanoTime() - s;
                    count.incrementAndGet();
                    if (all != null) {
                        all.recordValue(nanos);
                        byShape.computeIfAbsent(q[1], k -> new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3)).recordValue(nanos);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return count.get();
    }

    /** A random question: {path and query, its shape}. */
    private static String[] question(Random random, List<String> regions) {
        String endpoint = random.nextBoolean() ? "satisfaction" : "handling";
        LocalDate from;
        LocalDate to;
        String window;
        switch (random.nextInt(3)) {
            case 0 -> {
                from = LocalDate.of(2025, 1, 1);
                to = LocalDate.of(2025, 12, 31);
                window = "year";
            }
            case 1 -> {
                from = LocalDate.of(2025, 1 + random.nextInt(12), 1);
                to = from.plusMonths(1).minusDays(1);
                window = "month";
            }
            default -> {
                from = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(200));
                to = from.plusDays(random.nextInt(160));
                window = "any days";
            }
        }
        StringBuilder q = new StringBuilder("/api/v1/stats/").append(endpoint).append("?from=").append(from).append("&to=").append(to);
        List<String> filters = new ArrayList<>();
        String region = regions.get(random.nextInt(regions.size()));
        if (random.nextInt(2) == 0) {
            q.append("&region=").append(region);
            filters.add("region");
        }
        if (random.nextInt(5) == 0) {
            int d = random.nextInt(DEPARTMENTS.length);
            q.append("&unit=").append(region).append('-').append(DEPARTMENTS[d]);
            filters.add("unit");
        }
        if (random.nextInt(3) == 0) {
            q.append("&category=").append(CATEGORIES[random.nextInt(CATEGORIES.length)]);
            filters.add("category");
        }
        if (random.nextInt(5) == 0) {
            q.append("&channel=").append(CHANNELS[random.nextInt(CHANNELS.length)]);
            filters.add("channel");
        }
        String group = GROUPS[random.nextInt(GROUPS.length)];
        if (group != null) {
            q.append("&groupBy=").append(group);
        }
        String shape = window + (filters.isEmpty() ? ", no filter" : ", " + filters.size() + " filter" + (filters.size() > 1 ? "s" : ""))
                + (group == null ? "" : ", grouped");
        return new String[] {q.toString(), shape};
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One year of answer rounds, skewed like a real platform's (channels, categories, regions), and their aggregates. */
    private static void load(Statement st, List<String> regions, int rated) throws Exception {
        String regionArray = weighted(regions, i -> 1 + (i % 7 == 0 ? 4 : i % 3));
        String categoryArray = weighted(java.util.stream.IntStream.range(0, CATEGORIES.length)
                .mapToObj(i -> CATEGORIES[i] + ":" + DEPARTMENTS[i]).toList(), i -> 1 + (CATEGORIES.length - i) / 4);
        String channelArray = "ARRAY['app','app','app','app','app','app','app','app','app','hotline','hotline','hotline','hotline',"
                + "'hotline','hotline','hotline','web','web','mini-program','mailbox']";
        st.execute("SET synchronous_commit = off"); // loading only; the service's own writes are durable
        st.execute("CREATE TEMP TABLE gen AS SELECT g, "
                + "(" + regionArray + ")[1 + floor(random() * array_length(" + regionArray + ", 1))::int] AS region, "
                + "(" + categoryArray + ")[1 + floor(random() * array_length(" + categoryArray + ", 1))::int] AS cat, "
                + "(" + channelArray + ")[1 + floor(random() * 20)::int] AS channel, "
                // a seasonal curve: more in summer (water, power) and after the Spring Festival
                + "TIMESTAMPTZ '2025-01-01 00:00:00+08' + (power(random(), 0.9) * 365) * INTERVAL '1 day' AS answered_at, "
                + "random() AS s, random() AS v, random() AS h "
                + "FROM generate_series(1, " + (rated + rated / 20) + ") g");
        st.execute("INSERT INTO answer_round (id, petition_id, round, case_id, tracking_number, unit_id, region_code, category_code, "
                + "channel, dispatched_at, sign_deadline, signed_at, answer_deadline, answered_at, answered_on_time, assignments, "
                + "returns, extended, escalated, window_closes_at, outcome, satisfaction, solved, rating_channel, rated_at, closed_at) "
                + "SELECT gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(), 'CQ-2025-' || g, "
                + "region || '-' || split_part(cat, ':', 2), region, split_part(cat, ':', 1), channel, "
                + "answered_at - INTERVAL '3 days', answered_at - INTERVAL '2 days', answered_at - INTERVAL '50 hours', "
                + "answered_at + CASE WHEN h < 0.96 THEN INTERVAL '2 days' ELSE INTERVAL '-1 day' END, answered_at, h < 0.96, "
                + "CASE WHEN h < 0.05 THEN 2 ELSE 1 END, CASE WHEN h < 0.05 THEN 1 ELSE 0 END, h > 0.98, h >= 0.96, "
                + "answered_at + INTERVAL '7 days', CASE WHEN g > " + rated + " THEN 'NOT_RATED' ELSE 'RATED' END, "
                + "CASE WHEN g > " + rated + " THEN NULL WHEN s < 0.70 THEN 'SATISFIED' WHEN s < 0.928 THEN 'BASICALLY_SATISFIED' ELSE 'UNSATISFIED' END, "
                + "CASE WHEN g > " + rated + " THEN NULL WHEN v < 0.85 THEN 'SOLVED' WHEN v < 0.95 THEN 'PARTLY_SOLVED' ELSE 'NOT_SOLVED' END, "
                + "CASE WHEN g > " + rated + " THEN NULL WHEN channel = 'hotline' THEN 'hotline' ELSE 'app' END, "
                + "CASE WHEN g > " + rated + " THEN NULL ELSE answered_at + INTERVAL '1 day' END, answered_at + INTERVAL '1 day' "
                + "FROM gen");
        st.execute("INSERT INTO stats_day (day, region_code, unit_id, category_code, channel, dispatched, assignments, signed, "
                + "signed_within_limit, returned, extended, escalated, overdue, answered, answered_on_time, hops, "
                + "satisfied, basically_satisfied, unsatisfied, not_rated, solved, partly_solved, not_solved) "
                + "SELECT (answered_at AT TIME ZONE 'Asia/Shanghai')::date, region_code, unit_id, category_code, channel, "
                + "count(*), sum(assignments), count(*), count(*) FILTER (WHERE signed_at <= sign_deadline), sum(returns), "
                + "count(*) FILTER (WHERE extended), count(*) FILTER (WHERE escalated), count(*) FILTER (WHERE NOT answered_on_time), "
                + "count(*), count(*) FILTER (WHERE answered_on_time), sum(assignments), "
                + "count(*) FILTER (WHERE satisfaction = 'SATISFIED'), count(*) FILTER (WHERE satisfaction = 'BASICALLY_SATISFIED'), "
                + "count(*) FILTER (WHERE satisfaction = 'UNSATISFIED'), count(*) FILTER (WHERE outcome = 'NOT_RATED'), "
                + "count(*) FILTER (WHERE solved = 'SOLVED'), count(*) FILTER (WHERE solved = 'PARTLY_SOLVED'), "
                + "count(*) FILTER (WHERE solved = 'NOT_SOLVED') FROM answer_round GROUP BY 1, 2, 3, 4, 5");
        String counters = "dispatched, assignments, signed, signed_within_limit, returned, extended, escalated, overdue, answered, "
                + "answered_on_time, hops, satisfied, basically_satisfied, unsatisfied, not_rated, solved, partly_solved, not_solved";
        st.execute("INSERT INTO stats_month (day, region_code, unit_id, category_code, channel, " + counters + ") "
                + "SELECT date_trunc('month', day)::date, region_code, unit_id, category_code, channel, "
                + java.util.Arrays.stream(counters.split(", ")).map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
                + " FROM stats_day GROUP BY 1, 2, 3, 4, 5");
        for (String level : List.of("day", "month")) {
            for (String dim : List.of("region_code", "unit_id", "category_code", "channel")) {
                String kept = String.join(", ", java.util.Arrays.stream(new String[] {"region_code", "unit_id", "category_code", "channel"})
                        .map(d -> d.equals(dim) ? d : "'*'").toList());
                st.execute("INSERT INTO stats_" + level + "_by_" + dim.replaceAll("_.*", "") + " (day, region_code, unit_id, category_code, channel, "
                        + counters + ") SELECT day, " + kept + ", "
                        + java.util.Arrays.stream(counters.split(", ")).map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
                        + " FROM stats_" + level + " GROUP BY day, " + dim);
            }
        }
        st.execute("ANALYZE");
    }

    private static String weighted(List<String> values, java.util.function.IntUnaryOperator weight) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (int w = 0; w < weight.applyAsInt(i); w++) {
                out.add("'" + values.get(i) + "'");
            }
        }
        return "ARRAY[" + String.join(",", out) + "]";
    }
}
