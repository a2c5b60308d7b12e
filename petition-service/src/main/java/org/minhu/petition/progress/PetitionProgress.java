package org.minhu.petition.progress;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.petition.petition.TimelineEntry;

/**
 * What the citizen sees of the handling of their request: each case event moves the petition's
 * status and adds a timeline entry, with the unit's name and reply (never a staff member's name);
 * each rating, or a rating window that closed unrated, ends the answer it concerns. Called once
 * per event (the consumers record event ids), inside the consumer's transaction.
 */
@ApplicationScoped
public class PetitionProgress {

    /** The case events the citizen sees; reminders, extension requests and co-handlers are the units' business. */
    public static boolean shown(String caseEventType) {
        return switch (caseEventType) {
            case CaseEvents.ASSIGNED, CaseEvents.SIGNED, CaseEvents.RETURNED, CaseEvents.EXTENDED, CaseEvents.ESCALATED,
                 CaseEvents.ANSWERED, CaseEvents.REOPENED, CaseEvents.WITHDRAWN, CaseEvents.REFUSED,
                 CaseEvents.HANDED_OFF -> true;
            default -> false;
        };
    }

    /**
     * The case events petition-service applies: those the citizen sees, and the addition of a
     * co-handler, which changes who may read the request but is not shown.
     */
    public static boolean followed(String caseEventType) {
        return shown(caseEventType) || CaseEvents.CO_HANDLER_ADDED.equals(caseEventType);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseEvent(UUID eventId, String type, CaseEvents.Data data) {
        Petition p = petition(data.petitionId());
        handlers(p, type, data);
        if (!shown(type)) {
            return;
        }
        Instant at = data.occurredAt().toInstant();
        String unitZh = data.unitNameZh();
        TimelineEntry entry = entry(p, eventId, at, "UNIT", unitZh);
        switch (type) {
            case CaseEvents.ASSIGNED -> {
                String action = data.action() == null ? "dispatch" : data.action();
                entry.status = PetitionStatus.ASSIGNED;
                entry.actorType = "dispatch".equals(action) ? "PLATFORM" : "GOVERNANCE_CENTRE";
                entry.note = switch (action) {
                    case "transfer" -> "Transferred to " + unitZh;
                    case "redispatch" -> "Re-dispatched to " + unitZh;
                    case "insist" -> "Sent back to " + unitZh + " to handle";
                    default -> "Dispatched to " + unitZh;
                };
                p.unitNameZh = unitZh;
                p.unitNameEn = data.unitNameEn();
                p.answerDeadline = instant(data.answerDeadline(), p.answerDeadline);
            }
            case CaseEvents.SIGNED -> {
                entry.status = PetitionStatus.ACCEPTED;
                entry.note = "Signed for by " + unitZh;
            }
            case CaseEvents.RETURNED -> {
                entry.status = PetitionStatus.RETURNED;
                entry.note = "Returned by " + unitZh + "; the governance centre decides where it goes";
            }
            case CaseEvents.EXTENDED -> {
                entry.status = PetitionStatus.EXTENDED;
                p.answerDeadline = instant(data.answerDeadline(), p.answerDeadline);
                entry.note = "More time granted: answer due " + data.answerDeadline();
            }
            case CaseEvents.ESCALATED -> {
                entry.status = PetitionStatus.ESCALATED;
                entry.actorType = "PLATFORM";
                entry.actorName = null;
                entry.note = "Overdue: escalated to the supervising unit (督办)";
            }
            case CaseEvents.ANSWERED -> {
                entry.status = PetitionStatus.ANSWERED;
                entry.note = data.reply();
                p.reply = data.reply();
                p.answeredAt = at;
                p.answerRound = data.round();
            }
            case CaseEvents.REOPENED -> {
                entry.status = PetitionStatus.REOPENED;
                entry.actorType = "PLATFORM";
                entry.actorName = null;
                entry.note = "Reopened for re-handling (重办) after your rating";
                p.answerDeadline = instant(data.answerDeadline(), p.answerDeadline);
            }
            case CaseEvents.WITHDRAWN -> {
                entry.status = PetitionStatus.WITHDRAWN;
                entry.actorType = "CITIZEN";
                entry.actorName = null;
                entry.note = "Withdrawn by the petitioner (" + data.reasonCode() + ")"
                        + (data.reason() == null ? "" : ": " + data.reason());
                entry.reasonCode = data.reasonCode();
            }
            case CaseEvents.REFUSED -> {
                entry.status = PetitionStatus.REJECTED;
                entry.actorType = "GOVERNANCE_CENTRE";
                entry.actorName = null;
                entry.note = "Not accepted (不予受理, " + data.reasonCode() + "); where to turn instead: " + data.route()
                        + (data.reason() == null ? "" : ". " + data.reason());
                entry.reasonCode = data.reasonCode();
                entry.route = data.route();
            }
            case CaseEvents.HANDED_OFF -> {
                entry.status = PetitionStatus.HANDED_OFF;
                entry.actorType = "GOVERNANCE_CENTRE";
                entry.actorName = null;
                entry.note = "Handed to " + (data.route() == null ? data.reasonCode() : data.route())
                        + (data.reason() == null ? "" : ": " + data.reason());
                entry.reasonCode = data.reasonCode();
                entry.route = data.route();
            }
            default -> {
                return; // shown(type) is checked above
            }
        }
        p.status = entry.status;
        if (entry.status == PetitionStatus.ANSWERED && p.outcome != null && p.answerRound.equals(p.outcomeRound)) {
            // the rating (or its window's end) came first, on feedback-service's topic: the answer is already rated
            p.status = p.outcome;
        }
        record(p, entry);
    }

    /**
     * Who handles the request now, which decides which units' staff may read it: every case event
     * names the case's lead unit (a transfer or re-dispatch names the new one); case.assigned and
     * case.co-handler-added list all its co-handling units. A co-handler-added event from an earlier
     * assignment-service, which named the added unit only in {@code reason}, adds that one. Every
     * event also says which unit supervises the case when it is overdue (督办, {@code escalatedTo}),
     * or none.
     */
    private static void handlers(Petition p, String type, CaseEvents.Data data) {
        p.handlingUnitId = data.unitId();
        p.supervisingUnitId = data.escalatedTo();
        if (data.coUnitIds() != null && (CaseEvents.ASSIGNED.equals(type) || CaseEvents.CO_HANDLER_ADDED.equals(type))) {
            p.coUnitIds = data.coUnitIds().toArray(String[]::new);
        } else if (CaseEvents.CO_HANDLER_ADDED.equals(type) && data.reason() != null
                && !Arrays.asList(p.coUnitIds).contains(data.reason())) {
            String[] more = Arrays.copyOf(p.coUnitIds, p.coUnitIds.length + 1);
            more[p.coUnitIds.length] = data.reason();
            p.coUnitIds = more;
        }
    }

    /**
     * A rating: a rating that does not reopen the case makes it RATED; one that reopens it only adds
     * its timeline entry (REOPENED comes from assignment-service's case event, on another topic, in
     * whichever order).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rated(UUID eventId, FeedbackEvents.Recorded rating) {
        Petition p = petition(rating.petitionId());
        boolean hotline = "hotline".equals(rating.channel());
        TimelineEntry entry = entry(p, eventId, rating.ratedAt().toInstant(), hotline ? "GOVERNANCE_CENTRE" : "CITIZEN", null);
        entry.status = PetitionStatus.RATED;
        entry.note = (hotline ? "Call-back (回访) recorded: " : "Rated: ") + rating.satisfaction() + ", " + rating.solved()
                + " (answer " + rating.round() + ")";
        if (!rating.reopens()) {
            outcome(p, rating.round(), PetitionStatus.RATED);
        }
        record(p, entry);
    }

    /** A rating window closed unrated: the answer ends CLOSED. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notRated(UUID eventId, FeedbackEvents.NotRated notRated) {
        Petition p = petition(notRated.petitionId());
        TimelineEntry entry = entry(p, eventId, notRated.windowClosedAt().toInstant(), "PLATFORM", null);
        entry.status = PetitionStatus.CLOSED;
        entry.note = "Closed: answer " + notRated.round() + " was not rated within the rating window";
        outcome(p, notRated.round(), PetitionStatus.CLOSED);
        record(p, entry);
    }

    /**
     * Notes the rating round of an answer (the citizen's rating deadline; the reconciliation's sign
     * that feedback-service has the answer). An older round never replaces a newer one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void roundOpened(FeedbackEvents.RoundOpened round) {
        Petition p = petition(round.petitionId());
        Instant answeredAt = round.answeredAt().toInstant();
        Instant closesAt = round.windowClosesAt().toInstant();
        if (p.ratingAnswerAt == null || answeredAt.isAfter(p.ratingAnswerAt)
                || answeredAt.equals(p.ratingAnswerAt) && !closesAt.equals(p.ratingClosesAt)) {
            p.ratingAnswerAt = answeredAt;
            p.ratingClosesAt = closesAt;
        }
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

    private static Petition petition(UUID petitionId) {
        return Petition.<Petition>findByIdOptional(petitionId)
                .orElseThrow(() -> new InboundEvent.InvalidEventException("unknown petition " + petitionId));
    }

    private static TimelineEntry entry(Petition p, UUID eventId, Instant at, String actorType, String actorName) {
        TimelineEntry entry = new TimelineEntry();
        entry.petitionId = p.id;
        entry.sourceEventId = eventId;
        entry.occurredAt = at;
        entry.actorType = actorType;
        entry.actorName = actorName;
        return entry;
    }

    private static void record(Petition p, TimelineEntry entry) {
        p.updatedAt = entry.occurredAt.isAfter(p.updatedAt) ? entry.occurredAt : p.updatedAt;
        entry.persist();
    }

    private static Instant instant(OffsetDateTime at, Instant fallback) {
        return at == null ? fallback : at.toInstant();
    }
}
