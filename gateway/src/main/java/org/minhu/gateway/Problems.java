package org.minhu.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem+json answers of the gateway itself, in the services' shape ({@code urn:minhu:problem:*}). */
final class Problems {

    private Problems() {
    }

    /** Completes once the answer is written (or at once, when an answer had already begun and is cut off instead). */
    static Future<Void> send(HttpServerResponse response, int status, String type, String title, String detail, String path) {
        if (response.ended() || response.headWritten()) {
            response.reset();
            return Future.succeededFuture();
        }
        JsonObject body = new JsonObject().put("type", "urn:minhu:problem:" + type).put("title", title)
                .put("status", status).put("detail", detail);
        if (path != null) {
            body.put("instance", path);
        }
        ResponseHeaders.apply(response, path);
        return response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }
}
