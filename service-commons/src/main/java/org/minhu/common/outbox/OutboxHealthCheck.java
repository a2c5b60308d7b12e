package org.minhu.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reports the outbox backlog (events accepted but not yet on Kafka) and the age of the oldest.
 * Informational: a backlog means Kafka is slow or away, and intake keeps working meanwhile.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final EntityManager em;

    public OutboxHealthCheck(EntityManager em) {
        this.em = em;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxBacklog backlog = QuarkusTransaction.requiringNew().call(() -> OutboxBacklog.read(em));
        return HealthCheckResponse.named("Outbox relay")
                .up()
                .withData("backlog", backlog.events())
                .withData("oldestUnpublishedSeconds", backlog.oldestSeconds())
                .build();
    }
}
