package org.minhu.common.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with 413
 * problem+json before it is read. Quarkus' own check (which stays in place for chunked bodies)
 * runs after this one and answers with an empty body.
 *
 * <p>A service whose few paths take large bodies (petition-service's attachment uploads) sets
 * Quarkus' limit for those, names them in {@code minhu.http.large-body-paths} (a regular expression
 * over the path) and keeps every other path at {@code minhu.http.max-body-size}. That smaller limit
 * is checked against Content-Length only: a chunked body on another path is bounded by Quarkus'
 * limit here, and by the gateway's own (per path) in front of the service.
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before Quarkus' own limit handler (order -2). */
    private static final int ORDER = -100;

    private final long largeLimit;
    private final long limit;
    private final java.util.Optional<java.util.regex.Pattern> largeBodyPaths;
    private final ProblemResponses responses;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize quarkusLimit,
                     @ConfigProperty(name = "minhu.http.max-body-size") java.util.Optional<MemorySize> limit,
                     @ConfigProperty(name = "minhu.http.large-body-paths") java.util.Optional<String> largeBodyPaths,
                     ProblemResponses responses) {
        this.largeLimit = quarkusLimit.asLongValue();
        this.limit = limit.map(MemorySize::asLongValue).map(l -> Math.min(l, largeLimit)).orElse(largeLimit);
        this.largeBodyPaths = largeBodyPaths.filter(p -> !p.isBlank()).map(java.util.regex.Pattern::compile);
        this.responses = responses;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            long limit = limitFor(ctx.request().path());
            if (length != null && tooLarge(length, limit)) {
                Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + (limit / 1024) + " KB").withInstance(ctx.request().path());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaderNames.CONNECTION, "close")
                        .end(responses.toJson(problem));
                return;
            }
            ctx.next();
        });
    }

    private long limitFor(String path) {
        return path != null && largeBodyPaths.map(p -> p.matcher(path).matches()).orElse(false) ? largeLimit : limit;
    }

    private static boolean tooLarge(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
