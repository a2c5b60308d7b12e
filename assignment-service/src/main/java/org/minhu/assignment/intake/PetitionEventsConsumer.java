package org.minhu.assignment.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.inbox.ProcessedEvents;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes petition-service's events and dispatches each submitted petition. Idempotent by the
 * CloudEvents id (a redelivered event changes nothing). A message that cannot be processed is
 * sent to the dead-letter topic with the reason, and the partition keeps flowing
 * (failure-strategy=dead-letter-queue).
 */
@ApplicationScoped
public class PetitionEventsConsumer {

    /** Channel name = topic name. */
    public static final String TOPIC = "minhu.petition.events";
    public static final String DEAD_LETTER_TOPIC = "minhu.assignment.dlq";
    public static final String SUBMITTED = "org.minhu.petition.submitted";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final CaseService cases;

    public PetitionEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, CaseService cases) {
        this.mapper = mapper;
        this.processed = processed;
        this.cases = cases;
    }

    @Incoming(TOPIC)
    // one event per petition on this channel: nothing to keep in order; at most
    // smallrye.messaging.worker.petition-events.max-concurrency at once, fewer than the database connections
    @Blocking(value = "petition-events", ordered = false)
    @Transactional
    public void consume(String payload) {
        InboundEvent event = InboundEvent.parse(mapper, payload);
        if (!SUBMITTED.equals(event.type())) {
            return; // other petition events are not dispatch's business
        }
        JsonNode data = event.data();
        CaseService.NewCase request = new CaseService.NewCase(
                InboundEvent.uuid(data, "petitionId"), InboundEvent.text(data, "trackingNumber"),
                InboundEvent.text(data, "petitionerId"), InboundEvent.text(data, "title"),
                InboundEvent.text(data, "categoryCode"), InboundEvent.text(data, "handling"),
                InboundEvent.text(data, "regionCode"), InboundEvent.optionalText(data, "townCode"));
        if (processed.firstTime(event.id())) {
            cases.dispatch(request);
        }
    }
}
