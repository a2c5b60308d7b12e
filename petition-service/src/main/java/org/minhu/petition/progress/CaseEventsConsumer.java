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
 * Follows the case: each case event moves the citizen's status and adds a timeline entry, with
 * the unit's name and reply (never a staff member's name). Idempotent: the entry remembers the
 * event id, and an event already applied changes nothing. A message that cannot be applied goes
 * to {@value #DEAD_LETTER_TOPIC} with the reason.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    public static final String TOPIC = "minhu.case.events";
    public static final String DEAD_LETTER_TOPIC = "minhu.petition.dlq";

    private static final String PREFIX = "org.minhu.case.";

    private final EventConsumption consumption;

    public CaseEventsConsumer(EventConsumption consumption) {
        this.consumption = consumption;
    }

    @Incoming(TOPIC)
    @Blocking
    public void consume(String payload) {
        consumption.consume(payload, this::handle);
    }

    private void handle(InboundEvent event) {
        UUID eventId = event.id();
        String type = event.type();
        if (!type.startsWith(PREFIX)) {
            throw new InboundEvent.InvalidEventException("unexpected event type " + type);
        }
        if (TimelineEntry.count("sourceEventId", eventId) > 0) {
            return;
        }
        JsonNode data = event.data();
        UUID petitionId = InboundEvent.uuid(data, "petitionId");
        Petition p = Petition.<Petition>findByIdOptional(petitionId)
                .orElseThrow(() -> new InboundEvent.InvalidEventException("unknown petition " + petitionId));
        Instant at = instant(data.path("occurredAt"), Instant.now());
        String unitZh = text(data, "unitNameZh");
        TimelineEntry entry = new TimelineEntry();
        entry.petitionId = p.id;
        entry.occurredAt = at;
        entry.sourceEventId = eventId;
        entry.actorType = "UNIT";
        entry.actorName = unitZh;
        String action = text(data, "action");
        switch (type.substring(PREFIX.length())) {
            case "assigned" -> {
                entry.status = PetitionStatus.ASSIGNED;
                entry.actorType = "dispatch".equals(action) ? "PLATFORM" : "GOVERNANCE_CENTRE";
                entry.note = switch (action == null ? "dispatch" : action) {
                    case "transfer" -> "Transferred to " + unitZh;
                    case "redispatch" -> "Re-dispatched to " + unitZh;
                    case "insist" -> "Sent back to " + unitZh + " to handle";
                    default -> "Dispatched to " + unitZh;
                };
                p.unitNameZh = unitZh;
                p.unitNameEn = text(data, "unitNameEn");
                p.answerDeadline = instant(data.path("answerDeadline"), p.answerDeadline);
            }
            case "signed" -> {
                entry.status = PetitionStatus.ACCEPTED;
                entry.note = "Signed for by " + unitZh;
            }
            case "returned" -> {
                entry.status = PetitionStatus.RETURNED;
                entry.note = "Returned by " + unitZh + "; the governance centre decides where it goes";
            }
            case "extended" -> {
                entry.status = PetitionStatus.EXTENDED;
                p.answerDeadline = instant(data.path("answerDeadline"), p.answerDeadline);
                entry.note = "More time granted: answer due " + text(data, "answerDeadline");
            }
            case "escalated" -> {
                entry.status = PetitionStatus.ESCALATED;
                entry.actorType = "PLATFORM";
                entry.actorName = null;
                entry.note = "Overdue: escalated to the supervising unit (督办)";
            }
            case "answered" -> {
                entry.status = PetitionStatus.ANSWERED;
                entry.note = text(data, "reply");
                p.reply = text(data, "reply");
                p.answeredAt = at;
                p.answerRound = data.path("reopenCount").asInt(0) + 1;
            }
            case "reopened" -> {
                entry.status = PetitionStatus.REOPENED;
                entry.actorType = "PLATFORM";
                entry.actorName = null;
                entry.note = "Reopened for re-handling (重办) after your rating";
                p.answerDeadline = instant(data.path("answerDeadline"), p.answerDeadline);
            }
            default -> {
                return; // case events the citizen does not see (reminders, extension requests, co-handlers)
            }
        }
        p.status = entry.status;
        if (entry.status == PetitionStatus.ANSWERED && p.outcome != null && p.answerRound.equals(p.outcomeRound)) {
            // the rating (or its window's end) came first, on feedback-service's topic: the answer is already rated
            p.status = p.outcome;
        }
        p.updatedAt = at.isAfter(p.updatedAt) ? at : p.updatedAt;
        entry.persist();
    }

    private static String text(JsonNode node, String field) {
        return InboundEvent.optionalText(node, field);
    }

    private static Instant instant(JsonNode node, Instant fallback) {
        return node == null || node.isMissingNode() || node.isNull() ? fallback : OffsetDateTime.parse(node.asText()).toInstant();
    }
}
