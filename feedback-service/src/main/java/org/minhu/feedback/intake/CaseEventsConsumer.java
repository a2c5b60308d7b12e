package org.minhu.feedback.intake;

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
 * Follows assignment-service's case events in order (one petition's events share a partition)
 * and hands each to {@link CaseEventOrder}, which applies it or parks it until its petition is known.
 */
@ApplicationScoped
public class CaseEventsConsumer extends EventConsumer {

    private final CaseEventOrder order;

    public CaseEventsConsumer(EventConsumption consumption, CaseEventOrder order) {
        super(consumption, CaseEvents.NAMESPACE);
        this.order = order;
    }

    @Incoming(Topics.CASE_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return true; // every case event is counted or kept in order, the ones CaseProgress does not count included
    }

    @Override
    public void apply(InboundEvent event) throws Exception {
        order.caseEvent(event.type(), event.data(CaseEvents.Data.class));
    }
}
