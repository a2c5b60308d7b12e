package org.minhu.feedback.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.inbox.ProcessedEvents;

import io.smallrye.reactive.messaging.annotations.Blocking;
import org.minhu.common.persistence.NativeWrites;

/**
 * Learns from petition-service who may rate each petition (its petitioner) and its intake
 * channel, then applies the case events that were parked waiting for it, in arrival order.
 */
@ApplicationScoped
public class PetitionEventsConsumer {

    public static final String TOPIC = "minhu.petition.events";
    public static final String SUBMITTED = "org.minhu.petition.submitted";

    private final EventConsumption consumption;
    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final PetitionLocks locks;
    private final CaseProgress progress;
    private final EntityManager em;

    public PetitionEventsConsumer(EventConsumption consumption, ObjectMapper mapper, ProcessedEvents processed, PetitionLocks locks,
                                  CaseProgress progress, EntityManager em) {
        this.consumption = consumption;
        this.mapper = mapper;
        this.processed = processed;
        this.locks = locks;
        this.progress = progress;
        this.em = em;
    }

    @Incoming(TOPIC)
    // one event per petition on this channel: nothing to keep in order; at most
    // smallrye.messaging.worker.petition-events.max-concurrency at once, fewer than the database connections
    @Blocking(value = "petition-events", ordered = false)
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) throws Exception {
        if (!SUBMITTED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        PetitionRef ref = new PetitionRef();
        ref.petitionId = InboundEvent.uuid(data, "petitionId");
        ref.trackingNumber = InboundEvent.text(data, "trackingNumber");
        ref.petitionerId = InboundEvent.text(data, "petitionerId");
        ref.categoryCode = InboundEvent.text(data, "categoryCode");
        ref.regionCode = InboundEvent.text(data, "regionCode");
        ref.channel = InboundEvent.text(data, "channel");
        try {
            ref.submittedAt = OffsetDateTime.parse(InboundEvent.text(data, "submittedAt")).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InboundEvent.InvalidEventException("submittedAt is not an ISO 8601 date-time");
        }
        if (!processed.firstTime(event.id())) {
            return;
        }
        locks.lock(ref.petitionId);
        if (PetitionRef.findById(ref.petitionId) != null) {
            return;
        }
        ref.persist();
        @SuppressWarnings("unchecked")
        List<Object[]> parked = em.createNativeQuery(
                        "SELECT seq, event_type, data FROM parked_case_event WHERE petition_id = ?1 ORDER BY seq")
                .setParameter(1, ref.petitionId).getResultList();
        for (Object[] row : parked) {
            progress.apply(ref, (String) row[1], mapper.readTree((String) row[2]));
        }
        if (!parked.isEmpty()) {
            NativeWrites.statement(em, "DELETE FROM parked_case_event WHERE petition_id = ?1", "parked_case_event")
                    .setParameter(1, ref.petitionId).executeUpdate();
        }
    }

}
