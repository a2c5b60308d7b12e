package org.minhu.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the outbox holds for a petition: the events a case action wrote, as a test reads them. */
final class OutboxRows {

    private OutboxRows() {
    }

    /** How many events of {@code type} were written for the petition. */
    static long count(UUID petitionId, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE message_key = ?1 AND event_type = ?2")
                .setParameter(1, petitionId.toString()).setParameter(2, type).getSingleResult()).longValue());
    }

    /** How many events of any type were written for the petition. */
    static long countAll(UUID petitionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE message_key = ?1")
                .setParameter(1, petitionId.toString()).getSingleResult()).longValue());
    }

    /** How many events of any type, for any petition, carry {@code text} anywhere. */
    static long countContaining(String text) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE strpos(cloud_event, ?1) > 0")
                .setParameter(1, text).getSingleResult()).longValue());
    }

    /** The data of the one event of {@code type} written for the petition (fails unless there is exactly one). */
    static Map<?, ?> onlyData(UUID petitionId, String type) throws Exception {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                        "SELECT cloud_event FROM outbox_event WHERE message_key = ?1 AND event_type = ?2")
                .setParameter(1, petitionId.toString()).setParameter(2, type).getResultList());
        assertThat(rows).as(type + " events").hasSize(1);
        return (Map<?, ?>) new ObjectMapper().readValue((String) rows.get(0), Map.class).get("data");
    }
}
