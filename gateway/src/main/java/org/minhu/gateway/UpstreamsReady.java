package org.minhu.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * The gateway is ready when it can route, whatever the services behind it are doing: a service
 * that is down is a 503 on its own routes (at once, from the breaker or the refused connection),
 * while the others keep being served. Were the gateway to report itself not ready, a load
 * balancer or Kubernetes would take it out of service, and every route with it. So this check is
 * always UP; each service's own readiness and its breaker's state are reported as data
 * ({@code petition-service: UP} or {@code DOWN (…)}, {@code petition-service-breaker: closed}).
 */
@Readiness
@ApplicationScoped
public class UpstreamsReady implements AsyncHealthCheck {

    private final Upstreams upstreams;
    private final CircuitBreakerMaintenance breakers;

    public UpstreamsReady(Upstreams upstreams, CircuitBreakerMaintenance breakers) {
        this.upstreams = upstreams;
        this.breakers = breakers;
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
                b.withData(u.name() + "-service", checks.get(i++).result());
                b.withData(u.name() + "-service-breaker",
                        breakers.currentState(Upstreams.breakerName(u.name())).name().toLowerCase(Locale.ROOT));
            }
            return b.build();
        });
    }
}
