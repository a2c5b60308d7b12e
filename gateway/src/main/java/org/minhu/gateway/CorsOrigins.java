package org.minhu.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;

/**
 * Which browser origins may call the gateway, decided as Quarkus' CORS filter decides it
 * ({@code quarkus.http.cors.origins}: exact origins, {@code /regex/} entries or {@code *}; a request
 * from the gateway's own origin is always allowed), so that the gateway can refuse a foreign origin
 * itself, with a problem+json body, before Quarkus' filter would answer an empty 403.
 */
final class CorsOrigins {

    private final boolean any;
    private final List<String> exact;
    private final List<Pattern> patterns;

    CorsOrigins(List<String> configured) {
        this.any = configured.stream().anyMatch(o -> o.equals("*") || o.equals("/.*/"));
        this.exact = configured.stream().map(String::trim).toList();
        this.patterns = CORSFilter.parseAllowedOriginsRegex(Optional.of(configured));
    }

    /**
     * Whether a request with this {@code Origin}, received with this scheme and {@code Host}
     * ({@code authority}, null when none), may be served.
     */
    boolean allowed(String origin, String scheme, String authority) {
        return any || exact.contains(origin) || CORSFilter.isOriginAllowedByRegex(patterns, origin) || sameOrigin(origin, scheme, authority);
    }

    /** The gateway's own origin: the same scheme, host and port, and no path. */
    static boolean sameOrigin(String origin, String scheme, String authority) {
        if (authority == null || scheme == null) {
            return false;
        }
        if (origin.equalsIgnoreCase(scheme + "://" + authority)) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            URI self = URI.create(scheme + "://" + authority);
            return (o.getPath() == null || o.getPath().isEmpty()) && o.getHost() != null
                    && scheme.equalsIgnoreCase(o.getScheme()) && o.getHost().equalsIgnoreCase(self.getHost())
                    && port(o) == port(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
