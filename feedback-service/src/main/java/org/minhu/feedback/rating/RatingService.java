package org.minhu.feedback.rating;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.minhu.common.events.Topics;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.caller.FeedbackCaller;
import org.minhu.feedback.metrics.FeedbackMetrics;
import org.minhu.feedback.stats.Aggregates;
import org.minhu.feedback.stats.Counter;

/**
 * 回访评价: one rating per answer round, by the petitioner (or hotline staff on their behalf),
 * while the round's window is open. The rating, its statistics and its event are one transaction.
 */
@ApplicationScoped
public class RatingService {

    private final Outbox outbox;
    private final Aggregates aggregates;
    private final Event<FeedbackMetrics.Rated> rated;

    public RatingService(Outbox outbox, Aggregates aggregates, Event<FeedbackMetrics.Rated> rated) {
        this.outbox = outbox;
        this.rated = rated;
        this.aggregates = aggregates;
    }

    @Transactional
    public RatingViews.Rating rate(UUID petitionId, FeedbackCaller caller, RatingViews.NewRating body) {
        PetitionRef petition = visiblePetition(petitionId, caller);
        RatingChannel channel = channelFor(caller, body.channel());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AnswerRound r = AnswerRound.<AnswerRound>find("petitionId = ?1 order by round desc", petitionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (r == null) {
            throw conflict("Petition " + petitionId + " has not been answered yet: there is nothing to rate");
        }
        if (r.outcome == AnswerRound.Outcome.RATED) {
            throw conflict("Round " + r.round + " of petition " + petitionId + " was already rated at "
                    + ChinaTime.of(r.ratedAt) + "; a reopened case can be rated again after its next answer");
        }
        if (r.outcome == AnswerRound.Outcome.NOT_RATED || !now.isBefore(r.windowClosesAt)) {
            throw conflict("The rating window of round " + r.round + " closed at " + ChinaTime.of(r.windowClosesAt));
        }
        String callBack = null;
        if (caller instanceof FeedbackCaller.CallCentre) {
            callBack = callBackBasis(petition, r);
        }
        r.outcome = AnswerRound.Outcome.RATED;
        r.satisfaction = body.satisfaction();
        r.solved = body.solved();
        r.comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
        r.ratingChannel = channel.code;
        r.recordedBy = caller instanceof FeedbackCaller.CallCentre staff ? staff.staffId() : null;
        r.callBack = callBack;
        r.ratedAt = now;
        r.closedAt = now;

        boolean reopens = AnswerRound.reopens(r.satisfaction, r.solved);
        aggregates.add(r.answeredAt, r.statsKey(), ratingCounts(r.satisfaction, r.solved, r.round));
        outbox.append(Topics.FEEDBACK_EVENTS, FeedbackEvents.RECORDED, petitionId.toString(), now,
                new FeedbackEvents.Recorded(petitionId, r.round, r.satisfaction.name(), r.solved.name(), r.ratingChannel, reopens,
                        ChinaTime.of(now)));
        rated.fire(new FeedbackMetrics.Rated(r.satisfaction.name(), r.solved.name(), r.ratingChannel));
        return RatingViews.Rating.of(r);
    }

    /**
     * What one rating adds to the statistics of its round: one satisfaction counter, one solved
     * counter, and a re-reviewed round (2 and later) closed when the rating does not reopen the case.
     */
    static Map<Counter, Integer> ratingCounts(Satisfaction satisfaction, Solved solved, int round) {
        Map<Counter, Integer> counts = new EnumMap<>(Counter.class);
        counts.put(switch (satisfaction) {
            case SATISFIED -> Counter.SATISFIED;
            case BASICALLY_SATISFIED -> Counter.BASICALLY_SATISFIED;
            case UNSATISFIED -> Counter.UNSATISFIED;
        }, 1);
        counts.put(switch (solved) {
            case SOLVED -> Counter.SOLVED;
            case PARTLY_SOLVED -> Counter.PARTLY_SOLVED;
            case NOT_SOLVED -> Counter.NOT_SOLVED;
        }, 1);
        counts.put(Counter.CLOSED_AFTER_RE_REVIEW, round >= 2 && !AnswerRound.reopens(satisfaction, solved) ? 1 : 0);
        return counts;
    }

    /**
     * The petitioner accepts a call-back (回访) for the round open now: hotline staff may then record
     * its rating on their behalf. Accepting again changes nothing.
     */
    @Transactional
    public RatingViews.CallBackAcceptance acceptCallBack(UUID petitionId, FeedbackCaller caller) {
        if (!(caller instanceof FeedbackCaller.Citizen)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Only the petitioner accepts a call-back"));
        }
        visiblePetition(petitionId, caller);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AnswerRound r = AnswerRound.<AnswerRound>find("petitionId = ?1 order by round desc", petitionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (r == null) {
            throw conflict("Petition " + petitionId + " has not been answered yet: there is no call-back to accept");
        }
        if (r.outcome == AnswerRound.Outcome.RATED) {
            throw conflict("Round " + r.round + " of petition " + petitionId + " was already rated at " + ChinaTime.of(r.ratedAt));
        }
        if (r.outcome == AnswerRound.Outcome.NOT_RATED || !now.isBefore(r.windowClosesAt)) {
            throw conflict("The rating window of round " + r.round + " closed at " + ChinaTime.of(r.windowClosesAt));
        }
        if (r.callBackAcceptedAt == null) {
            r.callBackAcceptedAt = now;
        }
        return new RatingViews.CallBackAcceptance(petitionId, r.round, ChinaTime.of(r.callBackAcceptedAt),
                ChinaTime.of(r.windowClosesAt));
    }

    @Transactional
    public RatingViews.PetitionFeedback feedback(UUID petitionId, FeedbackCaller caller) {
        visiblePetition(petitionId, caller);
        Instant now = Instant.now();
        List<RatingViews.Round> rounds = AnswerRound.<AnswerRound>list("petitionId = ?1 order by round", petitionId)
                .stream().map(r -> RatingViews.Round.of(r, now, caller instanceof FeedbackCaller.CallCentre)).toList();
        Integer open = rounds.isEmpty() || !"OPEN".equals(rounds.get(rounds.size() - 1).status()) ? null
                : rounds.get(rounds.size() - 1).round();
        return new RatingViews.PetitionFeedback(petitionId, open, rounds);
    }

    /** The petition, when the caller may see it; 404 otherwise, so that nobody learns what is not theirs. */
    private static PetitionRef visiblePetition(UUID petitionId, FeedbackCaller caller) {
        PetitionRef petition = PetitionRef.findById(petitionId);
        boolean visible = petition != null
                && (caller instanceof FeedbackCaller.Citizen citizen ? citizen.subject().equals(petition.petitionerId)
                : ((FeedbackCaller.CallCentre) caller).covers(petition.regionCode));
        if (!visible) {
            throw ProblemException.notFound("No petition " + petitionId + " that you may rate");
        }
        return petition;
    }

    static RatingChannel channelFor(FeedbackCaller caller, RatingChannel requested) {
        if (caller instanceof FeedbackCaller.CallCentre) {
            if (requested != null && requested != RatingChannel.HOTLINE) {
                throw ProblemException.unknownValue("channel", requested.code, "hotline staff record call-backs on channel hotline");
            }
            return RatingChannel.HOTLINE;
        }
        if (requested == RatingChannel.HOTLINE) {
            throw ProblemException.unknownValue("channel", requested.code,
                    "a citizen rates on app or web; hotline call-backs are recorded by hotline staff");
        }
        return requested == null ? RatingChannel.APP : requested;
    }

    /**
     * Why hotline staff may record this round as a call-back, or 409: the petition came in by
     * hotline, or its petitioner accepted a call-back for the round. Otherwise the round is the
     * petitioner's own to rate while its window is open; staff cannot take it from them.
     */
    static String callBackBasis(PetitionRef petition, AnswerRound r) {
        if (RatingChannel.HOTLINE.code.equals(petition.channel)) {
            return AnswerRound.HOTLINE_PETITION;
        }
        if (r.callBackAcceptedAt != null) {
            return AnswerRound.CITIZEN_ACCEPTED;
        }
        throw conflict("Petition " + petition.petitionId + " came in by " + petition.channel + ": its petitioner rates round "
                + r.round + " themselves until " + ChinaTime.of(r.windowClosesAt) + ". A call-back (回访) is recorded only for a "
                + "petition that came in by hotline, or after the petitioner accepted one (POST …/feedback/call-back)");
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, detail));
    }
}
