package org.minhu.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.minhu.localservers.LocalIdentity;
import org.minhu.localservers.ServiceProcess;

/**
 * {@code ./minhu up}: the whole suite on one machine. Starts the embedded PostgreSQL and Kafka
 * (data kept in {@code data/}), creates the topics, starts the services, loads the demo data
 * once, prints where to look, and stops everything on Ctrl-C. Before starting it stops what an
 * earlier, crashed run left behind. {@code --fresh} starts from empty data; {@code --smoke}
 * starts, files one request, waits until it is assigned, stops, and checks no process is left.
 */
public final class Minhu {

    static final int PETITION_PORT = 8081;
    static final int ASSIGNMENT_PORT = 8082;
    static final int FEEDBACK_PORT = 8083;
    static final int NOTIFICATION_PORT = 8084;
    static final int GATEWAY_PORT = 8080;
    /**
     * The gateway's management interface (its {@code /q/metrics}): 9000 as in its application.properties,
     * or {@code MINHU_MANAGEMENT_PORT}. Named here because {@code ServiceProcess} would otherwise take a free one.
     */
    static final String MANAGEMENT_PORT = "MINHU_MANAGEMENT_PORT";
    static final int DEFAULT_MANAGEMENT_PORT = 9000;
    /** Where the gateway and the services listen: 127.0.0.1 unless this says otherwise (0.0.0.0: every interface). */
    static final String BIND = "MINHU_BIND";
    /** The gateway's second opt-in for demo tokens on a non-loopback address; the gateway reads it too. */
    static final String DEMO_TOKENS_ON_NETWORK = "MINHU_DEMO_TOKENS_ON_NETWORK";
    static final List<String> TOPICS = List.of("minhu.petition.events", "minhu.case.events", "minhu.feedback.events",
            "minhu.assignment.dlq", "minhu.petition.dlq", "minhu.feedback.dlq", "minhu.notification.dlq");

    private Minhu() {
    }

