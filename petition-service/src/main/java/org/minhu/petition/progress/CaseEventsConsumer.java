package org.minhu.petition.progress;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Follows the case for the citizen: each case event they see ({@link PetitionProgress#shown}), and
 * each that changes which units handle the request ({@link PetitionProgress#followed}), goes to
 * {@link PetitionProgress}, in order (one petition's events share a partition).
 */
@ApplicationScoped
public class CaseEventsConsumer extends EventConsumer {

    private final PetitionProgress progress;

    public CaseEventsConsumer(EventConsumption consumption, PetitionProgress progress) {
        super(consumption, CaseEvents.NAMESPACE);
        this.progress = progress;
    }

    @Incoming(Topics.CASE_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return PetitionProgress.followed(type);
    }

    @Override
    public void apply(InboundEvent event) {
        progress.caseEvent(event.id(), event.type(), event.data(CaseEvents.Data.class));
    }
}
