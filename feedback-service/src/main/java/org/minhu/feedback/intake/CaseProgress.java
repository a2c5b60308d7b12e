package org.minhu.feedback.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;


import org.minhu.feedback.rating.PetitionRef;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.config.FeedbackConfig;
import org.minhu.feedback.rating.AnswerRound;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.feedback.stats.Aggregates;
import org.minhu.feedback.stats.Counter;

/**
 * Applies one case event of a known petition: follows the case's current round, opens a rating
 * window for each answer (答复), and counts each step in the statistics. Called once per event
 * (the consumers deduplicate by event id).
 */
@ApplicationScoped
public class CaseProgress {

    private final Aggregates aggregates;
    private final FeedbackConfig config;
    private final Outbox outbox;

    public CaseProgress(Aggregates aggregates, FeedbackConfig config, Outbox outbox) {
        this.aggregates = aggregates;
        this.config = config;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(PetitionRef petition, String type, CaseEvents.Data data) {
        Instant at = data.occurredAt().toInstant();
        String unitId = data.unitId();
        Aggregates.Key key = new Aggregates.Key(data.regionCode(), unitId, data.categoryCode(), petition.channel);
        CaseTrack track = track(petition, data, unitId);
        Map<Counter, Integer> counts = new EnumMap<>(Counter.class);
        switch (type) {
            case CaseEvents.ASSIGNED -> {
                counts.put(Counter.DISPATCHED, track.roundAssignments == 0 && track.round == 1 ? 1 : 0);
                counts.put(Counter.ASSIGNMENTS, 1);
                track.roundAssignments++;
                track.unitId = unitId;
                track.dispatchedAt = instant(data.dispatchedAt());
                track.signDeadline = instant(data.signDeadline());
                track.answerDeadline = instant(data.answerDeadline());
                track.signedAt = null;
            }
            case CaseEvents.SIGNED -> {
                track.signedAt = at;
                counts.put(Counter.SIGNED, 1);
                counts.put(Counter.SIGNED_WITHIN_LIMIT, track.signDeadline == null || !at.isAfter(track.signDeadline) ? 1 : 0);
            }
            case CaseEvents.RETURNED -> {
                String actor = data.actor();
                key = actor == null || "system".equals(actor) ? key
                        : new Aggregates.Key(key.regionCode(), actor, key.categoryCode(), key.channel());
                track.roundReturns++;
                counts.put(Counter.RETURNED, 1);
            }
            case CaseEvents.EXTENDED -> {
                track.roundExtended = true;
                track.answerDeadline = instant(data.answerDeadline());
                counts.put(Counter.EXTENDED, 1);
            }
            case CaseEvents.REMINDED -> counts.put(Counter.REMINDED, 1);
            case CaseEvents.ESCALATED -> {
                track.roundEscalated = true;
                counts.put(Counter.ESCALATED, 1);
                counts.put(Counter.OVERDUE, track.roundOverdue ? 0 : 1);
                track.roundOverdue = true;
            }
            case CaseEvents.ANSWERED -> answered(petition, track, data, at, key, counts);
            case CaseEvents.REOPENED -> {
                counts.put(Counter.REOPENED, 1);
                AnswerRound.update("reopened = true where petitionId = ?1 and round = ?2", petition.petitionId, track.round);
                track.round = data.reopenCount() == null ? track.round + 1 : data.round();
                track.roundAssignments = 1; // back to the same unit: one hop in the new round
                track.roundReturns = 0;
                track.roundExtended = false;
                track.roundEscalated = false;
                track.roundOverdue = false;
                track.answerDeadline = instant(data.answerDeadline());
            }
            case CaseEvents.WITHDRAWN, CaseEvents.REFUSED, CaseEvents.HANDED_OFF -> {
                // no answer round: such a request is never rated, so the satisfaction and resolution rates leave it out
                counts.put(switch (type) {
                    case CaseEvents.WITHDRAWN -> Counter.WITHDRAWN;
                    case CaseEvents.REFUSED -> Counter.REFUSED;
                    default -> Counter.HANDED_OFF;
                }, 1);
                counts.put(Counter.CLOSED_BEFORE_SIGNING, "ASSIGNED".equals(data.previousStatus()) ? 1 : 0);
            }
            default -> {
                // co-handler-added, extension-requested, extension-denied: shown by petition-service, not counted
            }
        }
        aggregates.add(at, key, counts);
    }

    private void answered(PetitionRef petition, CaseTrack track, CaseEvents.Data data, Instant at, Aggregates.Key key,
                          Map<Counter, Integer> counts) {
        int round = data.round();
        track.round = round;
        Instant deadline = instant(data.answerDeadline());
        boolean onTime = deadline == null || !at.isAfter(deadline);
        AnswerRound existing = AnswerRound.find("petitionId = ?1 and round = ?2", petition.petitionId, round).firstResult();
        if (existing != null) {
            // this answer was counted already: an answer published again by reconciliation is told its
            // round is open (again), so that the reconciliation stops asking
            roundOpened(existing);
            return;
        }
        AnswerRound r = new AnswerRound();
        r.id = UUID.randomUUID();
        r.petitionId = petition.petitionId;
        r.round = round;
        r.caseId = data.caseId();
        r.trackingNumber = petition.trackingNumber;
        r.unitId = key.unitId();
        r.regionCode = key.regionCode();
        r.categoryCode = key.categoryCode();
        r.channel = petition.channel;
        r.dispatchedAt = track.dispatchedAt;
        r.signDeadline = track.signDeadline;
        r.signedAt = track.signedAt;
        r.answerDeadline = deadline;
        r.answeredAt = at;
        r.answeredOnTime = onTime;
        r.assignments = Math.max(1, track.roundAssignments);
        r.returns = track.roundReturns;
        r.extended = track.roundExtended;
        r.escalated = track.roundEscalated;
        r.windowClosesAt = at.plus(config.ratingWindow());
        r.outcome = AnswerRound.Outcome.OPEN;
        r.persist();
        roundOpened(r);
        counts.put(Counter.ANSWERED, 1);
        counts.put(Counter.ANSWERED_ON_TIME, onTime ? 1 : 0);
        counts.put(Counter.HOPS, r.assignments);
        counts.put(Counter.OVERDUE, onTime || track.roundOverdue ? 0 : 1);
        counts.put(Counter.RE_REVIEWED, round >= 2 ? 1 : 0);
        track.roundOverdue |= !onTime;
    }

    /**
     * Tells the services that wait for a round that it is open; without this event their
     * reconciliation publishes the answer (assignment-service) or the petition (petition-service) again.
     */
    private void roundOpened(AnswerRound r) {
        outbox.append(Topics.FEEDBACK_EVENTS, FeedbackEvents.ROUND_OPENED, r.petitionId.toString(), r.answeredAt,
                new FeedbackEvents.RoundOpened(r.petitionId, r.caseId, r.round, ChinaTime.of(r.answeredAt),
                        ChinaTime.of(r.windowClosesAt)));
    }

    private static CaseTrack track(PetitionRef petition, CaseEvents.Data data, String unitId) {
        CaseTrack track = CaseTrack.findById(petition.petitionId);
        if (track == null) {
            track = new CaseTrack();
            track.petitionId = petition.petitionId;
            track.caseId = data.caseId();
            track.round = data.round();
            track.unitId = unitId;
            track.regionCode = data.regionCode();
            track.categoryCode = data.categoryCode();
            track.dispatchedAt = instant(data.dispatchedAt());
            track.signDeadline = instant(data.signDeadline());
            track.answerDeadline = instant(data.answerDeadline());
            track.persist();
        }
        return track;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