    public static void main(String[] args) throws Exception {
        boolean fresh = false;
        boolean smoke = false;
        Path data = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> { }
                case "--fresh" -> fresh = true;
                case "--smoke" -> smoke = true;
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ./minhu up [--fresh] [--smoke] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        data = data.toAbsolutePath();
        // every server on loopback unless told otherwise; /dev/tokens signs tokens for anyone who reaches it
        String bind = Optional.ofNullable(System.getenv(BIND)).filter(s -> !s.isBlank()).orElse("127.0.0.1");
        boolean onNetwork = "true".equalsIgnoreCase(System.getenv(DEMO_TOKENS_ON_NETWORK));
        if (!loopback(bind) && !onNetwork) {
            System.err.println(BIND + "=" + bind + " would let anyone on the network sign tokens of any role at the gateway's "
                    + "POST /dev/tokens (the demo's identity provider). Leave " + BIND + " unset (127.0.0.1), or set "
                    + DEMO_TOKENS_ON_NETWORK + "=true for a demo on a network of your own.");
            System.exit(2);
        }
        Leftovers.stop(data);
        if (fresh) {
            deleteRecursively(data);
        }
        Files.createDirectories(data.resolve("logs"));

        long t0 = System.nanoTime();
        Servers infra;
        try {
            infra = Servers.start(data, System.getenv());
            System.out.println((infra.embeddedPostgres() ? "Started the embedded PostgreSQL" : "Using PostgreSQL at " + infra.postgresUrl())
                    + (infra.embeddedKafka() ? " and the embedded Kafka" : " and Kafka at " + infra.kafkaBootstrapServers())
                    + " (data in " + data + ")");
            infra.createTopics(3, TOPICS);
        } catch (RuntimeException e) {
            System.err.println("Could not start or reach PostgreSQL and Kafka: " + e.getMessage());
            System.exit(1);
            return;
        }
        int managementPort;
        try {
            managementPort = Optional.ofNullable(System.getenv(MANAGEMENT_PORT)).filter(v -> !v.isBlank()).map(Integer::parseInt)
                    .orElse(DEFAULT_MANAGEMENT_PORT);
        } catch (NumberFormatException e) {
            System.err.println(MANAGEMENT_PORT + " must be a port number, not " + System.getenv(MANAGEMENT_PORT));
            System.exit(2);
            return;
        }
        List<String> jvm = ServiceProcess.LOCAL_JVM;
        List<ServiceProcess> services = new ArrayList<>();
        Runnable stopAll = () -> {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            infra.close();
            Leftovers.forget(Path.of(System.getProperty("minhu.data")));
        };
        System.setProperty("minhu.data", data.toString());
        try {
            System.out.println("Starting petition-service, assignment-service, feedback-service and notification-service...");
            Map<String, String> listen = Map.of("quarkus.http.host", bind);
            services.add(ServiceProcess.start("petition-service", Path.of("petition-service/target/quarkus-app/quarkus-run.jar"),
                    PETITION_PORT, infra, "petition", listen, jvm, data.resolve("logs")));
            services.add(ServiceProcess.start("assignment-service", Path.of("assignment-service/target/quarkus-app/quarkus-run.jar"),
                    ASSIGNMENT_PORT, infra, "assignment", listen, jvm, data.resolve("logs")));
            services.add(ServiceProcess.start("feedback-service", Path.of("feedback-service/target/quarkus-app/quarkus-run.jar"),
                    FEEDBACK_PORT, infra, "feedback", listen, jvm, data.resolve("logs")));
            Map<String, String> notificationSettings = new java.util.HashMap<>(listen);
            infra.mailServer().ifPresent(mail -> notificationSettings.putAll(mail.properties()));
            // the links in messages point at the web front-end the gateway serves
            notificationSettings.put("minhu.notification.web-url", "http://localhost:" + GATEWAY_PORT);
            services.add(ServiceProcess.start("notification-service", Path.of("notification-service/target/quarkus-app/quarkus-run.jar"),
                    NOTIFICATION_PORT, infra, "notification", notificationSettings, jvm, data.resolve("logs")));
            Leftovers.remember(data, services);
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(180));
            }
            System.out.println("Starting the gateway...");
            services.add(ServiceProcess.start("gateway", Path.of("gateway/target/quarkus-app/quarkus-run.jar"), GATEWAY_PORT,
                    infra, null, Map.of("quarkus.profile", "local", "quarkus.http.host", bind,
                            "quarkus.management.port", String.valueOf(managementPort),
                            // the explicit opt-in: tokens for the demo (refused by the gateway on a network address without the second)
                            "minhu.gateway.demo-tokens", "true",
                            "minhu.gateway.upstreams.petition.url", services.get(0).baseUrl(),
                            "minhu.gateway.upstreams.assignment.url", services.get(1).baseUrl(),
                            "minhu.gateway.upstreams.feedback.url", services.get(2).baseUrl(),
                            "minhu.gateway.upstreams.notification.url", services.get(3).baseUrl(),
                            "smallrye.jwt.sign.key.location", data.resolve("keys/jwt-private.pem").toUri().toString()),
                    jvm, data.resolve("logs")));
            Leftovers.remember(data, services);
            services.get(4).awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            System.err.println("Start failed: " + e.getMessage());
            stopAll.run();
            System.exit(1);
        }
        ServiceProcess petitions = services.get(0);
        ServiceProcess assignment = services.get(1);
        ServiceProcess feedback = services.get(2);
        ServiceProcess notification = services.get(3);
        ServiceProcess gateway = services.get(4);
        // the demo goes through the gateway, as the front-ends do
        Demo demo = new Demo(gateway.baseUrl(), gateway.baseUrl(), gateway.baseUrl(), infra.identity());
        if (!demo.loaded()) {
            System.out.println("Loading the demo data (the seed cases at different stages of their life)...");
            demo.load();
        }
        printWhereToLook(gateway, managementPort, petitions, assignment, feedback, notification, infra, (System.nanoTime() - t0) / 1e9);

        if (smoke) {
            boolean ok = smoke(demo);
            List<Long> pids = new ArrayList<>();
            services.forEach(s -> pids.add(s.pid()));
            Optional<Long> pg = Leftovers.postgresPid(data);
            stopAll.run();
            pg.ifPresent(pids::add);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            boolean clean = false;
            while (!clean && System.nanoTime() < until) {
                clean = pids.stream().allMatch(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
                if (!clean) {
                    Thread.sleep(200);
                }
            }
            System.out.println(clean ? "smoke: no process left behind" : "smoke: FAILED, processes left: " + pids);
            System.exit(ok && clean ? 0 : 1);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Minhu...");
            stopAll.run();
            stopped.countDown();
        }, "minhu-stop"));
        stopped.await();
    }

    private static boolean smoke(Demo demo) {
        try {
            String id = demo.fileOne();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                String status = demo.status(id);
                if ("ASSIGNED".equals(status)) {
                    System.out.println("smoke: request " + id + " filed and assigned, through the gateway");
                    return true;
                }
                Thread.sleep(250);
            }
            System.out.println("smoke: FAILED, request " + id + " not assigned within 90 s");
        } catch (Exception e) {
            System.out.println("smoke: FAILED, " + e);
        }
        return false;
    }

    private static void printWhereToLook(ServiceProcess gateway, int managementPort, ServiceProcess petitions, ServiceProcess assignment,
                                         ServiceProcess feedback, ServiceProcess notification, Servers servers, double seconds) {
        LocalIdentity identity = servers.identity();
        // the longest the platform accepts (minhu.jwt.max-lifetime.*): a day for citizens, 12 hours for staff roles
        Duration day = Duration.ofDays(1);
        Duration shift = Duration.ofHours(12);
        String citizen = identity.token(Demo.CITIZEN, "citizen", null, day);
        String health = identity.token("staff-wansheng-health", "unit_staff", "Z-WSJKQ-health", shift);
        String nanan = identity.token("staff-nanan-gc", "governance", "500108-gc", shift);
        String auditor = identity.token("auditor-demo", "auditor", null, shift);
        String admin = identity.token("admin-demo", "admin", "city-gc", shift);
        String p = petitions.baseUrl().replace("127.0.0.1", "localhost");
        String a = assignment.baseUrl().replace("127.0.0.1", "localhost");
        String f = feedback.baseUrl().replace("127.0.0.1", "localhost");
        String n = notification.baseUrl().replace("127.0.0.1", "localhost");
        String g = gateway.baseUrl().replace("127.0.0.1", "localhost");
        String gm = "http://localhost:" + managementPort;
        System.out.printf("""

                Minhu is up (%.0f s). Ctrl-C stops everything.

                  web front-end       %s/    (open it and sign in as one of the demo identities below)

                  gateway             %s/q/swagger-ui    (every API: %s/api/v1/..., merged OpenAPI %s/q/openapi)
                                      health %s/q/health/ready    metrics %s/q/metrics (management port)
                  petition-service    %s/q/swagger-ui    health %s/q/health/ready    metrics %s/q/metrics
                  assignment-service  %s/q/swagger-ui    health %s/q/health/ready    metrics %s/q/metrics
                  feedback-service    %s/q/swagger-ui    health %s/q/health/ready    metrics %s/q/metrics
                  notification-service %s/q/swagger-ui   health %s/q/health/ready    metrics %s/q/metrics
                  PostgreSQL          %s/{petition,assignment,feedback,notification}  (user %s)
                  Kafka               %s
                  e-mail              %s
                  traces              %s

                Demo identities (bearer tokens of the local identity provider, valid 12 hours, the citizen's a day; paste one,
                or get one: curl -s -XPOST %s/dev/tokens -H 'Content-Type: application/json' -d '{"role":"citizen","sub":"citizen-demo"}'):
                  export CITIZEN='%s'
                  export WANSHENG_HEALTH='%s'
                  export NANAN_CENTRE='%s'
                  export AUDITOR='%s'
                  export ADMIN='%s'

                Try:
                  curl -s %s/api/v1/petitions -H "Authorization: Bearer $CITIZEN"
                  curl -s %s/api/v1/cases -H "Authorization: Bearer $WANSHENG_HEALTH"
                  curl -s %s/api/v1/cases -H "Authorization: Bearer $NANAN_CENTRE"
                  curl -s '%s/api/v1/routing-rules/dry-run?category=health&region=500108' -H "Authorization: Bearer $NANAN_CENTRE"
                  curl -s '%s/api/v1/stats/satisfaction?groupBy=region'
                  curl -s '%s/api/v1/stats/handling?groupBy=unit'
                  curl -s '%s/api/v1/stats/records?format=csv'
                  curl -s %s/api/v1/notifications -H "Authorization: Bearer $CITIZEN"
                  curl -s '%s/api/v1/notification-deliveries?limit=20' -H "Authorization: Bearer $ADMIN"   (what was sent)

                """, seconds, g, g, g, g, g, gm, p, p, p, a, a, a, f, f, f, n, n, n, servers.postgresUrl(), servers.databaseUser(),
                servers.kafkaBootstrapServers(), servers.mailDescription(), traces(System.getenv()), g,
                citizen, health, nanan, auditor, admin, g, g, g, g, g, g, g, g, g);
    }

    /**
     * The summary's traces line. The processes inherit this environment, so traces are on exactly when it
     * turns the OpenTelemetry SDK on and names a collector (docs/operations.md, "Traces").
     */
    static String traces(Map<String, String> env) {
        String endpoint = env.getOrDefault("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "");
        if ("false".equalsIgnoreCase(env.get("QUARKUS_OTEL_SDK_DISABLED")) && !endpoint.isBlank()) {
            return "on, OTLP to " + endpoint;
        }
        return "off: set QUARKUS_OTEL_SDK_DISABLED=false and QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT (docs/operations.md, Traces)";
    }

    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: not resolved here, and not assumed to be local
        }
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
