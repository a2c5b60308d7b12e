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
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) "
                                + "FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult());
        return HealthCheckResponse.named("Outbox relay")
                .up()
                .withData("backlog", ((Number) row[0]).longValue())
                .withData("oldestUnpublishedSeconds", Math.round(((Number) row[1]).doubleValue()))
                .build();
    }
}
