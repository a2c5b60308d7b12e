package org.minhu.assignment.intake;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;


import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.inbox.ProcessedEvents;

import io.smallrye.common.annotation.Blocking;

/**
 * Reopens (重办) a case when the citizen's rating says unsatisfied or not solved, and notes the
 * rating rounds feedback-service opened (for {@link org.minhu.assignment.cases.AnswerReconciliation}).
 * Consumes feedback-service's {@value #RECORDED} and {@value #ROUND_OPENED} events, idempotent by
 * event id (a round is only ever raised); transient failures are retried in place, unprocessable
 * messages go to the dead-letter topic.
 */
@ApplicationScoped
public class FeedbackEventsConsumer {

    public static final String TOPIC = "minhu.feedback.events";
    public static final String RECORDED = "org.minhu.feedback.recorded";
    public static final String ROUND_OPENED = "org.minhu.feedback.round-opened";

    private final EventConsumption consumption;
    private final ProcessedEvents processed;
    private final CaseService cases;

    public FeedbackEventsConsumer(EventConsumption consumption, ProcessedEvents processed, CaseService cases) {
        this.consumption = consumption;
        this.processed = processed;
        this.cases = cases;
    }

    @Incoming(TOPIC)
    @Blocking
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) {
        if (ROUND_OPENED.equals(event.type())) {
            JsonNode round = event.data().path("round");
            if (!round.isInt() || round.intValue() < 1) {
                throw new InboundEvent.InvalidEventException("round must be a positive integer");
            }
            cases.ratingRoundOpened(InboundEvent.uuid(event.data(), "petitionId"), round.intValue());
            return;
        }
        if (!RECORDED.equals(event.type())) {
            return;
        }
        UUID petitionId = InboundEvent.uuid(event.data(), "petitionId");
        String satisfaction = InboundEvent.text(event.data(), "satisfaction");
        String solved = InboundEvent.text(event.data(), "solved");
        // whether a rating reopens the case (重办) is feedback-service's rule (AnswerRound.reopens), stated in
        // the event; applying it here again would be a second copy of the rule that could drift
        JsonNode reopens = event.data().path("reopens");
        if (!reopens.isBoolean()) {
            throw new InboundEvent.InvalidEventException("missing reopens (a boolean)");
        }
        if (processed.firstTime(event.id()) && reopens.booleanValue()) {
            cases.reopen(petitionId, "rated " + satisfaction + " / " + solved);
        }
    }
}
