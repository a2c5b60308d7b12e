package org.minhu.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Closes a service's breaker as soon as the service is back, instead of leaving its routes at 503
 * until the breaker's delay is over. While a breaker is not closed, the service's
 * {@code /q/health/ready} is asked every {@link #PERIOD_MS} ms; once it has answered anything but 200
 * (the service or its database was down) and then answers 200, the breaker is reset.
 *
 * A service that fails its calls while its readiness stays UP (a bug, one broken route) never went
 * down by this rule, so its breaker keeps to the delay and trial call: resetting it on readiness alone
 * would send it a new batch of failing calls every period.
 */
@ApplicationScoped
public class BreakerRecovery {

    static final long PERIOD_MS = 250;
    private static final Logger LOG = Logger.getLogger(BreakerRecovery.class);

    private final Upstreams upstreams;
    private final CircuitBreakerMaintenance breakers;
    /** Per service: its readiness was seen down since its breaker opened. */
    private final Map<String, Boolean> sawDown = new ConcurrentHashMap<>();
    /** Per service: a probe is under way. */
    private final Map<String, Boolean> probing = new ConcurrentHashMap<>();
    private Vertx vertx;
    private long timer = -1;

    public BreakerRecovery(Upstreams upstreams, CircuitBreakerMaintenance breakers) {
        this.upstreams = upstreams;
        this.breakers = breakers;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(PERIOD_MS, id -> upstreams.all().values().forEach(this::check));
    }

    void stop(@Observes ShutdownEvent event) {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check(Upstreams.Upstream u) {
        String breaker = Upstreams.breakerName(u.name());
        if (breakers.currentState(breaker) == CircuitBreakerState.CLOSED) {
            sawDown.remove(u.name());
            return;
        }
        if (probing.putIfAbsent(u.name(), Boolean.TRUE) != null) {
            return;
        }
        u.client().request(new RequestOptions().setMethod(HttpMethod.GET).setHost(u.host()).setPort(u.port())
                        .setURI("/q/health/ready").setTimeout(1000))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .otherwise(-1)
                .onComplete(ar -> {
                    probing.remove(u.name());
                    int status = ar.result();
                    if (status != 200) {
                        sawDown.put(u.name(), Boolean.TRUE);
                    } else if (sawDown.remove(u.name()) != null && breakers.currentState(breaker) != CircuitBreakerState.CLOSED) {
                        breakers.reset(breaker);
                        LOG.infof("%s-service is ready again: its breaker is closed", u.name());
                    }
                });
    }
}
