package org.minhu.feedback.rating;

import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.common.time.ChinaTime;

/** What the rating API reads and writes. */
public final class RatingViews {

    private RatingViews() {
    }

    @Schema(name = "NewRating", description = "A rating of the latest answer (回访评价)")
    public record NewRating(
            @NotNull @Schema(required = true) Satisfaction satisfaction,
            @NotNull @Schema(required = true) Solved solved,
            @Size(max = 1000) @Schema(maxLength = 1000, description = "Optional, shown to the unit; never exported",
                    examples = "药品已经补齐，谢谢") String comment,
            @Schema(description = "Default app for a citizen, hotline for hotline staff") RatingChannel channel) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Rating")
    public record Rating(
            UUID petitionId,
            @Schema(description = "1 for the first answer, 2 after a reopen (重办), ...") int round,
            Satisfaction satisfaction,
            Solved solved,
            String comment,
            String channel,
            @Schema(description = "Who recorded a call-back: to hotline staff, the staff member's login; to the petitioner only "
                    + "the role, " + Rating.HOTLINE + " (a staff member's login is never shown to citizens)") String recordedBy,
            @Schema(description = "Recorded by hotline staff in a call-back (回访), not by the petitioner") boolean callBack,
            @Schema(description = "Why staff could record it: hotline-petition (the petition came in by hotline) or "
                    + "citizen-accepted (the petitioner accepted a call-back); unchecked for call-backs recorded before that rule",
                    enumeration = {"hotline-petition", "citizen-accepted", "unchecked"}) String callBackBasis,
            OffsetDateTime ratedAt,
            @Schema(description = "Unsatisfied or not solved: the case goes back to the unit (重办)") boolean reopensCase) {

        /** What the petitioner sees in {@code recordedBy} instead of a staff member's login. */
        public static final String HOTLINE = "GOVERNANCE_CENTRE_HOTLINE";

        /** As hotline staff see it: with the login of whoever recorded a call-back. */
        static Rating of(AnswerRound r) {
            return of(r, true);
        }

        /** {@code staffView} false: as the petitioner sees it, the hotline's role instead of a staff member's login. */
        static Rating of(AnswerRound r, boolean staffView) {
            String recordedBy = r.recordedBy == null || staffView ? r.recordedBy : HOTLINE;
            return new Rating(r.petitionId, r.round, r.satisfaction, r.solved, r.comment, r.ratingChannel, recordedBy,
                    r.callBack != null, r.callBack, ChinaTime.of(r.ratedAt), AnswerRound.reopens(r.satisfaction, r.solved));
        }
    }

    @Schema(name = "CallBackAcceptance", description = "The petitioner accepted a call-back (回访) for the open round")
    public record CallBackAcceptance(
            UUID petitionId,
            int round,
            @Schema(description = "When the petitioner accepted; hotline staff may record the round's rating from then on") OffsetDateTime acceptedAt,
            @Schema(description = "The round's window; after it nobody rates the round") OffsetDateTime windowClosesAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AnswerRound", description = "One answer and its rating window")
    public record Round(
            int round,
            String unitId,
            OffsetDateTime answeredAt,
            OffsetDateTime windowClosesAt,
            @Schema(description = "OPEN (may be rated now), RATED, or NOT_RATED (the window closed)") String status,
            Rating rating,
            @Schema(description = "When the petitioner accepted a call-back (回访) for this round, if they did") OffsetDateTime callBackAcceptedAt,
            @Schema(description = "The case went back to the unit after this round (重办)") boolean reopened) {

        static Round of(AnswerRound r, Instant now, boolean staffView) {
            String status = r.outcome == AnswerRound.Outcome.OPEN && !now.isBefore(r.windowClosesAt)
                    ? AnswerRound.Outcome.NOT_RATED.name() : r.outcome.name();
            return new Round(r.round, r.unitId, ChinaTime.of(r.answeredAt), ChinaTime.of(r.windowClosesAt), status,
                    r.outcome == AnswerRound.Outcome.RATED ? Rating.of(r, staffView) : null, ChinaTime.of(r.callBackAcceptedAt), r.reopened);
        }
    }

    @Schema(name = "PetitionFeedback", description = "Every answer of one petition and how it was rated")
    public record PetitionFeedback(
            UUID petitionId,
            @Schema(description = "The round that may be rated now, if any") Integer openRound,
            List<Round> rounds) {
    }
}
