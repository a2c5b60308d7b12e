package org.minhu.gateway;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;

/**
 * The services behind the gateway: where each public path goes, a pooled HTTP client per service,
 * and a circuit breaker per service (SmallRye Fault Tolerance) that fails fast with 503 while the
 * service keeps failing, and lets a trial request through after a delay. What counts as the
 * service failing: no connection, no answer in time, a broken answer, or a 5xx answer
 * ({@link FailedAnswer}); never a 4xx, and never what the caller did ({@link CallerFault}).
 */
@ApplicationScoped
public class Upstreams {

    /** One service: its address, client, timeout and breaker. */
    public record Upstream(String name, String host, int port, long timeoutMs, HttpClient client,
                           TypedGuard<CompletionStage<HttpClientResponse>> breaker) {
    }

    private record Rule(Pattern path, String upstream) {
    }

    /** First match wins. */
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^/api/v1/petitions/[^/]+/feedback(/.*)?$"), "feedback"),
            new Rule(Pattern.compile("^/api/v1/stats(/.*)?$"), "feedback"),
            // only the case knows whether a unit has signed for it: 撤回 is decided by assignment-service
            new Rule(Pattern.compile("^/api/v1/petitions/[^/]+/withdrawal$"), "assignment"),
            new Rule(Pattern.compile("^/api/v1/(petitions|categories|regions|open311-clients|track)(/.*)?$"), "petition"),
            new Rule(Pattern.compile("^/open311(/.*)?$"), "petition"),
            new Rule(Pattern.compile("^/api/v1/(cases|units|routing-rules|knowledge)(/.*)?$"), "assignment"),
            new Rule(Pattern.compile("^/api/v1/(notifications|notification-preferences|notification-deliveries)(/.*)?$"), "notification"),
            // each service's dead letters (admin) under its own name
            new Rule(Pattern.compile("^/api/v1/dead-letters/petition(/.*)?$"), "petition"),
            new Rule(Pattern.compile("^/api/v1/dead-letters/assignment(/.*)?$"), "assignment"),
            new Rule(Pattern.compile("^/api/v1/dead-letters/feedback(/.*)?$"), "feedback"),
            new Rule(Pattern.compile("^/api/v1/dead-letters/notification(/.*)?$"), "notification"));

    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

    /**
     * The caller, not the service, cut an exchange short: it closed its connection, or stopped
     * sending, before its body was complete. The breaker skips it (counts it as no failure): it
     * says nothing against the service.
     */
    public static final class CallerFault extends RuntimeException {
        private final boolean stalled;

        CallerFault(String message, Throwable cause, boolean stalled) {
            super(message, cause, false, false);
            this.stalled = stalled;
        }

        /** True when the caller is still there but its body stopped arriving; false when it left. */
        public boolean stalled() {
            return stalled;
        }
    }

    /**
     * The service answered with a 5xx: a failure for the breaker, yet an answer all the same, which
     * the caller gets as the service sent it (paused, so that nothing of its body is lost meanwhile).
     */
    public static final class FailedAnswer extends RuntimeException {
        private final transient HttpClientResponse response;

        FailedAnswer(HttpClientResponse response) {
            super("answered " + response.statusCode(), null, false, false);
            this.response = response;
        }

        public HttpClientResponse response() {
            return response;
        }
    }

    public Upstreams(Vertx vertx, GatewayConfig config) {
        GatewayConfig.CircuitBreaker cb = config.circuitBreaker();
        config.upstreams().forEach((name, u) -> {
            URI uri = URI.create(u.url());
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                            .setConnectTimeout(2000).setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()),
                    new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(512));
            TypedGuard<CompletionStage<HttpClientResponse>> breaker = TypedGuard
                    .create(new TypeLiteral<CompletionStage<HttpClientResponse>>() { })
                    .withDescription("upstream " + name)
                    .withCircuitBreaker().name(breakerName(name))
                    .requestVolumeThreshold(cb.requestVolumeThreshold()).failureRatio(cb.failureRatio())
                    .delay(cb.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                    .skipOn(CallerFault.class)
                    .done()
                    .withThreadOffload(false)
                    .build();
            upstreams.put(name, new Upstream(name, uri.getHost(), uri.getPort(), u.timeout().toMillis(), client, breaker));
        });
    }

    /** The name under which {@code CircuitBreakerMaintenance} knows a service's breaker. */
    public static String breakerName(String upstream) {
        return "upstream-" + upstream;
    }

    /** The service that serves {@code path}, or null. */
    public Upstream forPath(String path) {
        for (Rule rule : RULES) {
            if (rule.path().matcher(path).matches()) {
                return upstreams.get(rule.upstream());
            }
        }
        return null;
    }

    public Map<String, Upstream> all() {
        return upstreams;
    }
}
