package org.minhu.common.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.minhu.common.persistence.NativeWrites;

/**
 * The consumers' memory of events already processed: an event id seen twice changes nothing.
 * Each service owns its {@code processed_event (event_id uuid PRIMARY KEY, processed_at timestamptz)} table.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** Records the event in the caller's transaction; false when it was processed before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId) {
        return NativeWrites.statement(em, "INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT DO NOTHING", "processed_event")
                .setParameter(1, eventId).executeUpdate() == 1;
    }
}
