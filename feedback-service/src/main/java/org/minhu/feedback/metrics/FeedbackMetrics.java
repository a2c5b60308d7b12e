package org.minhu.feedback.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * feedback-service's meters: {@code minhu.ratings}, the ratings recorded (committed), by grade
 * (satisfaction and solved, three values each) and channel (app, web, hotline); and
 * {@code minhu.exports.rejected}, exports refused because every export slot was streaming.
 */
@Startup
@ApplicationScoped
public class FeedbackMetrics {

    /** Fired by the rating inside its transaction; counted only once that commits (a retried conflict counts once). */
    public record Rated(String satisfaction, String solved, String channel) {
    }

    private final MeterRegistry registry;
    private final Counter exportsRejected;

    public FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.exportsRejected = Counter.builder("minhu.exports.rejected")
                .description("Record exports refused with 429 because the most exports that may stream at once were streaming")
                .register(registry);
    }

    void rated(@Observes(during = TransactionPhase.AFTER_SUCCESS) Rated rated) {
        Counter.builder("minhu.ratings")
                .description("Ratings recorded, by satisfaction, solved and channel")
                .tag("satisfaction", rated.satisfaction())
                .tag("solved", rated.solved())
                .tag("channel", rated.channel())
                .register(registry).increment();
    }

    public void exportRejected() {
        exportsRejected.increment();
    }
}
