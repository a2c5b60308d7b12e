package org.minhu.assignment.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.EventConsumer;
import org.minhu.common.inbox.InboundEvent;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reopens (重办) a case when a rating says so ({@value FeedbackEvents#RECORDED} with
 * {@code reopens}), and notes the rating rounds feedback-service opened
 * ({@value FeedbackEvents#ROUND_OPENED}, for {@link org.minhu.assignment.cases.AnswerReconciliation}).
 * Whether a rating reopens is feedback-service's rule, stated in the event: applying it here
 * again would be a second copy of the rule that could drift.
 */
@ApplicationScoped
public class FeedbackEventsConsumer extends EventConsumer {

    private final CaseService cases;

    public FeedbackEventsConsumer(EventConsumption consumption, CaseService cases) {
        super(consumption, FeedbackEvents.NAMESPACE);
        this.cases = cases;
    }

    @Incoming(Topics.FEEDBACK_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Override
    public boolean handles(String type) {
        return FeedbackEvents.RECORDED.equals(type) || FeedbackEvents.ROUND_OPENED.equals(type);
    }

    @Override
    public void apply(InboundEvent event) {
        if (FeedbackEvents.ROUND_OPENED.equals(event.type())) {
            FeedbackEvents.RoundOpened round = event.data(FeedbackEvents.RoundOpened.class);
            cases.ratingRoundOpened(round.petitionId(), round.round());
            return;
        }
        FeedbackEvents.Recorded rating = event.data(FeedbackEvents.Recorded.class);
        if (rating.reopens()) {
            cases.reopen(rating.petitionId(), "rated " + rating.satisfaction() + " / " + rating.solved());
        }
    }
}
