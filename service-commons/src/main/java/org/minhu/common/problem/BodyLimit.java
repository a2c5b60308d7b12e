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
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before Quarkus' own limit handler (order -2). */
    private static final int ORDER = -100;

    private final long limit;
    private final ProblemResponses responses;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
                     ProblemResponses responses) {
        this.limit = limit.asLongValue();
        this.responses = responses;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
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

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
