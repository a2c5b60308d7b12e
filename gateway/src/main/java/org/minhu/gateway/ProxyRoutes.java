package org.minhu.gateway;

import java.net.ConnectException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one public entry: {@code /api/v1/**} to the owning service and {@code /open311/**} to
 * petition-service, streamed both ways with Vert.x' HTTP client. Before passing a request on it
 * checks the bearer token (if any; the service checks it again and decides what the caller may
 * do), the per-identity and per-address rate limits and the body limit; it sets or passes on
 * {@code X-Request-Id} and {@code traceparent}. An upstream that is down, slow or failing gets a
 * 503, 504 or 502 problem+json within its timeout, never a hang.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final Upstreams upstreams;
    private final JWTParser jwt;
    private final GatewayConfig config;
    private final TokenBuckets byIdentity;
    private final TokenBuckets byAddress;

    public ProxyRoutes(Upstreams upstreams, JWTParser jwt, GatewayConfig config) {
        this.upstreams = upstreams;
        this.jwt = jwt;
        this.config = config;
        this.byIdentity = new TokenBuckets(config.rateLimit().identityPerSecond(), config.rateLimit().identityBurst());
        this.byAddress = new TokenBuckets(config.rateLimit().addressPerSecond(), config.rateLimit().addressBurst());
    }

    void routes(@Observes Router router, Vertx vertx) {
        router.route("/api/*").order(-100).handler(this::handle);
        router.route("/open311/*").order(-100).handler(this::handle);
        vertx.setPeriodic(60_000, id -> {
            byIdentity.evictIdle();
            byAddress.evictIdle();
        });
    }

    void started(@Observes StartupEvent event) {
        upstreams.all().values().forEach(u -> LOG.infof("Upstream %s: http://%s:%d (timeout %d ms)", u.name(), u.host(), u.port(), u.timeoutMs()));
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        String path = req.path();
        String requestId = valid(req.getHeader("X-Request-Id")) ? req.getHeader("X-Request-Id") : UUID.randomUUID().toString();
        resp.putHeader("X-Request-Id", requestId);

        Upstreams.Upstream upstream = upstreams.forPath(path);
        if (upstream == null) {
            Problems.send(resp, 404, "not-found", "Not found", "No API at " + path, path);
            return;
        }
        String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        String subject = null;
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                subject = jwt.parse(authorization.substring(7).trim()).getSubject();
            } catch (ParseException e) {
                Problems.send(resp, 401, "unauthenticated", "Authentication required",
                        "The bearer token is not valid (expired, not signed by the platform's identity provider, or malformed)", path);
                return;
            }
        }
        long wait = byAddress.take(address);
        if (wait == 0 && subject != null) {
            wait = byIdentity.take(subject);
        }
        if (wait > 0) {
            resp.putHeader("Retry-After", String.valueOf(wait));
            Problems.send(resp, 429, "too-many-requests", "Too many requests",
                    "Rate limit reached for " + (subject != null ? "this identity" : "this address") + "; retry after " + wait + " s", path);
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && parseLong(length) > config.maxBodyBytes()) {
            Problems.send(resp, 413, "payload-too-large", "Request body too large",
                    "The body may be at most " + config.maxBodyBytes() + " bytes", path);
            return;
        }
        forward(ctx, upstream, requestId, address);
    }

    private void forward(RoutingContext ctx, Upstreams.Upstream upstream, String requestId, String address) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        req.pause();
        RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(upstream.host())
                .setPort(upstream.port()).setURI(req.uri()).setIdleTimeout(upstream.timeoutMs());
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        req.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set("X-Request-Id", requestId);
        if (!valid(req.getHeader("traceparent"))) {
            headers.set("traceparent", newTraceparent());
        }
        headers.set("X-Forwarded-For", address);
        headers.set("X-Forwarded-Proto", req.scheme());
        if (req.authority() != null) {
            headers.set("X-Forwarded-Host", req.authority().toString());
        }
        options.setHeaders(headers);
        long started = System.nanoTime();
        upstream.breaker().get(() -> upstream.client().request(options)
                        .compose((HttpClientRequest out) -> {
                            out.setTimeout(upstream.timeoutMs());
                            // a request whose body was already read (never the case on this first route) has nothing left to stream
                            return req.isEnded() ? out.send() : out.send(req);
                        })
                        // hold the body until it is piped: the breaker's stage completes later, maybe elsewhere
                        .map(in -> in.pause())
                        .toCompletionStage())
                .whenComplete((HttpClientResponse in, Throwable failure) -> {
                    if (failure != null) {
                        fail(ctx, upstream, unwrap(failure), started);
                        return;
                    }
                    resp.setStatusCode(in.statusCode());
                    in.headers().forEach(h -> {
                        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                            resp.headers().add(h.getKey(), h.getValue());
                        }
                    });
                    resp.putHeader("X-Request-Id", requestId);
                    if (in.getHeader("Content-Length") == null) {
                        resp.setChunked(true);
                    }
                    in.pipeTo(resp);
                });
    }

    private void fail(RoutingContext ctx, Upstreams.Upstream upstream, Throwable failure, long started) {
        String path = ctx.request().path();
        String name = upstream.name() + "-service";
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (failure instanceof CircuitBreakerOpenException) {
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(ctx.response(), 503, "unavailable", "Service unavailable",
                    name + " is failing; the gateway stopped sending it requests for a few seconds", path);
        } else if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            Problems.send(ctx.response(), 504, "gateway-timeout", "Gateway timeout", name + " did not answer within " + ms + " ms", path);
        } else if (failure instanceof ConnectException || String.valueOf(failure.getMessage()).contains("Connection refused")) {
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(ctx.response(), 503, "unavailable", "Service unavailable", name + " cannot be reached", path);
        } else {
            LOG.warnf("Upstream %s failed for %s %s: %s", upstream.name(), ctx.request().method(), path, failure.toString());
            Problems.send(ctx.response(), 502, "bad-gateway", "Bad gateway", name + " failed to answer", path);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean valid(String header) {
        return header != null && !header.isBlank() && header.length() <= 128 && header.chars().allMatch(c -> c > 32 && c < 127);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** W3C trace context: version 00, a random trace id and span id, sampled. */
    private static String newTraceparent() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong(), r.nextLong());
    }
}
