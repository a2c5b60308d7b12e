package org.minhu.petition.progress;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the citizen how each answer ended (a rating, or a rating window that closed unrated) and
 * until when they may rate it (a round opened), through {@link PetitionProgress}.
 */
@ApplicationScoped
public class FeedbackEventsConsumer extends EventConsumer {

    private final PetitionProgress progress;

    public FeedbackEventsConsumer(EventConsumption consumption, PetitionProgress progress) {
        super(consumption, FeedbackEvents.NAMESPACE);
        this.progress = progress;
    }

    @Incoming(Topics.FEEDBACK_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return switch (type) {
            case FeedbackEvents.RECORDED, FeedbackEvents.NOT_RATED, FeedbackEvents.ROUND_OPENED -> true;
            default -> false;
        };
    }

    @Override
    public void apply(InboundEvent event) {
        switch (event.type()) {
            case FeedbackEvents.RECORDED -> progress.rated(event.id(), event.data(FeedbackEvents.Recorded.class));
            case FeedbackEvents.NOT_RATED -> progress.notRated(event.id(), event.data(FeedbackEvents.NotRated.class));
            default -> progress.roundOpened(event.data(FeedbackEvents.RoundOpened.class));
        }
    }
}
