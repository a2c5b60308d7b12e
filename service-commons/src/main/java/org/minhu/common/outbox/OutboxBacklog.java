package org.minhu.common.outbox;

import jakarta.persistence.EntityManager;

/**
 * What waits in the outbox: events committed but not yet acknowledged by Kafka, and how many seconds
 * the oldest of them has waited (0 when none). Read by the readiness check and by the metrics.
 */
record OutboxBacklog(long events, long oldestSeconds) {

    /** Counts the backlog; must run in a transaction. */
    static OutboxBacklog read(EntityManager em) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) "
                                + "FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult();
        return new OutboxBacklog(((Number) row[0]).longValue(), Math.round(((Number) row[1]).doubleValue()));
    }
}
