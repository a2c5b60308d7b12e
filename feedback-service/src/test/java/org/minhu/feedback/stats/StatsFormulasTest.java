package org.minhu.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The published rates (满意率, 解决率, 响应率, 退单率, 按期办结率, average hops) computed from the
 * counts, with no database: each formula, its rounding (6 decimals, half-even, no trailing zeros)
 * and its empty denominator (null, never 0 and never NaN).
 */
class StatsFormulasTest {

    private static StatsQueries.Sums sums(Object... counterThenCount) {
        Map<Counter, Long> counts = new EnumMap<>(Counter.class);
        for (int i = 0; i < counterThenCount.length; i += 2) {
            counts.put((Counter) counterThenCount[i], ((Number) counterThenCount[i + 1]).longValue());
        }
        return new StatsQueries.Sums(null, counts);
    }

    @Test
    void aRateIsRoundedHalfEvenToSixDecimalsWithoutTrailingZeros() {
        assertThat(StatsViews.rate(2, 3)).isEqualTo(new BigDecimal("0.666667"));
        assertThat(StatsViews.rate(1, 3)).isEqualTo(new BigDecimal("0.333333"));
        assertThat(StatsViews.rate(1, 8)).isEqualTo(new BigDecimal("0.125"));
        // exactly half at the 7th decimal: to the even neighbour (half-up would give 0.000003)
        assertThat(StatsViews.rate(25, 10_000_000)).isEqualTo(new BigDecimal("0.000002")); // 0.0000025 -> 0.000002
        assertThat(StatsViews.rate(35, 10_000_000)).isEqualTo(new BigDecimal("0.000004")); // 0.0000035 -> 0.000004
    }

    @Test
    void aWholeRateHasNoDecimals() {
        assertThat(StatsViews.rate(7, 7)).isEqualTo(BigDecimal.ONE);
        assertThat(StatsViews.rate(0, 7)).isEqualTo(BigDecimal.ZERO);
        assertThat(StatsViews.rate(9, 4)).isEqualTo(new BigDecimal("2.25")); // average hops may exceed 1
    }

    @Test
    void aRateOverNothingIsNullNotZero() {
        assertThat(StatsViews.rate(0, 0)).isNull();
        assertThat(StatsViews.rate(3, 0)).isNull();
    }

    @Test
    void satisfactionRateIsSatisfiedAndBasicallySatisfiedOverRatedExcludingNotRated() {
        StatsViews.SatisfactionCounts c = StatsViews.SatisfactionCounts.of(sums(Counter.SATISFIED, 5,
                Counter.BASICALLY_SATISFIED, 2, Counter.UNSATISFIED, 1, Counter.NOT_RATED, 100));
        assertThat(c.rated()).isEqualTo(8);
        assertThat(c.notRated()).isEqualTo(100);
        assertThat(c.satisfactionRate()).isEqualTo(new BigDecimal("0.875"));
    }

    @Test
    void resolutionRateIsSolvedOverRatedPartlySolvedNotCounted() {
        StatsViews.SatisfactionCounts c = StatsViews.SatisfactionCounts.of(sums(Counter.SATISFIED, 2, Counter.UNSATISFIED, 1,
                Counter.SOLVED, 1, Counter.PARTLY_SOLVED, 1, Counter.NOT_SOLVED, 1, Counter.NOT_RATED, 4));
        assertThat(c.resolutionRate()).isEqualTo(new BigDecimal("0.333333"));
        assertThat(c.satisfactionRate()).isEqualTo(new BigDecimal("0.666667"));
    }

    @Test
    void withOnlyUnratedRoundsBothRatingRatesAreNull() {
        StatsViews.SatisfactionCounts c = StatsViews.SatisfactionCounts.of(sums(Counter.NOT_RATED, 12));
        assertThat(c.rated()).isZero();
        assertThat(c.satisfactionRate()).isNull();
        assertThat(c.resolutionRate()).isNull();
    }

    @Test
    void missingCountersCountAsZero() {
        StatsViews.SatisfactionCounts c = StatsViews.SatisfactionCounts.of(sums());
        assertThat(c.satisfied()).isZero();
        assertThat(c.satisfactionRate()).isNull();
        StatsViews.HandlingCounts h = StatsViews.HandlingCounts.of(sums());
        assertThat(h.responseRate()).isNull();
        assertThat(h.returnRate()).isNull();
        assertThat(h.onTimeAnswerRate()).isNull();
        assertThat(h.averageHops()).isNull();
    }

