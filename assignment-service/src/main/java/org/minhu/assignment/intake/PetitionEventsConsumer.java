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
 * Dispatches each submitted petition ({@value PetitionEvents#SUBMITTED}) and puts each addition
 * ({@value PetitionEvents#INFORMATION_ADDED}) into its case's history. Once per event id
 * ({@link EventConsumption}) and once per petition: a petition published again by
 * petition-service's reconciliation finds its case and stops ({@link CaseService#dispatch}).
 */
@ApplicationScoped
public class PetitionEventsConsumer extends EventConsumer {

    /** How long an addition waits for its petition's dispatch, from its first attempt, before it is dead-lettered. */
    static final java.time.Duration WAIT_FOR_DISPATCH = java.time.Duration.ofMinutes(10);

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
        return PetitionEvents.SUBMITTED.equals(type) || PetitionEvents.INFORMATION_ADDED.equals(type);
    }

    @Override
    public void apply(InboundEvent event) {
        if (PetitionEvents.INFORMATION_ADDED.equals(event.type())) {
            PetitionEvents.InformationAdded added = event.data(PetitionEvents.InformationAdded.class);
            // this channel is consumed out of order: an addition made in the first moments may come before its petition's dispatch
            if (!cases.informationAdded(added.petitionId(), added.text(), added.addedAt().toInstant())) {
                // retried for WAIT_FOR_DISPATCH from the first attempt, then dead-lettered: replay it once the petition is dispatched
                throw new InboundEvent.NotYetApplicableException("no case yet for petition " + added.petitionId(), WAIT_FOR_DISPATCH);
            }
            return;
        }
        PetitionEvents.Submitted p = event.data(PetitionEvents.Submitted.class);
        cases.dispatch(new CaseService.NewCase(p.petitionId(), p.trackingNumber(), p.petitionerId(), p.title(),
                        p.categoryCode(), p.handling(), p.regionCode(), p.townCode()))
                .ifPresent(c -> dispatched.fire(new AssignmentMetrics.Dispatched(p.submittedAt().toInstant(), c.dispatchedAt)));
    }
}
