package org.minhu.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.MailServer;
import org.minhu.localservers.ServiceProcess;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One packaged suite for every system test class that drives it ({@code @ExtendWith(SharedSuite.class)}):
 * embedded PostgreSQL and Kafka, the four services and the gateway in its "local" profile (demo tokens on
 * 127.0.0.1), traces exported to {@link #collector} and notification-service's e-mail sent to {@link #mail},
 * a real SMTP server in this JVM. It is started by the first class that asks and stopped when the test run
 * ends (JUnit closes what the root store holds), so the suite boots once, not once per class.
 *
 * <p>A test that stops or restarts a process puts the new one back in its field ({@code feedback = startFeedback(port)},
 * {@code assignment = assignment.restart()}), so the classes after it find it running. Tests share the
 * databases: each files its own requests, under its own citizens, and asserts on those, never on
 * totals that another class's requests could move.
 */
final class SharedSuite implements BeforeAllCallback {

    static Path root;
    static Path work;
    static EmbeddedInfra infra;
    static OtlpReceiver collector;
    /** A real SMTP server in this JVM: what notification-service sends arrives here. */
    static GreenMail mail;
    static ServiceProcess petitions;
    static ServiceProcess assignment;
    static ServiceProcess feedback;
    static ServiceProcess notification;
    static ServiceProcess gateway;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedSuite.class, key -> start(), Running.class);
    }

    /** What the root store holds: closing it stops the suite, once, after the last class. */
    static final class Running implements AutoCloseable {
        @Override
        public void close() {
            if (mail != null) {
                mail.stop();
            }
            PackagedServices.stop(infra, gateway, notification, feedback, assignment, petitions);
            if (collector != null) {
                collector.close();
            }
        }
    }

    private static Running start() {
        Running running = new Running();
        root = PackagedServices.root();
        work = PackagedServices.freshWork("system-suite");
        PackagedServices.boundCalls();
        try {
            infra = EmbeddedInfra.start(work.resolve("infra"), 0, 0, 0, false);
            collector = OtlpReceiver.start();
            mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            petitions = service("petition-service", "petition", tracing());
            assignment = service("assignment-service", "assignment", tracing());
            feedback = startFeedback(0);
            Map<String, String> mailing = new HashMap<>(tracing());
            mailing.putAll(new MailServer("127.0.0.1", mail.getSmtp().getPort(), "Minhu <no-reply@minhu.test>").properties());
            notification = service("notification-service", "notification", mailing);
            gateway = startGateway("gateway", "local", petitions.baseUrl(), assignment.baseUrl(), feedback.baseUrl(), tracing());
            for (ServiceProcess s : new ServiceProcess[] {petitions, assignment, feedback, notification, gateway}) {
                s.awaitReady(Duration.ofSeconds(120));
            }
            return running;
        } catch (IOException e) {
            running.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            running.close();
            throw e;
        }
    }

    private static ServiceProcess service(String name, String database, Map<String, String> properties) {
        return ServiceProcess.start(name, root.resolve(name + "/target/quarkus-app/quarkus-run.jar"), 0, infra, database,
                properties, PackagedServices.JVM, work);
    }

    /** feedback-service on {@code port} (0: any), as at the start; a test that stopped it starts it again with this. */
    static ServiceProcess startFeedback(int port) {
        return ServiceProcess.start("feedback-service", root.resolve("feedback-service/target/quarkus-app/quarkus-run.jar"),
                port, infra, "feedback", tracing(), PackagedServices.JVM, work);
    }

    /**
     * The suite exports its traces, as an operator turns them on (docs/operations.md, "Traces"), to
     * {@link #collector}, over OTLP/HTTP, in batches every 200 ms.
     */
    static Map<String, String> tracing() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", collector.endpoint(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    static ServiceProcess startGateway(String name, String profile) {
        return startGateway(name, profile, petitions.baseUrl(), assignment.baseUrl(), feedback.baseUrl());
    }

    static ServiceProcess startGateway(String name, String profile, String petitionUrl, String assignmentUrl, String feedbackUrl) {
        return startGateway(name, profile, petitionUrl, assignmentUrl, feedbackUrl, Map.of());
    }

    /** A gateway in front of the given upstreams; the "local" profile as ./minhu up runs it: demo tokens (the explicit opt-in) on 127.0.0.1; {@code extra} on top. */
    static ServiceProcess startGateway(String name, String profile, String petitionUrl, String assignmentUrl, String feedbackUrl,
                                       Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "minhu.gateway.upstreams.petition.url", petitionUrl,
                "minhu.gateway.upstreams.assignment.url", assignmentUrl,
                "minhu.gateway.upstreams.feedback.url", feedbackUrl,
                "minhu.gateway.upstreams.feedback.timeout", "3s",
                "smallrye.jwt.sign.key.location", work.resolve("infra/keys/jwt-private.pem").toUri().toString()));
        if (notification != null) {
            props.put("minhu.gateway.upstreams.notification.url", notification.baseUrl());
        }
        if (profile != null) {
            props.put("quarkus.profile", profile);
        }
        if ("local".equals(profile)) {
            props.put("minhu.gateway.demo-tokens", "true");
            props.put("quarkus.http.host", "127.0.0.1");
        }
        props.putAll(extra);
        return ServiceProcess.start(name, root.resolve("gateway/target/quarkus-app/quarkus-run.jar"), 0, infra, null,
                props, PackagedServices.JVM, work);
    }
}
