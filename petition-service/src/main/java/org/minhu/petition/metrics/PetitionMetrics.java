package org.minhu.petition.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Intake's meters: {@code minhu.petitions.filed}, the requests accepted, by channel and category
 * code (both bounded: the channels are an enum, the categories the catalogue's twenty). Counted when
 * the request's transaction commits, so a rolled-back submission (a conflict, a database failure)
 * or an idempotent replay is not counted.
 */
@ApplicationScoped
public class PetitionMetrics {

    /** Fired by intake inside the submitting transaction. */
    public record Filed(String channel, String categoryCode) {
    }

    private final MeterRegistry registry;

    public PetitionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void filed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Filed filed) {
        Counter.builder("minhu.petitions.filed")
                .description("Requests accepted (committed), by channel and category")
                .tag("channel", filed.channel())
                .tag("category", filed.categoryCode())
                .register(registry).increment();
    }
}
