package org.minhu.notification.intake;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.notification.notify.EventRules;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Follows assignment-service's case events in order (one petition's events share a partition): tells
 * the petitioner and the unit what happened ({@link EventRules}); an event before its petition is
 * retried in place until the petition's submitted event arrives.
 */
@ApplicationScoped
public class CaseEventsConsumer extends EventConsumer {

    static final Set<String> TYPES = Set.of(CaseEvents.ASSIGNED, CaseEvents.SIGNED, CaseEvents.RETURNED, CaseEvents.ANSWERED,
            CaseEvents.REOPENED, CaseEvents.REMINDED, CaseEvents.ESCALATED, CaseEvents.WITHDRAWN, CaseEvents.REFUSED,
            CaseEvents.HANDED_OFF);

    private final EventRules rules;

    public CaseEventsConsumer(EventConsumption consumption, EventRules rules) {
        super(consumption, CaseEvents.NAMESPACE);
        this.rules = rules;
    }

    @Incoming(Topics.CASE_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    @Override
    public void apply(InboundEvent event) {
        rules.caseEvent(event.id(), event.type(), event.data(CaseEvents.Data.class));
    }
}
