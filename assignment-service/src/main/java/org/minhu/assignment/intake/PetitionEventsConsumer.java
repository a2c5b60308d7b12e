package org.minhu.assignment.intake;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.inbox.ProcessedEvents;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes petition-service's events and dispatches each submitted petition. Idempotent by the
 * CloudEvents id (a redelivered event changes nothing) and by petition (a petition.submitted
 * published again by petition-service's reconciliation finds its case and stops). Transient
 * failures are retried in place; a message that can never be processed goes to the dead-letter
 * topic with the reason ({@link EventConsumption}).
 */
@ApplicationScoped
public class PetitionEventsConsumer {

    /** Channel name = topic name. */
    public static final String TOPIC = "minhu.petition.events";
    public static final String DEAD_LETTER_TOPIC = "minhu.assignment.dlq";
    public static final String SUBMITTED = "org.minhu.petition.submitted";

    private final EventConsumption consumption;
    private final ProcessedEvents processed;
    private final CaseService cases;

    public PetitionEventsConsumer(EventConsumption consumption, ProcessedEvents processed, CaseService cases) {
        this.consumption = consumption;
        this.processed = processed;
        this.cases = cases;
    }

    @Incoming(TOPIC)
    // one event per petition on this channel: nothing to keep in order; at most
    // smallrye.messaging.worker.petition-events.max-concurrency at once, fewer than the database connections
    @Blocking(value = "petition-events", ordered = false)
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) {
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
