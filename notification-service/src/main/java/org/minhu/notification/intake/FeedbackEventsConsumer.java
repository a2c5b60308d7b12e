package org.minhu.notification.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.notification.notify.EventRules;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Follows feedback-service's rating rounds: an opened round's close time (the citizen is told a day
 * before, once); a rating or a closed window ends the need for that reminder.
 */
@ApplicationScoped
public class FeedbackEventsConsumer extends EventConsumer {

    private final EventRules rules;

    public FeedbackEventsConsumer(EventConsumption consumption, EventRules rules) {
        super(consumption, FeedbackEvents.NAMESPACE);
        this.rules = rules;
    }

    @Incoming(Topics.FEEDBACK_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return FeedbackEvents.ROUND_OPENED.equals(type) || FeedbackEvents.RECORDED.equals(type)
                || FeedbackEvents.NOT_RATED.equals(type);
    }

    @Override
    public void apply(InboundEvent event) {
        switch (event.type()) {
            case FeedbackEvents.ROUND_OPENED -> rules.roundOpened(event.data(FeedbackEvents.RoundOpened.class));
            case FeedbackEvents.RECORDED -> {
                FeedbackEvents.Recorded r = event.data(FeedbackEvents.Recorded.class);
                rules.roundClosed(r.petitionId(), r.round());
            }
            default -> {
                FeedbackEvents.NotRated r = event.data(FeedbackEvents.NotRated.class);
                rules.roundClosed(r.petitionId(), r.round());
            }
        }
    }
}
