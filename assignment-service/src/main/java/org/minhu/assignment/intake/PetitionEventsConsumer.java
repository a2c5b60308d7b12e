package org.minhu.assignment.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;
import org.minhu.assignment.metrics.AssignmentMetrics;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Dispatches each submitted petition ({@value PetitionEvents#SUBMITTED}). Once per event id
 * ({@link EventConsumption}) and once per petition: a petition published again by
 * petition-service's reconciliation finds its case and stops ({@link CaseService#dispatch}).
 */
@ApplicationScoped
public class PetitionEventsConsumer extends EventConsumer {

    private final CaseService cases;
    private final Event<AssignmentMetrics.Dispatched> dispatched;

    public PetitionEventsConsumer(EventConsumption consumption, CaseService cases,
                                  Event<AssignmentMetrics.Dispatched> dispatched) {
        super(consumption, PetitionEvents.NAMESPACE);
        this.dispatched = dispatched;
        this.cases = cases;
    }

    @Incoming(Topics.PETITION_EVENTS)
    // one event per petition on this channel: nothing to keep in order; at most
    // smallrye.messaging.worker.petition-events.max-concurrency at once, fewer than the database connections
    @Blocking(value = "petition-events", ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return PetitionEvents.SUBMITTED.equals(type);
    }

    @Override
    public void apply(InboundEvent event) {
        PetitionEvents.Submitted p = event.data(PetitionEvents.Submitted.class);
        cases.dispatch(new CaseService.NewCase(p.petitionId(), p.trackingNumber(), p.petitionerId(), p.title(),
                        p.categoryCode(), p.handling(), p.regionCode(), p.townCode()))
                .ifPresent(c -> dispatched.fire(new AssignmentMetrics.Dispatched(p.submittedAt().toInstant(), c.dispatchedAt)));
    }
}