    @Test
    void allUnsatisfiedIsAZeroRateNotNull() {
        StatsViews.SatisfactionCounts c = StatsViews.SatisfactionCounts.of(sums(Counter.UNSATISFIED, 3, Counter.NOT_SOLVED, 3));
        assertThat(c.satisfactionRate()).isEqualTo(BigDecimal.ZERO);
        assertThat(c.resolutionRate()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void responseAndReturnRatesAreOverEveryAssignmentNotOnlyFirstDispatches() {
        StatsViews.HandlingCounts h = StatsViews.HandlingCounts.of(sums(Counter.DISPATCHED, 4, Counter.ASSIGNMENTS, 6,
                Counter.SIGNED, 5, Counter.SIGNED_WITHIN_LIMIT, 3, Counter.RETURNED, 2));
        assertThat(h.responseRate()).isEqualTo(new BigDecimal("0.5"));
        assertThat(h.returnRate()).isEqualTo(new BigDecimal("0.333333"));
    }

    @Test
    void onTimeRateAndAverageHopsAreOverAnswers() {
        StatsViews.HandlingCounts h = StatsViews.HandlingCounts.of(sums(Counter.ASSIGNMENTS, 10, Counter.ANSWERED, 4,
                Counter.ANSWERED_ON_TIME, 3, Counter.HOPS, 7));
        assertThat(h.onTimeAnswerRate()).isEqualTo(new BigDecimal("0.75"));
        assertThat(h.averageHops()).isEqualTo(new BigDecimal("1.75"));
    }

    @Test
    void everyCountIsPassedThroughUnderItsOwnName() {
        StatsViews.HandlingCounts h = StatsViews.HandlingCounts.of(sums(Counter.DISPATCHED, 1, Counter.ASSIGNMENTS, 2,
                Counter.SIGNED, 3, Counter.SIGNED_WITHIN_LIMIT, 4, Counter.RETURNED, 5, Counter.ANSWERED, 6,
                Counter.ANSWERED_ON_TIME, 7, Counter.HOPS, 8, Counter.EXTENDED, 9, Counter.REMINDED, 10, Counter.ESCALATED, 11,
                Counter.OVERDUE, 12, Counter.REOPENED, 13, Counter.RE_REVIEWED, 14, Counter.CLOSED_AFTER_RE_REVIEW, 15));
        assertThat(new long[] {h.dispatched(), h.assignments(), h.signed(), h.signedWithinLimit(), h.returned(), h.answered(),
                h.answeredOnTime(), h.hops(), h.extended(), h.reminded(), h.escalated(), h.overdue(), h.reopened(),
                h.reReviewed(), h.closedAfterReReview()}).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        StatsViews.SatisfactionCounts s = StatsViews.SatisfactionCounts.of(sums(Counter.SATISFIED, 1, Counter.BASICALLY_SATISFIED, 2,
                Counter.UNSATISFIED, 3, Counter.NOT_RATED, 4, Counter.SOLVED, 5, Counter.PARTLY_SOLVED, 6, Counter.NOT_SOLVED, 7,
                Counter.RE_REVIEWED, 8, Counter.CLOSED_AFTER_RE_REVIEW, 9));
        assertThat(new long[] {s.satisfied(), s.basicallySatisfied(), s.unsatisfied(), s.notRated(), s.solved(), s.partlySolved(),
                s.notSolved(), s.reReviewed(), s.closedAfterReReview()}).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void eachViewReadsEveryCounterItsFormulasNeed() {
        assertThat(StatsViews.SatisfactionCounts.COUNTERS).contains(Counter.SATISFIED, Counter.BASICALLY_SATISFIED,
                Counter.UNSATISFIED, Counter.SOLVED);
        assertThat(StatsViews.HandlingCounts.COUNTERS).contains(Counter.ASSIGNMENTS, Counter.SIGNED_WITHIN_LIMIT, Counter.RETURNED,
                Counter.ANSWERED, Counter.ANSWERED_ON_TIME, Counter.HOPS);
    }

    @Test
    void aQuestionOnOneDimensionReadsItsProjectionAndOnTwoTheFullTables() {
        StatsFilter none = new StatsFilter(null, null, null, null, null, null, null);
        StatsFilter region = new StatsFilter(null, null, null, "500108", null, null, null);
        StatsFilter regionAndChannel = new StatsFilter(null, null, null, "500108", null, null, "app");
        assertThat(StatsQueries.projectionFor(none, null)).isEqualTo(Aggregates.Projection.CHANNEL);
        assertThat(StatsQueries.projectionFor(region, null)).isEqualTo(Aggregates.Projection.REGION);
        assertThat(StatsQueries.projectionFor(region, StatsQueries.GroupBy.region)).isEqualTo(Aggregates.Projection.REGION);
        assertThat(StatsQueries.projectionFor(none, StatsQueries.GroupBy.unit)).isEqualTo(Aggregates.Projection.UNIT);
        assertThat(StatsQueries.projectionFor(region, StatsQueries.GroupBy.category)).isEqualTo(Aggregates.Projection.FULL);
        assertThat(StatsQueries.projectionFor(regionAndChannel, null)).isEqualTo(Aggregates.Projection.FULL);
        assertThat(StatsQueries.projectionFor(none, StatsQueries.GroupBy.month)).isEqualTo(Aggregates.Projection.CHANNEL);
    }
}
