package org.minhu.feedback.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;


import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.inbox.ProcessedEvents;

import io.smallrye.common.annotation.Blocking;
import org.minhu.common.persistence.NativeWrites;

/**
 * Consumes assignment-service's case events in order (one petition's events share a partition).
 * Idempotent by event id. A case event whose petition has not arrived yet (it comes on another
 * topic) is parked and applied when it does; a message that is not a case event goes to
 * {@value #DEAD_LETTER_TOPIC} with the reason.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    public static final String TOPIC = "minhu.case.events";
    public static final String DEAD_LETTER_TOPIC = "minhu.feedback.dlq";

    private final EventConsumption consumption;
    private final ProcessedEvents processed;
    private final PetitionLocks locks;
    private final CaseProgress progress;
    private final EntityManager em;

    public CaseEventsConsumer(EventConsumption consumption, ProcessedEvents processed, PetitionLocks locks,
                              CaseProgress progress, EntityManager em) {
        this.consumption = consumption;
        this.processed = processed;
        this.locks = locks;
        this.progress = progress;
        this.em = em;
    }

    @Incoming(TOPIC)
    @Blocking
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) {
        if (!event.type().startsWith(CaseProgress.PREFIX)) {
            throw new InboundEvent.InvalidEventException("unexpected event type " + event.type());
        }
        UUID petitionId = InboundEvent.uuid(event.data(), "petitionId");
        InboundEvent.text(event.data(), "unitId");
        InboundEvent.text(event.data(), "regionCode");
        InboundEvent.text(event.data(), "categoryCode");
        if (!processed.firstTime(event.id())) {
            return;
        }
        locks.lock(petitionId);
        PetitionRef petition = PetitionRef.findById(petitionId);
        if (petition == null || parked(petitionId)) {
            NativeWrites.statement(em, "INSERT INTO parked_case_event (petition_id, event_type, data) VALUES (?1, ?2, ?3)", "parked_case_event")
                    .setParameter(1, petitionId).setParameter(2, event.type()).setParameter(3, event.data().toString())
                    .executeUpdate();
            return;
        }
        progress.apply(petition, event.type(), event.data());
    }

    private boolean parked(UUID petitionId) {
        return !em.createNativeQuery("SELECT 1 FROM parked_case_event WHERE petition_id = ?1 LIMIT 1")
                .setParameter(1, petitionId).getResultList().isEmpty();
    }
}
