package org.minhu.feedback.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minhu.common.problem.ProblemException;
import org.minhu.feedback.caller.FeedbackCaller;
import org.minhu.feedback.stats.Counter;

/**
 * The rating rules beside the reopen rule ({@code ReopenRuleTest}), with no database: on which
 * channel a rating is recorded, when hotline staff may record a call-back (回访), which hotline
 * covers which region, what a rating adds to the statistics, and how a round is shown.
 */
class RatingRulesTest {

    private static final FeedbackCaller CITIZEN = new FeedbackCaller.Citizen("citizen-1");
    private static final FeedbackCaller HOTLINE_STAFF = new FeedbackCaller.CallCentre("staff-7", "500108-gc");
    private static final Instant NOW = Instant.parse("2026-11-16T02:00:00Z");

    @Test
    void aCitizenRatesOnAppByDefaultOrOnWeb() {
        assertThat(RatingService.channelFor(CITIZEN, null)).isEqualTo(RatingChannel.APP);
        assertThat(RatingService.channelFor(CITIZEN, RatingChannel.APP)).isEqualTo(RatingChannel.APP);
        assertThat(RatingService.channelFor(CITIZEN, RatingChannel.WEB)).isEqualTo(RatingChannel.WEB);
    }

    @Test
    void aCitizenCannotClaimTheHotlineChannel() {
        assertThatThrownBy(() -> RatingService.channelFor(CITIZEN, RatingChannel.HOTLINE))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("channel");
                });
    }

    @Test
    void hotlineStaffRecordOnTheHotlineChannelOnly() {
        assertThat(RatingService.channelFor(HOTLINE_STAFF, null)).isEqualTo(RatingChannel.HOTLINE);
        assertThat(RatingService.channelFor(HOTLINE_STAFF, RatingChannel.HOTLINE)).isEqualTo(RatingChannel.HOTLINE);
        assertThatThrownBy(() -> RatingService.channelFor(HOTLINE_STAFF, RatingChannel.APP))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("channel"));
    }

    @Test
    void aDistrictHotlineCoversItsOwnRegionAndTheCitysCoversEvery() {
        FeedbackCaller.CallCentre district = new FeedbackCaller.CallCentre("staff-7", "500108-gc");
        FeedbackCaller.CallCentre city = new FeedbackCaller.CallCentre("staff-1", FeedbackCaller.CallCentre.CITY);
        assertThat(district.covers("500108")).isTrue();
        assertThat(district.covers("500103")).isFalse();
        assertThat(city.covers("500108")).isTrue();
        assertThat(city.covers("500103")).isTrue();
        // a department is no hotline, even of its own region
        assertThat(new FeedbackCaller.CallCentre("staff-9", "500108-housing").covers("500108")).isFalse();
    }

    private static PetitionRef petitionFrom(String channel) {
        PetitionRef p = new PetitionRef();
        p.petitionId = UUID.randomUUID();
        p.channel = channel;
        return p;
    }

    private static AnswerRound openRound() {
        AnswerRound r = new AnswerRound();
        r.petitionId = UUID.randomUUID();
        r.round = 1;
        r.unitId = "500108-housing";
        r.outcome = AnswerRound.Outcome.OPEN;
        r.answeredAt = NOW.minus(Duration.ofDays(1));
        r.windowClosesAt = NOW.plus(Duration.ofDays(6));
        return r;
    }

    @Test
    void aPetitionThatCameByHotlineMayBeRatedByHotlineStaff() {
        assertThat(RatingService.callBackBasis(petitionFrom("hotline"), openRound())).isEqualTo(AnswerRound.HOTLINE_PETITION);
    }

    @Test
    void aPetitionFromTheAppMayBeRatedByHotlineStaffOnlyAfterThePetitionerAcceptedACallBack() {
        AnswerRound r = openRound();
        assertThatThrownBy(() -> RatingService.callBackBasis(petitionFrom("app"), r))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
        r.callBackAcceptedAt = NOW.minus(Duration.ofHours(1));
        assertThat(RatingService.callBackBasis(petitionFrom("app"), r)).isEqualTo(AnswerRound.CITIZEN_ACCEPTED);
    }

    /** The counters in the statistics tables' column order (the EnumMap's). */
    @ParameterizedTest(name = "{0} / {1} in round {2}: {3}")
    @CsvSource({
        "SATISFIED, SOLVED, 1, SATISFIED SOLVED",
        "BASICALLY_SATISFIED, PARTLY_SOLVED, 1, BASICALLY_SATISFIED PARTLY_SOLVED",
        "UNSATISFIED, NOT_SOLVED, 1, UNSATISFIED NOT_SOLVED",
        "SATISFIED, SOLVED, 2, CLOSED_AFTER_RE_REVIEW SATISFIED SOLVED",
        "BASICALLY_SATISFIED, PARTLY_SOLVED, 3, CLOSED_AFTER_RE_REVIEW BASICALLY_SATISFIED PARTLY_SOLVED",
        "UNSATISFIED, SOLVED, 2, UNSATISFIED SOLVED",
        "SATISFIED, NOT_SOLVED, 2, SATISFIED NOT_SOLVED"})
    void aRatingCountsOneSatisfactionOneSolvedAndClosesAReReviewedRoundItDoesNotReopen(
            Satisfaction satisfaction, Solved solved, int round, String counted) {
        Map<Counter, Integer> counts = RatingService.ratingCounts(satisfaction, solved, round);
        String nonZero = String.join(" ", counts.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey().name()).toList());
        assertThat(nonZero).isEqualTo(counted);
        assertThat(counts.values()).allMatch(n -> n == 0 || n == 1);
    }

    @Test
    void anOpenRoundPastItsWindowIsShownAsNotRated() {
        AnswerRound r = openRound();
        assertThat(RatingViews.Round.of(r, NOW, false).status()).isEqualTo("OPEN");
        assertThat(RatingViews.Round.of(r, r.windowClosesAt.minusMillis(1), false).status()).isEqualTo("OPEN");
        assertThat(RatingViews.Round.of(r, r.windowClosesAt, false).status()).isEqualTo("NOT_RATED");
        assertThat(RatingViews.Round.of(r, NOW, false).rating()).isNull();
    }

    @Test
    void aCallBackShowsTheStaffLoginToStaffAndOnlyTheHotlineToThePetitioner() {
        AnswerRound r = openRound();
        r.outcome = AnswerRound.Outcome.RATED;
        r.satisfaction = Satisfaction.UNSATISFIED;
        r.solved = Solved.SOLVED;
        r.ratingChannel = RatingChannel.HOTLINE.code;
        r.recordedBy = "staff-7";
        r.callBack = AnswerRound.HOTLINE_PETITION;
        r.ratedAt = NOW;
        RatingViews.Rating toStaff = RatingViews.Round.of(r, NOW, true).rating();
        RatingViews.Rating toPetitioner = RatingViews.Round.of(r, NOW, false).rating();
        assertThat(toStaff.recordedBy()).isEqualTo("staff-7");
        assertThat(toPetitioner.recordedBy()).isEqualTo(RatingViews.Rating.HOTLINE);
        assertThat(toPetitioner.callBack()).isTrue();
        assertThat(toPetitioner.reopensCase()).isTrue();
        // a rated round stays RATED after its window
        assertThat(RatingViews.Round.of(r, r.windowClosesAt.plusSeconds(1), false).status()).isEqualTo("RATED");
    }

    @Test
    void thePetitionersOwnRatingNamesNobody() {
        AnswerRound r = openRound();
        r.outcome = AnswerRound.Outcome.RATED;
        r.satisfaction = Satisfaction.SATISFIED;
        r.solved = Solved.SOLVED;
        r.ratingChannel = RatingChannel.APP.code;
        r.ratedAt = NOW;
        RatingViews.Rating rating = RatingViews.Round.of(r, NOW, false).rating();
        assertThat(rating.recordedBy()).isNull();
        assertThat(rating.callBack()).isFalse();
        assertThat(rating.reopensCase()).isFalse();
    }
}
