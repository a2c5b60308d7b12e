package org.minhu.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/openapi}: one OpenAPI 3 document of every service's public API, merged from the
 * services' own documents at request time (cached briefly), so it cannot drift from them. Paths,
 * schemas, security schemes and tags are united; a schema two services define identically is
 * kept once. Swagger UI on the gateway shows it.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Duration CACHE = Duration.ofSeconds(30);

    private final Upstreams upstreams;
    private final AtomicReference<Map.Entry<Long, JsonObject>> cached = new AtomicReference<>();

    public MergedOpenApi(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    void routes(@Observes Router router) {
        router.get("/q/openapi").order(-100).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Map.Entry<Long, JsonObject> hit = cached.get();
        if (hit != null && System.nanoTime() - hit.getKey() < CACHE.toNanos()) {
            ctx.response().putHeader("Content-Type", "application/json").end(hit.getValue().encodePrettily());
            return;
        }
        List<Future<JsonObject>> documents = new ArrayList<>();
        upstreams.all().values().forEach(u -> documents.add(u.client()
                .request(io.vertx.core.http.HttpMethod.GET, u.port(), u.host(), "/q/openapi?format=json")
                .compose(req -> req.setTimeout(u.timeoutMs()).send())
                .compose(resp -> resp.statusCode() == 200 ? resp.body()
                        : Future.failedFuture(u.name() + "-service answered " + resp.statusCode()))
                .map(buffer -> buffer.toJsonObject())));
        Future.all(documents).onComplete(all -> {
            if (all.failed()) {
                Problems.send(ctx.response(), 503, "unavailable", "Service unavailable",
                        "Cannot build the merged OpenAPI document: " + all.cause().getMessage(), ctx.request().path());
                return;
            }
            JsonObject merged = merge(((CompositeFuture) all.result()).list());
            cached.set(Map.entry(System.nanoTime(), merged));
            ctx.response().putHeader("Content-Type", "application/json").end(merged.encodePrettily());
        });
    }

    static JsonObject merge(List<JsonObject> documents) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        JsonArray tags = new JsonArray();
        List<String> descriptions = new ArrayList<>();
        for (JsonObject doc : documents) {
            JsonObject info = doc.getJsonObject("info", new JsonObject());
            descriptions.add("- **" + info.getString("title", "service") + "**: " + info.getString("description", ""));
            doc.getJsonObject("paths", new JsonObject()).forEach(p -> {
                if (p.getKey().startsWith("/api/") || p.getKey().startsWith("/open311/")) {
                    paths.put(p.getKey(), p.getValue());
                }
            });
            JsonObject components = doc.getJsonObject("components", new JsonObject());
            components.getJsonObject("schemas", new JsonObject()).forEach(s -> {
                Object existing = schemas.getValue(s.getKey());
                if (existing != null && !existing.equals(s.getValue())) {
                    throw new IllegalStateException("two services define schema " + s.getKey() + " differently");
                }
                schemas.put(s.getKey(), s.getValue());
            });
            components.getJsonObject("securitySchemes", new JsonObject()).forEach(s -> securitySchemes.put(s.getKey(), s.getValue()));
            doc.getJsonArray("tags", new JsonArray()).forEach(t -> {
                if (!tags.contains(t)) {
                    tags.add(t);
                }
            });
        }
        return new JsonObject()
                .put("openapi", documents.isEmpty() ? "3.1.0" : documents.get(0).getString("openapi", "3.1.0"))
                .put("info", new JsonObject().put("title", "Minhu API (民呼)").put("version", "1.0.0")
                        .put("description", "Every public endpoint of Minhu, through the gateway. Errors are RFC 9457 "
                                + "problem+json. Built from the services' own documents:\n\n" + String.join("\n", descriptions))
                        .put("license", new JsonObject().put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0")))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/").put("description", "this gateway")))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
    }
}
