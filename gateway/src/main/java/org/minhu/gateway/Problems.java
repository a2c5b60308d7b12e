package org.minhu.gateway;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 problem+json answers of the gateway itself, in the services' shape ({@code urn:minhu:problem:*}),
 * and the rules that choose them: what a failed call of a service becomes ({@link #ofUpstreamFailure}) and
 * what a failure of the HTTP layer or of a gateway route becomes ({@link #ofStatus}).
 */
final class Problems {

    private Problems() {
    }

    /** One answer: {@code retryAfter} when the caller should be told to come back ({@code Retry-After}). */
    record Problem(int status, String type, String title, String detail, boolean retryAfter) {
    }

    /**
     * What the caller gets when the call of {@code service} failed after {@code ms} (not for a caller's own
     * fault): its breaker open, 503 to retry later; no answer in time, 504; no connection, 503 to retry later;
     * anything else (a broken answer, a reset), 502.
     */
    static Problem ofUpstreamFailure(Throwable failure, String service, long ms) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new Problem(503, "unavailable", "Service unavailable",
                    service + " is failing; the gateway stopped sending it requests for a few seconds", true);
        }
        if (isTimeout(failure)) {
            return new Problem(504, "gateway-timeout", "Gateway timeout", service + " did not answer within " + ms + " ms", false);
        }
        if (failure instanceof ConnectException || String.valueOf(failure.getMessage()).contains("Connection refused")) {
            return new Problem(503, "unavailable", "Service unavailable", service + " cannot be reached", true);
        }
        return new Problem(502, "bad-gateway", "Bad gateway", service + " failed to answer", false);
    }

    /** A failure of the HTTP layer or of a gateway route with this status (anything under 400 is taken as 500). */
    static Problem ofStatus(int status) {
        int s = status >= 400 && status <= 599 ? status : 500;
        String detail = switch (s) {
            case 400 -> "The request is malformed";
            case 403 -> "Forbidden";
            case 404 -> "Nothing at this path";
            case 405 -> "This method is not allowed on this path";
            case 413 -> "The request body is larger than this route accepts";
            default -> s >= 500 ? "The gateway failed to answer" : HttpResponseStatus.valueOf(s).reasonPhrase();
        };
        String type = switch (s) {
            case 400 -> "malformed-request";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            default -> s >= 500 ? "internal" : "client-error";
        };
        return new Problem(s, type, HttpResponseStatus.valueOf(s).reasonPhrase(), detail, false);
    }

    static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
    }

    /** The problem+json document. */
    static JsonObject body(int status, String type, String title, String detail, String path) {
        JsonObject body = new JsonObject().put("type", "urn:minhu:problem:" + type).put("title", title)
                .put("status", status).put("detail", detail);
        if (path != null) {
            body.put("instance", path);
        }
        return body;
    }

    static Future<Void> send(HttpServerResponse response, Problem problem, String path) {
        return send(response, problem.status(), problem.type(), problem.title(), problem.detail(), path);
    }

    /** Completes once the answer is written (or at once, when an answer had already begun and is cut off instead). */
    static Future<Void> send(HttpServerResponse response, int status, String type, String title, String detail, String path) {
        if (response.ended() || response.headWritten()) {
            response.reset();
            return Future.succeededFuture();
        }
        ResponseHeaders.apply(response, path);
        return response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(body(status, type, title, detail, path).encode());
    }
}
