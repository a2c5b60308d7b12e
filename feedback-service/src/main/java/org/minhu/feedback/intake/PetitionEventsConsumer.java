package org.minhu.feedback.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.feedback.rating.PetitionRef;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Learns from petition-service who may rate each petition (its petitioner) and its intake
 * channel and town (hot spots) ({@value PetitionEvents#SUBMITTED}); {@link CaseEventOrder} then applies the case
 * events that were parked waiting for it.
 */
@ApplicationScoped
public class PetitionEventsConsumer extends EventConsumer {

    private final CaseEventOrder order;

    public PetitionEventsConsumer(EventConsumption consumption, CaseEventOrder order) {
        super(consumption, PetitionEvents.NAMESPACE);
        this.order = order;
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
    public void apply(InboundEvent event) throws Exception {
        PetitionEvents.Submitted submitted = event.data(PetitionEvents.Submitted.class);
        PetitionRef ref = new PetitionRef();
        ref.petitionId = submitted.petitionId();
        ref.trackingNumber = submitted.trackingNumber();
        ref.petitionerId = submitted.petitionerId();
        ref.categoryCode = submitted.categoryCode();
        ref.regionCode = submitted.regionCode();
        ref.townCode = submitted.townCode();
        ref.channel = submitted.channel();
        ref.submittedAt = submitted.submittedAt().toInstant();
        order.petition(ref);
    }
}
