package org.minhu.petition.progress;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.inbox.EventConsumption;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.petition.petition.TimelineEntry;

import io.smallrye.common.annotation.Blocking;

/**
 * Shows the citizen how each answer ended: a rating that does not reopen the case makes it
 * RATED; a rating window that closed unrated makes it CLOSED. A rating that reopens the case only
 * adds its timeline entry: REOPENED comes from assignment-service's case event, on another topic,
 * in whichever order. Idempotent by event id; unreadable messages go to the dead-letter topic.
 */
@ApplicationScoped
public class FeedbackEventsConsumer {

    public static final String TOPIC = "minhu.feedback.events";
    private static final String RECORDED = "org.minhu.feedback.recorded";
    private static final String NOT_RATED = "org.minhu.feedback.not-rated";
    private static final String ROUND_OPENED = "org.minhu.feedback.round-opened";

    private final EventConsumption consumption;

    public FeedbackEventsConsumer(EventConsumption consumption) {
        this.consumption = consumption;
    }

    @Incoming(TOPIC)
    @Blocking
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) {
        if (ROUND_OPENED.equals(event.type())) {
            roundOpened(event.data());
            return;
        }
        if (!RECORDED.equals(event.type()) && !NOT_RATED.equals(event.type())) {
            return;
        }
        if (TimelineEntry.count("sourceEventId", event.id()) > 0) {
            return;
        }
        JsonNode data = event.data();
        UUID petitionId = InboundEvent.uuid(data, "petitionId");
        Petition p = Petition.<Petition>findByIdOptional(petitionId)
                .orElseThrow(() -> new InboundEvent.InvalidEventException("unknown petition " + petitionId));
        TimelineEntry entry = new TimelineEntry();
        entry.petitionId = p.id;
        entry.sourceEventId = event.id();
        int round = data.path("round").asInt(1);
        if (RECORDED.equals(event.type())) {
            entry.occurredAt = instant(data, "ratedAt");
            entry.status = PetitionStatus.RATED;
            boolean hotline = "hotline".equals(InboundEvent.optionalText(data, "channel"));
            entry.actorType = hotline ? "GOVERNANCE_CENTRE" : "CITIZEN";
            entry.note = (hotline ? "Call-back (回访) recorded: " : "Rated: ") + InboundEvent.text(data, "satisfaction")
                    + ", " + InboundEvent.text(data, "solved") + " (answer " + round + ")";
            if (!data.path("reopens").asBoolean(false)) {
                outcome(p, round, PetitionStatus.RATED);
            }
        } else {
            entry.occurredAt = instant(data, "windowClosedAt");
            entry.status = PetitionStatus.CLOSED;
            entry.actorType = "PLATFORM";
            entry.note = "Closed: answer " + round + " was not rated within the rating window";
            outcome(p, round, PetitionStatus.CLOSED);
        }
        p.updatedAt = entry.occurredAt.isAfter(p.updatedAt) ? entry.occurredAt : p.updatedAt;
        entry.persist();
    }

    /**
     * The answer of {@code round} ended as {@code outcome}. Shown at once when the petition shows that
     * answer; kept for when its case.answered event, on another topic, arrives after this one.
     */
    private static void outcome(Petition p, int round, PetitionStatus outcome) {
        if (p.outcomeRound == null || round >= p.outcomeRound) {
            p.outcomeRound = round;
            p.outcome = outcome;
        }
        if (p.status == PetitionStatus.ANSWERED && (p.answerRound == null || p.answerRound == round)) {
            p.status = outcome;
        }
    }

    /**
     * Notes the rating round of an answer (the citizen's rating deadline; the reconciliation's sign
     * that feedback-service has the answer). Idempotent: an older round never replaces a newer one.
     */
    private static void roundOpened(JsonNode data) {
        UUID petitionId = InboundEvent.uuid(data, "petitionId");
        Instant answeredAt = required(data, "answeredAt");
        Instant closesAt = required(data, "windowClosesAt");
        Petition p = Petition.<Petition>findByIdOptional(petitionId)
                .orElseThrow(() -> new InboundEvent.InvalidEventException("unknown petition " + petitionId));
        if (p.ratingAnswerAt == null || answeredAt.isAfter(p.ratingAnswerAt)
                || answeredAt.equals(p.ratingAnswerAt) && !closesAt.equals(p.ratingClosesAt)) {
            p.ratingAnswerAt = answeredAt;
            p.ratingClosesAt = closesAt;
        }
    }

    private static Instant required(JsonNode data, String field) {
        if (InboundEvent.optionalText(data, field) == null) {
            throw new InboundEvent.InvalidEventException(field + " is missing");
        }
        return instant(data, field);
    }

    private static Instant instant(JsonNode data, String field) {
        String text = InboundEvent.optionalText(data, field);
        try {
            return text == null ? Instant.now() : OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InboundEvent.InvalidEventException(field + " is not an ISO 8601 date-time");
        }
    }
}
