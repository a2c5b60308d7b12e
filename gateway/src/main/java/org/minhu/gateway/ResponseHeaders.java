package org.minhu.gateway;

import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerResponse;

/**
 * Headers every answer of the gateway carries, its own and the services' alike:
 * {@code X-Content-Type-Options: nosniff} always, and {@code Cache-Control: no-store} on every API
 * path that may carry personal data, so that no browser or shared cache keeps a citizen's request,
 * case or rating. The public ones (the catalogue of categories and regions, the published
 * statistics, Open311's discovery and service list) keep whatever caching the service chose.
 * HTML pages outside those paths (the web front-end's index.html) are {@code no-cache}.
 * service-commons' {@code ResponseHeadersFilter} applies the same rule in each service.
 */
final class ResponseHeaders {

    /** Public data: no personal data can be in an answer under these. */
    static final Pattern PUBLIC = Pattern.compile(
            "/api/v1/(categories|regions|stats)(/.*)?|/open311/v2/(discovery|services)(\\.[a-z]+|/.*)?");

    private ResponseHeaders() {
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
        if (personal(path)) {
            response.headers().set("Cache-Control", "no-store");
        } else if (page(response)) {
            // the web front-end's index.html (at /, and for every path of its own under SPA routing) names the
            // current build's hashed scripts: revalidated on each visit, never the day-long immutable caching
            // the static files get, or a browser would keep running yesterday's front-end after an upgrade
            response.headers().set("Cache-Control", "no-cache");
        }
        compressOnlyFrontEnd(response);
    }

    /**
     * Compression is on for the front-end's files only ({@code quarkus.http.compress-media-types}), but Vert.x
     * would gzip any answer of a route of the gateway's own; every other answer (the services' as they came,
     * the gateway's problems) is marked {@code identity}, which tells Vert.x to leave it alone.
     */
    static void compressOnlyFrontEnd(HttpServerResponse response) {
        if (response.headers().contains("Content-Encoding")) {
            return;
        }
        String type = response.headers().get("Content-Type");
        boolean frontEnd = type != null && FRONT_END_TYPES.matcher(type).lookingAt();
        if (!frontEnd) {
            response.headers().set("Content-Encoding", "identity");
        }
    }

    private static final Pattern FRONT_END_TYPES = Pattern.compile("(text/html|text/css|text/javascript|application/javascript)\\b",
            Pattern.CASE_INSENSITIVE);

    private static boolean page(HttpServerResponse response) {
        String type = response.headers().get("Content-Type");
        return type != null && type.regionMatches(true, 0, "text/html", 0, 9);
    }
}
