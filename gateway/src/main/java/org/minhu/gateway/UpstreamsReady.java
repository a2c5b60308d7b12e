package org.minhu.gateway;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/** Ready only when every upstream service says it is ready. */
@Readiness
@ApplicationScoped
public class UpstreamsReady implements AsyncHealthCheck {

    private final Upstreams upstreams;

    public UpstreamsReady(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<String>> checks = new ArrayList<>();
        upstreams.all().values().forEach(u -> checks.add(u.client()
                .request(HttpMethod.GET, u.port(), u.host(), "/q/health/ready")
                .compose(req -> req.setTimeout(2000).send())
                .map(resp -> resp.statusCode() == 200 ? "UP" : "DOWN (" + resp.statusCode() + ")")
                .otherwise(e -> "DOWN (" + e.getMessage() + ")")));
        return Uni.createFrom().completionStage(Future.join(checks).toCompletionStage()).map(all -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("upstreams").up();
            int i = 0;
            for (Upstreams.Upstream u : upstreams.all().values()) {
                String state = checks.get(i++).result();
                b.withData(u.name() + "-service", state);
                if (!"UP".equals(state)) {
                    b.down();
                }
            }
            return b.build();
        });
    }
}
