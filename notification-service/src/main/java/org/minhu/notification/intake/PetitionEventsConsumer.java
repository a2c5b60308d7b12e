package org.minhu.notification.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.notification.notify.EventRules;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Learns each petition from petition-service ({@value PetitionEvents#SUBMITTED}) and tells its petitioner it was accepted. */
@ApplicationScoped
public class PetitionEventsConsumer extends EventConsumer {

    private final EventRules rules;

    public PetitionEventsConsumer(EventConsumption consumption, EventRules rules) {
        super(consumption, PetitionEvents.NAMESPACE);
        this.rules = rules;
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
        rules.submitted(event.id(), event.data(PetitionEvents.Submitted.class));
    }
}
