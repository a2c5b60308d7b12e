package org.minhu.common.outbox;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox as meters: {@code minhu.outbox.backlog} (events committed but not yet acknowledged by
 * Kafka) and {@code minhu.outbox.oldest.age} (seconds the oldest of them has waited), counted in the
 * database every {@code minhu.outbox.metrics-interval} (15 s) rather than on each scrape, so a scrape
 * never waits for the database; and this instance's relay counts, {@code minhu.outbox.published} and
 * {@code minhu.outbox.relay.failures}. The gauges keep their last value while the database is away.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final EntityManager em;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public OutboxMetrics(EntityManager em, MeterRegistry registry, OutboxRelay relay) {
        this.em = em;
        Gauge.builder("minhu.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events committed but not yet published to Kafka")
                .baseUnit("events").register(registry);
        Gauge.builder("minhu.outbox.oldest.age", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event (0 when none waits)")
                .baseUnit("seconds").register(registry);
        FunctionCounter.builder("minhu.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Outbox events this instance's relay published").baseUnit("events").register(registry);
        FunctionCounter.builder("minhu.outbox.relay.failures", relay, OutboxRelay::failureCount)
                .description("Relay attempts that failed (Kafka away or refusing)").register(registry);
    }

    @Scheduled(every = "${minhu.outbox.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            OutboxBacklog now = QuarkusTransaction.requiringNew().timeout(10).call(() -> OutboxBacklog.read(em));
            backlog.set(now.events());
            oldestSeconds.set(now.oldestSeconds());
        } catch (RuntimeException e) {
            LOG.debugf("Outbox metrics not refreshed: %s", e.getMessage());
        }
    }
}
