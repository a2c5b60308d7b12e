package org.minhu.common.security;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;

/**
 * Headers on every answer of a service, so that a call that does not come through the gateway
 * gets them too: {@code X-Content-Type-Options: nosniff} always, and {@code Cache-Control: no-store}
 * on every API path that may carry personal data. Public data keeps the caching its resource chose:
 * the catalogue ({@code /api/v1/categories}, {@code /regions}), the published statistics
 * ({@code /api/v1/stats/**}) and Open311's discovery and service list. Everything else under
 * {@code /api/} and {@code /open311/} is personal (requests, cases, ratings, Open311 requests, API
 * clients, dead letters). The gateway applies the same rule to what it passes on.
 */
@ApplicationScoped
public class ResponseHeadersFilter {

    /** Public data: no personal data can be in an answer under these. */
    static final Pattern PUBLIC = Pattern.compile(
            "/api/v1/(categories|regions|stats)(/.*)?|/open311/v2/(discovery|services)(\\.[a-z]+|/.*)?");

    /** Early, so that the headers are set on every answer, those of failures and of Quarkus' own routes included. */
    static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String path = ctx.request().path();
            ctx.addHeadersEndHandler(v -> apply(ctx.response(), path));
            ctx.next();
        }, PRIORITY);
    }

    static boolean personal(String path) {
        if (path == null) {
            return true;
        }
        boolean api = path.startsWith("/api/") || path.startsWith("/open311/");
        return api && !PUBLIC.matcher(path).matches();
    }

    static void apply(HttpServerResponse response, String path) {
        response.headers().set("X-Content-Type-Options", "nosniff");
        // a resource's own no-store (a download's "private, no-store") stays as it is
        String chosen = response.headers().get("Cache-Control");
        if (personal(path) && (chosen == null || !chosen.contains("no-store"))) {
            response.headers().set("Cache-Control", "no-store");
        }
    }
}
