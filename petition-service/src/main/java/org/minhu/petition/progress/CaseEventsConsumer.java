package org.minhu.petition.progress;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventHandler;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.common.annotation.Blocking;

/**
 * Follows the case for the citizen: each case event they see ({@link PetitionProgress#shown})
 * goes to {@link PetitionProgress}, in order (one petition's events share a partition).
 */
@ApplicationScoped
public class CaseEventsConsumer implements EventHandler {

    private final EventConsumption consumption;
    private final PetitionProgress progress;

    public CaseEventsConsumer(EventConsumption consumption, PetitionProgress progress) {
        this.consumption = consumption;
        this.progress = progress;
    }

    @Incoming(Topics.CASE_EVENTS)
    @Blocking
    public void consume(String payload) {
        consumption.consume(payload, this);
    }

    @Override
    public String namespace() {
        return CaseEvents.NAMESPACE;
    }

    @Override
    public boolean handles(String type) {
        return PetitionProgress.shown(type);
    }

    @Override
    public void apply(InboundEvent event) {
        progress.caseEvent(event.id(), event.type(), event.data(CaseEvents.Data.class));
    }
}
