package org.minhu.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request meets first, whatever its path (before CORS, before any route): who the
 * client is ({@link TrustedProxies}), the security headers of its answer ({@link ResponseHeaders}),
 * the per-address rate limit (so floods of refused tokens, unknown routes or oversized requests
 * are limited like any other traffic; only {@code /q/health} is exempt, for probes), and the size
 * of its request line and headers. Vert.x' own limits are set far above these
 * ({@code quarkus.http.limits.*}): what Vert.x refuses itself gets an empty answer that no hook of
 * Quarkus can change, so the gateway's limits are enforced here, where the answer is
 * problem+json. Failures of the gateway's own routes (a body over {@code /dev/tokens}' limit, a
 * path that cannot be decoded) are answered as problem+json too.
 */
@ApplicationScoped
public class Edge {

    /** The request's {@link TrustedProxies.Origin}, in the routing context. */
    static final String ORIGIN = "minhu.origin";
    /** Where Quarkus' HTTP metrics look for a request's route template (as Quarkus REST sets it for JAX-RS). */
    static final String URL_TEMPLATE = "UrlPathTemplate";
    /** Before CORS (300) and every route. */
    static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(Edge.class);

    private final GatewayConfig config;
    private final TrustedProxies proxies;
    private final TokenBuckets byAddress;
    /** Null when CORS is off ({@code quarkus.http.cors.enabled=false}): then Quarkus lets every origin through. */
    private final CorsOrigins cors;

    private final GatewayMetrics metrics;

    public Edge(GatewayConfig config, TrustedProxies proxies, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.proxies = proxies;
        this.byAddress = new TokenBuckets(config.rateLimit().addressPerSecond(), config.rateLimit().addressBurst());
        Config all = ConfigProvider.getConfig();
        this.cors = all.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false)
                ? new CorsOrigins(all.getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of()))
                : null;
    }

    void filters(@Observes Filters filters, Vertx vertx) {
        filters.register(this::handle, PRIORITY);
        vertx.setPeriodic(60_000, id -> byAddress.evictIdle());
    }

    void routes(@Observes Router router) {
        router.route().order(-PRIORITY).failureHandler(this::failed);
        // a failure before any route could match (a path that cannot be decoded) goes to these
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, this::failed);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        // the uri tag of this request's http.server.requests metrics: its route's template, never its raw path
        if (req instanceof HttpServerRequestInternal internal) {
            internal.context().putLocal(URL_TEMPLATE, RouteTemplates.of(path));
        }
        ctx.addHeadersEndHandler(v -> ResponseHeaders.apply(ctx.response(), path));
        TrustedProxies.Origin origin = proxies.resolve(req);
        ctx.put(ORIGIN, origin);
        if (path == null || !path.startsWith("/q/health")) {
            long wait = byAddress.take(origin.clientAddress());
            if (wait > 0) {
                metrics.addressLimited();
                ctx.response().putHeader("Retry-After", String.valueOf(wait));
                Problems.send(ctx.response(), 429, "too-many-requests", "Too many requests",
                        "Rate limit reached for this address; retry after " + wait + " s", path);
                return;
            }
        }
        if (req.uri().length() > config.maxUriLength()) {
            Problems.send(ctx.response(), 414, "uri-too-long", "URI too long",
                    "The request target may be at most " + config.maxUriLength() + " characters", null);
            return;
        }
        long headerBytes = req.headers().entries().stream().mapToLong(h -> h.getKey().length() + h.getValue().length() + 4L).sum();
        if (headerBytes > config.maxHeaderBytes()) {
            Problems.send(ctx.response(), 431, "headers-too-large", "Request header fields too large",
                    "The request's headers may be at most " + config.maxHeaderBytes() + " bytes", path);
            return;
        }
        String browserOrigin = req.getHeader("Origin");
        if (cors != null && browserOrigin != null && !cors.allowed(browserOrigin, req.scheme(),
                req.authority() == null ? null : req.authority().toString())) {
            // Quarkus' CORS filter would answer the same refusal with an empty body
            ctx.response().putHeader("Vary", "Origin");
            Problems.send(ctx.response(), 403, "cors-origin-not-allowed", "Origin not allowed",
                    "Browsers on " + browserOrigin + " may not call this API; allowed origins are set by MINHU_CORS_ORIGINS", path);
            return;
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Problems.Problem problem = Problems.ofStatus(ctx.statusCode());
        if (problem.status() >= 500) {
            LOG.warnf(ctx.failure(), "Failure on %s %s", ctx.request().method(), ctx.request().path());
        }
        if (problem.status() == 413) {
            ctx.response().putHeader("Connection", "close");
        }
        Problems.send(ctx.response(), problem, safePath(ctx));
    }

    private static String safePath(RoutingContext ctx) {
        try {
            return ctx.request().path();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
