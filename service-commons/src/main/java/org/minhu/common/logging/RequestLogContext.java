package org.minhu.common.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Puts the request's id ({@code X-Request-Id}, which the gateway sets on every request it passes on)
 * and its trace id (from the W3C {@code traceparent} the gateway sends) into the logging context, so
 * that every line logged while a request is served carries them: as {@code requestId} and
 * {@code traceId} in the JSON logs' {@code mdc} object, and in the plain format. Values that are not
 * a plausible id (too long, control or non-ASCII characters, a malformed traceparent) are left out, so
 * a caller cannot write into the logs through them. Quarkus keeps the logging context per request
 * (its Vert.x context), also on the worker thread that serves it.
 */
@ApplicationScoped
public class RequestLogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    /** Before the other filters, so that whatever they log carries the ids. */
    static final int PRIORITY = 2000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            enter(ctx.request().getHeader("X-Request-Id"), ctx.request().getHeader("traceparent"));
            ctx.addEndHandler(v -> leave());
            ctx.next();
        }, PRIORITY);
    }

    /** Sets the ids of a request (or removes them where the header carries none that is valid). */
    public static void enter(String requestId, String traceparent) {
        put(REQUEST_ID, validRequestId(requestId) ? requestId : null);
        put(TRACE_ID, traceId(traceparent));
    }

    public static void leave() {
        MDC.remove(REQUEST_ID);
        MDC.remove(TRACE_ID);
    }

    /** The gateway's rule for a request id it passes on: 1 to 128 visible ASCII characters. */
    static boolean validRequestId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 128 && id.chars().allMatch(c -> c > 32 && c < 127);
    }

    /** The trace id of a W3C traceparent ({@code 00-<32 hex>-<16 hex>-<2 hex>}), or null. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(traceparent.trim());
        return m.matches() ? m.group(1) : null;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
