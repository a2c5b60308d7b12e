package org.minhu.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The gateway's own meters, beside Quarkus' {@code http.server.requests} (per route template and
 * status): {@code minhu.gateway.rate.limited}, requests refused with 429, by the limit that refused
 * them ({@code address} or {@code identity}); and {@code minhu.gateway.breaker.open}, 1 while a
 * service's breaker is open or half-open (letting a trial call through), 0 while it is closed, by
 * {@code upstream} (petition, assignment, feedback).
 */
@Startup
@ApplicationScoped
public class GatewayMetrics {

    private final Counter byAddress;
    private final Counter byIdentity;

    public GatewayMetrics(MeterRegistry registry, Upstreams upstreams, CircuitBreakerMaintenance breakers) {
        this.byAddress = limited(registry, "address");
        this.byIdentity = limited(registry, "identity");
        for (String name : upstreams.all().keySet()) {
            String breaker = Upstreams.breakerName(name);
            Gauge.builder("minhu.gateway.breaker.open", breakers,
                            b -> b.currentState(breaker) == CircuitBreakerState.CLOSED ? 0 : 1)
                    .description("1 while the service's circuit breaker is open or half-open, 0 while closed")
                    .tag("upstream", name)
                    .register(registry);
        }
    }

    private static Counter limited(MeterRegistry registry, String limit) {
        return Counter.builder("minhu.gateway.rate.limited")
                .description("Requests refused with 429 by the gateway's rate limits, by the limit that refused them")
                .tag("limit", limit)
                .register(registry);
    }

    void addressLimited() {
        byAddress.increment();
    }

    void identityLimited() {
        byIdentity.increment();
    }
}
