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
 * service keeps failing, and lets a trial request through after a delay.
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
            new Rule(Pattern.compile("^/api/v1/(petitions|categories|regions|open311-clients)(/.*)?$"), "petition"),
            new Rule(Pattern.compile("^/open311(/.*)?$"), "petition"),
            new Rule(Pattern.compile("^/api/v1/(cases|units|routing-rules)(/.*)?$"), "assignment"));

    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

    public Upstreams(Vertx vertx, GatewayConfig config) {
        config.upstreams().forEach((name, u) -> {
            URI uri = URI.create(u.url());
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                            .setConnectTimeout(2000).setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()),
                    new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(512));
            TypedGuard<CompletionStage<HttpClientResponse>> breaker = TypedGuard
                    .create(new TypeLiteral<CompletionStage<HttpClientResponse>>() { })
                    .withDescription("upstream " + name)
                    .withCircuitBreaker().name("upstream-" + name).requestVolumeThreshold(10).failureRatio(0.5)
                    .delay(5, ChronoUnit.SECONDS).successThreshold(1).done()
                    .withThreadOffload(false)
                    .build();
            upstreams.put(name, new Upstream(name, uri.getHost(), uri.getPort(), u.timeout().toMillis(), client, breaker));
        });
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
