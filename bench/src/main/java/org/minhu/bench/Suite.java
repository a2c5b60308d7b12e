package org.minhu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minhu.localservers.FreePorts;
import org.minhu.localservers.ServiceEnvironment;
import org.minhu.localservers.ServiceProcess;

/**
 * The three packaged services and the gateway in front of them, started as {@code ./minhu up}
 * runs them (same JVM settings) on a {@link ServiceEnvironment}, for the bench commands that
 * drive the whole platform through the gateway. Services can be replaced by a restarted process
 * ({@link #restart(String, Duration)}), so a fault-injecting driver can act as their supervisor.
 */
public final class Suite implements AutoCloseable {

    public static final String PETITION = "petition-service";
    public static final String ASSIGNMENT = "assignment-service";
    public static final String FEEDBACK = "feedback-service";
    public static final String NOTIFICATION = "notification-service";
    public static final String GATEWAY = "gateway";
    /** Start order; the gateway last, pointed at the others. */
    public static final List<String> NAMES = List.of(PETITION, ASSIGNMENT, FEEDBACK, NOTIFICATION, GATEWAY);
    public static final List<String> TOPICS = List.of("minhu.petition.events", "minhu.case.events", "minhu.feedback.events",
            "minhu.assignment.dlq", "minhu.petition.dlq", "minhu.feedback.dlq", "minhu.notification.dlq");

    /** Ports of petition-service, assignment-service, feedback-service, notification-service and the gateway; 0 for free ones. */
    public record Ports(int petition, int assignment, int feedback, int notification, int gateway) {
        public static final Ports FREE = new Ports(0, 0, 0, 0, 0);
        public static final Ports STANDARD = new Ports(8081, 8082, 8083, 8084, 8080);
    }

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** The gateway's management interface, where its /q/metrics is (never its public port). */
    private final int gatewayManagementPort;

    private Suite(int gatewayManagementPort) {
        this.gatewayManagementPort = gatewayManagementPort;
    }

    /**
     * Starts the services and then the gateway, each ready before this returns. The gateway runs
     * the {@code local} profile with its rate limits lifted: one load generator plays a whole city,
     * and per-address or per-identity limits would measure themselves, not the platform. If one
     * does not start, those already started are stopped.
     */
    public static Suite start(ServiceEnvironment env, Ports ports, Path logDir) {
        List<String> jvm = ServiceProcess.LOCAL_JVM;
        Map<String, String> quiet = Map.of("quarkus.log.level", "WARN");
        Suite suite = new Suite(FreePorts.next());
        try {
            suite.add(ServiceProcess.start(PETITION, jar("petition-service"), ports.petition(), env, "petition", quiet, jvm, logDir));
            suite.add(ServiceProcess.start(ASSIGNMENT, jar("assignment-service"), ports.assignment(), env, "assignment", quiet, jvm, logDir));
            suite.add(ServiceProcess.start(FEEDBACK, jar("feedback-service"), ports.feedback(), env, "feedback", quiet, jvm, logDir));
            // as ./minhu up runs it: every event also reaches the citizens' and units' inboxes (no e-mail configured here)
            suite.add(ServiceProcess.start(NOTIFICATION, jar("notification-service"), ports.notification(), env, "notification", quiet,
                    jvm, logDir));
            for (ServiceProcess s : suite.all()) {
                s.awaitReady(Duration.ofSeconds(180));
            }
            Map<String, String> gw = new LinkedHashMap<>(quiet);
            gw.put("quarkus.management.port", String.valueOf(suite.gatewayManagementPort));
            gw.putAll(Map.of("quarkus.profile", "local",
                    "minhu.gateway.upstreams.petition.url", suite.service(PETITION).baseUrl(),
                    "minhu.gateway.upstreams.assignment.url", suite.service(ASSIGNMENT).baseUrl(),
                    "minhu.gateway.upstreams.feedback.url", suite.service(FEEDBACK).baseUrl(),
                    "minhu.gateway.upstreams.notification.url", suite.service(NOTIFICATION).baseUrl(),
                    "minhu.gateway.rate-limit.address-per-second", "1000000",
                    "minhu.gateway.rate-limit.address-burst", "1000000",
                    "minhu.gateway.rate-limit.identity-per-second", "1000000",
                    "minhu.gateway.rate-limit.identity-burst", "1000000"));
            suite.add(ServiceProcess.start(GATEWAY, jar("gateway"), ports.gateway(), env, null, gw, jvm, logDir));
            suite.service(GATEWAY).awaitReady(Duration.ofSeconds(120));
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private static Path jar(String module) {
        return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    }

    private synchronized void add(ServiceProcess p) {
        services.put(p.name(), p);
    }

    public synchronized ServiceProcess service(String name) {
        ServiceProcess p = services.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return p;
    }

    /** The services in start order (the gateway last). */
    public synchronized List<ServiceProcess> all() {
        return new ArrayList<>(services.values());
    }

    public ServiceProcess gateway() {
        return service(GATEWAY);
    }

    /** Where {@code name} serves its Prometheus text: each service's own port, the gateway's management port. */
    public String metricsUrl(String name) {
        String base = GATEWAY.equals(name) ? "http://127.0.0.1:" + gatewayManagementPort : service(name).baseUrl();
        return base + "/q/metrics";
    }

    /** Starts {@code name} again (it must have stopped or been killed) and waits until it is ready. */
    public ServiceProcess restart(String name, Duration readyWithin) {
        ServiceProcess again = service(name).restart();
        add(again);
        return again.awaitReady(readyWithin);
    }

    /** Stops the services, the gateway first. */
    @Override
    public void close() {
        List<ServiceProcess> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
