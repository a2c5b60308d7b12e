package org.minhu.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one public entry: {@code /api/v1/**} to the owning service and {@code /open311/**} to
 * petition-service, streamed both ways with Vert.x' HTTP client. Before passing a request on it
 * checks the bearer token (if any; the service checks it again and decides what the caller may
 * do), the per-identity and per-address rate limits and the body limit; it sets or passes on
 * {@code X-Request-Id} and {@code traceparent}. An upstream that is down, slow or failing gets a
 * 503, 504 or 502 problem+json within its timeout, never a hang. A body with a
 * {@code Content-Length} is streamed; one without is read (up to the limit) first, so that an
 * oversized upload is refused before any service sees it.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** How long the rest of a refused body is read and dropped before the connection is closed anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
    private static final Set<String> ORIGIN_CLAIMS = Set.of("x-real-ip", "x-client-ip", "true-client-ip");
    /** Answer headers that hold URIs of the service. */
    private static final Set<String> LINKING = Set.of("location", "content-location", "link");

    private final Upstreams upstreams;
    private final JWTParser jwt;
    private final GatewayConfig config;
    private final TokenBuckets byIdentity;
    private final TokenRules tokenRules;
    private final TrustedProxies proxies;

    private final GatewayMetrics metrics;

    public ProxyRoutes(Upstreams upstreams, JWTParser jwt, GatewayConfig config, TokenRules tokenRules, TrustedProxies proxies,
                       GatewayMetrics metrics) {
        this.metrics = metrics;
        this.upstreams = upstreams;
        this.jwt = jwt;
        this.config = config;
        this.tokenRules = tokenRules;
        this.proxies = proxies;
        this.byIdentity = new TokenBuckets(config.rateLimit().identityPerSecond(), config.rateLimit().identityBurst());
    }

    void routes(@Observes Router router, Vertx vertx) {
        router.route("/api/*").order(-100).handler(this::handle);
        router.route("/open311/*").order(-100).handler(this::handle);
        vertx.setPeriodic(60_000, id -> byIdentity.evictIdle());
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
        // every line logged for this request carries its id (Quarkus keeps the MDC per request context)
        MDC.put("requestId", requestId);

        Upstreams.Upstream upstream = upstreams.forPath(path);
        if (upstream == null) {
            Problems.send(resp, 404, "not-found", "Not found", "No API at " + path, path);
            return;
        }
        // the per-address limit was applied already, to every request (Edge)
        TrustedProxies.Origin origin = ctx.get(Edge.ORIGIN) != null ? ctx.get(Edge.ORIGIN) : proxies.resolve(req);
        String subject = null;
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String refused;
            try {
                JsonWebToken token = jwt.parse(authorization.substring(7).trim());
                subject = token.getSubject();
                refused = tokenRules.violation(token);
            } catch (ParseException e) {
                refused = "The bearer token is not valid (expired, not signed by the platform's identity provider, "
                        + "not meant for Minhu (aud), or malformed)";
            }
            if (refused != null) {
                Problems.send(resp, 401, "unauthenticated", "Authentication required", refused, path);
                return;
            }
        }
        if (subject != null) {
            long wait = byIdentity.take(subject);
            if (wait > 0) {
                metrics.identityLimited();
                resp.putHeader("Retry-After", String.valueOf(wait));
                Problems.send(resp, 429, "too-many-requests", "Too many requests",
                        "Rate limit reached for this identity; retry after " + wait + " s", path);
                return;
            }
        }
        String length = req.getHeader("Content-Length");
        long bodyLimit = bodyLimit(path);
        if (length == null) {
            readBounded(ctx, body -> forward(ctx, upstream, requestId, origin, body));
        } else if (parseLong(length) > bodyLimit) {
            refuseBody(ctx, 413, "payload-too-large", "Request body too large", "The body may be at most " + bodyLimit + " bytes");
        } else {
            forward(ctx, upstream, requestId, origin, null);
        }
    }

    /** The small limit, but on the upload paths (attachments) the large one. */
    private long bodyLimit(String path) {
        if (uploadPaths == null) {
            uploadPaths = java.util.regex.Pattern.compile(config.uploadPaths());
        }
        return path != null && uploadPaths.matcher(path).matches() ? config.maxUploadBytes() : config.maxBodyBytes();
    }

    private volatile java.util.regex.Pattern uploadPaths;

    /**
     * A body without {@code Content-Length} (chunked, or HTTP/2) has no size to check up front, so
     * it is read here, up to the limit, before the service is involved at all: an oversized one is
     * refused without the service ever seeing the request, and a client that gives up half-way has
     * reached no one. What fits is passed on with a {@code Content-Length}.
     */
    private void readBounded(RoutingContext ctx, Handler<Buffer> then) {
        HttpServerRequest req = ctx.request();
        if (req.isEnded()) {
            // nothing (left) to read: an HTTP/2 request can end with its headers
            then.handle(Buffer.buffer());
            return;
        }
        long limit = bodyLimit(req.path());
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuseBody(ctx, 413, "payload-too-large", "Request body too large", "The body may be at most " + limit + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                then.handle(body);
            }
        });
        req.exceptionHandler(e -> LOG.debugf("Client gave up sending %s %s: %s", req.method(), req.path(), e.toString()));
        continueIfExpected(ctx);
        req.resume();
    }

    /**
     * Answers a request whose body will not be read to its end (too large, or stalled), then ends
     * the exchange so the rest is not waited for. HTTP/1.1: {@code Connection: close}, and the rest
     * of the body is read and dropped for at most {@link #DRAIN} before the connection closes;
     * closing while the client still sends would make its system discard our answer unread
     * (a TCP reset). HTTP/2: the stream is reset with NO_ERROR once the answer is out, which asks
     * the client to stop sending (RFC 9113, section 8.1) and leaves its other streams alone.
     */
    private void refuseBody(RoutingContext ctx, int status, String type, String title, String detail) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        boolean http2 = req.version() == HttpVersion.HTTP_2;
        if (!http2) {
            resp.putHeader("Connection", "close");
        }
        Future<Void> sent = Problems.send(resp, status, type, title, detail, req.path());
        if (http2) {
            sent.onComplete(v -> resp.reset(0));
            return;
        }
        if (req.isEnded()) {
            sent.onComplete(v -> req.connection().close());
            return;
        }
        Vertx vertx = ctx.vertx();
        long deadline = vertx.setTimer(DRAIN.toMillis(), t -> req.connection().close());
        req.handler(chunk -> { });
        req.exceptionHandler(e -> vertx.cancelTimer(deadline));
        req.endHandler(v -> {
            vertx.cancelTimer(deadline);
            sent.onComplete(x -> req.connection().close());
        });
        req.resume();
    }

    /** The gateway answers {@code Expect: 100-continue} itself, once it has accepted the request and wants the body. */
    private static void continueIfExpected(RoutingContext ctx) {
        String expect = ctx.request().getHeader("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            ctx.response().writeContinue();
        }
    }

    /**
     * Headers in which a proxy says who the client is or how it was reached ({@code Forwarded},
     * {@code X-Forwarded-*}, {@code X-Real-IP}, {@code X-Client-IP}, {@code True-Client-IP}): from a peer
     * that is no trusted proxy they are the client's own claims, and are not passed on; the gateway
     * writes its own {@code X-Forwarded-For}, {@code -Proto} and {@code -Host} in any case.
     */
    static boolean claimsOrigin(String lowerCaseName) {
        return lowerCaseName.equals("forwarded") || lowerCaseName.startsWith("x-forwarded-") || ORIGIN_CLAIMS.contains(lowerCaseName);
    }

    /** {@code body}: the body read already, or null to stream it (it has a {@code Content-Length} within the limit). */
    private void forward(RoutingContext ctx, Upstreams.Upstream upstream, String requestId, TrustedProxies.Origin origin, Buffer body) {
        HttpServerRequest req = ctx.request();
        if (body == null && !req.isEnded()) {
            // until the breaker lets the call through, and the pipe to the service takes over
            req.pause();
        }
        RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(upstream.host())
                .setPort(upstream.port()).setURI(req.uri()).setIdleTimeout(upstream.timeoutMs());
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        req.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !name.equals("expect") && (origin.viaTrustedProxy() || !claimsOrigin(name))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set("X-Request-Id", requestId);
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            // traces exported: Vert.x's HTTP client, traced by Quarkus, sends the context of its own client
            // span, a child of this request's span (which continues the caller's traceparent, if valid)
            headers.remove("traceparent");
            headers.remove("tracestate");
        } else if (!valid(req.getHeader("traceparent"))) {
            headers.set("traceparent", newTraceparent());
        }
        String traceparent = headers.get("traceparent");
        if (traceparent != null && traceparent.length() >= 35) {
            MDC.put("traceId", traceparent.substring(3, 35));
        }
        // what the gateway determined, never what an untrusted caller claimed
        headers.set("X-Forwarded-For", origin.clientAddress());
        headers.set("X-Forwarded-Proto", origin.scheme());
        if (origin.host() != null) {
            headers.set("X-Forwarded-Host", origin.host());
        }
        options.setHeaders(headers);
        long started = System.nanoTime();
        upstream.breaker().get(() -> exchange(ctx, upstream, options, body).toCompletionStage())
                .whenComplete((HttpClientResponse in, Throwable failure) -> {
                    Throwable cause = failure == null ? null : unwrap(failure);
                    if (cause == null) {
                        relay(ctx, in, requestId, upstream, origin);
                    } else if (cause instanceof Upstreams.FailedAnswer answer) {
                        relay(ctx, answer.response(), requestId, upstream, origin);
                    } else {
                        fail(ctx, upstream, cause, started);
                    }
                });
    }

    /**
     * One call of the service, as its breaker sees it: it fails when the service does (no
     * connection, no answer in time, a broken or a 5xx answer), and with a {@link Upstreams.CallerFault},
     * which the breaker skips, when the caller cut its own upload short.
     */
    private Future<HttpClientResponse> exchange(RoutingContext ctx, Upstreams.Upstream upstream, RequestOptions options, Buffer body) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        return upstream.client().request(options)
                .compose((HttpClientRequest out) -> {
                    out.setTimeout(upstream.timeoutMs());
                    // every failure also fails the response future, which the breaker and fail() see
                    out.exceptionHandler(e -> { });
                    if (body != null) {
                        // an empty body is sent as one only if the client declared one (POST with an empty chunked body)
                        return body.length() > 0 || req.headers().contains("Transfer-Encoding") ? out.send(body) : out.send();
                    }
                    if (req.isEnded()) {
                        return out.send();
                    }
                    continueIfExpected(ctx);
                    // not ended short on failure: a client that stops half-way must not become a complete, truncated request
                    req.pipe().endOnFailure(false).to(out).onFailure(e -> out.reset());
                    return out.response().recover(e -> Future.failedFuture(callerFault(req, resp, e)));
                })
                // hold the body until it is piped: the breaker's stage completes later, maybe elsewhere
                .map(HttpClientResponse::pause)
                .compose(in -> failsTheBreaker(in) ? Future.failedFuture(new Upstreams.FailedAnswer(in)) : Future.succeededFuture(in));
    }

    /**
     * Whether an answer counts against the service in its breaker: a 5xx does, except a 503 with
     * {@code Retry-After}. That one is the service, up and answering at once, saying it cannot
     * complete this request for a moment (its database unreachable, a write conflict); opening the
     * breaker on it would only keep every caller out for the breaker's whole delay after the
     * database is back (the fault suite's database terminations showed hundreds of such 503s).
     */
    static boolean failsTheBreaker(HttpClientResponse in) {
        return in.statusCode() >= 500 && !(in.statusCode() == 503 && in.getHeader("Retry-After") != null);
    }

    /**
     * Whose fault a failed call with a streamed body was. Once the whole body has been passed on,
     * the service's; before that, the caller's if it left (its connection closed) or if the time
     * ran out while its body was still arriving. (A service that stops reading a body it is sent
     * could look like the latter, but bodies of at most {@code max-body-bytes}, 64 KB by default, fit
     * into the sockets' buffers.)
     */
    private static Throwable callerFault(HttpServerRequest req, HttpServerResponse resp, Throwable failure) {
        if (req.isEnded()) {
            return failure;
        }
        if (resp.closed()) {
            return new Upstreams.CallerFault("the client closed the connection before its body was complete", failure, false);
        }
        if (Problems.isTimeout(failure)) {
            return new Upstreams.CallerFault("the client's body did not arrive in time", failure, true);
        }
        return failure;
    }

    private void relay(RoutingContext ctx, HttpClientResponse in, String requestId, Upstreams.Upstream upstream,
                       TrustedProxies.Origin origin) {
        HttpServerResponse resp = ctx.response();
        resp.setStatusCode(in.statusCode());
        in.headers().forEach(h -> {
            String name = h.getKey().toLowerCase();
            if (!HOP_BY_HOP.contains(name)) {
                resp.headers().add(h.getKey(), LINKING.contains(name) ? publicUris(h.getValue(), upstream, origin) : h.getValue());
            }
        });
        resp.putHeader("X-Request-Id", requestId);
        if (in.getHeader("Content-Length") == null) {
            resp.setChunked(true);
        }
        in.pipeTo(resp);
    }

    /**
     * The service's own address in a {@code Location}, {@code Content-Location} or {@code Link}
     * (it builds them from the {@code Host} the gateway's client sent it) becomes the gateway's
     * public origin ({@code X-Forwarded-Proto}/{@code -Host} from a trusted proxy, otherwise the
     * request's own scheme and {@code Host}); with no known origin, a path relative to it.
     */
    static String publicUris(String value, Upstreams.Upstream upstream, TrustedProxies.Origin origin) {
        String publicOrigin = origin.publicOrigin();
        Pattern internal = Pattern.compile("https?://" + Pattern.quote(upstream.host() + ":" + upstream.port()) + "(?=[/?#>]|$)",
                Pattern.CASE_INSENSITIVE);
        return internal.matcher(value).replaceAll(Matcher.quoteReplacement(publicOrigin == null ? "" : publicOrigin));
    }

    private void fail(RoutingContext ctx, Upstreams.Upstream upstream, Throwable failure, long started) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        String name = upstream.name() + "-service";
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (failure instanceof Upstreams.CallerFault caller) {
            if (caller.stalled()) {
                refuseBody(ctx, 408, "request-timeout", "Request timeout", "The request body did not arrive within " + ms + " ms");
            }
            // a client that left gets no answer
            return;
        }
        // a body never sent on (the breaker is open, no connection) is read and dropped, so the connection stays usable
        if (!req.isEnded()) {
            req.resume();
        }
        Problems.Problem problem = Problems.ofUpstreamFailure(failure, name, ms);
        if (problem.status() == 502) {
            LOG.warnf("Upstream %s failed for %s %s: %s", upstream.name(), req.method(), path, failure.toString());
        }
        if (problem.retryAfter()) {
            ctx.response().putHeader("Retry-After", retryAfter());
        }
        Problems.send(ctx.response(), problem, path);
    }

    /** Seconds until the breaker lets a trial call through: as good a guess as any for a service that is down. */
    private String retryAfter() {
        return String.valueOf(Math.max(1, (config.circuitBreaker().delay().toMillis() + 999) / 1000));
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
