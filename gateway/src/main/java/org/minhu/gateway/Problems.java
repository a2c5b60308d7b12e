package org.minhu.gateway;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem+json answers of the gateway itself, in the services' shape ({@code urn:minhu:problem:*}). */
final class Problems {

    private Problems() {
    }

    static void send(HttpServerResponse response, int status, String type, String title, String detail, String path) {
        if (response.ended() || response.headWritten()) {
            response.reset();
            return;
        }
        JsonObject body = new JsonObject().put("type", "urn:minhu:problem:" + type).put("title", title)
                .put("status", status).put("detail", detail).put("instance", path);
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }
}
