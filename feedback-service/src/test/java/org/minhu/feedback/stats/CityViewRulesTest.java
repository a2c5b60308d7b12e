package org.minhu.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rankings' and hot spots' rules, without Quarkus. */
class CityViewRulesTest {

    record Row(String id, CityViewRules.Counted rate) {
    }

    static Row row(String id, long numerator, long denominator) {
        return new Row(id, new CityViewRules.Counted(numerator, denominator, StatsViews.rate(numerator, denominator)));
    }

    @Test
    void ranksHighestFirstSharingEqualRatesAndLeavesOutThoseBelowTheMinimumVolume() {
        List<Row> rows = List.of(row("a", 9, 10), row("b", 2, 2), row("c", 8, 10), row("d", 16, 20), row("e", 10, 10),
                row("f", 0, 0), row("g", 5, 10));
        List<Integer> ranks = CityViewRules.ranks(rows, Row::rate, 10);
        // e 1.0; a 0.9; c and d 0.8 share 3; g 0.5 is 5th; b (2 of 2) and f (none) are too few
        assertThat(ranks).containsExactly(2, null, 3, 3, 1, null, 5);
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(CityViewRules.order(r -> ranks.get(rows.indexOf(r)), Row::rate, Row::id));
        assertThat(ordered).extracting(Row::id).containsExactly("e", "a", "c", "d", "g", "b", "f");
        assertThat(CityViewRules.ranks(rows, Row::rate, 1).get(1)).as("with a minimum of 1, b's 2 of 2 ranks first").isEqualTo(1);
    }

    @Test
    void theChangeIsTheDifferenceOrNullWithoutBothRates() {
        assertThat(CityViewRules.change(new BigDecimal("0.9"), new BigDecimal("0.5"))).isEqualByComparingTo("0.4");
        assertThat(CityViewRules.change(new BigDecimal("0.333333"), new BigDecimal("0.666667"))).isEqualByComparingTo("-0.333334");
        assertThat(CityViewRules.change(new BigDecimal("0.5"), new BigDecimal("0.50"))).isEqualTo(BigDecimal.ZERO);
        assertThat(CityViewRules.change(null, new BigDecimal("0.5"))).isNull();
        assertThat(CityViewRules.change(new BigDecimal("0.5"), null)).isNull();
    }

    @Test
    void aSurgeIsWellAboveTheCellsOwnBaselineAndASteadyOrSmallCountIsNot() {
        CityViewRules.Baseline flat = CityViewRules.baseline(new long[] {3, 3, 3, 3}, 3);
        assertThat(flat.mean()).isEqualTo(3);
        assertThat(flat.standardDeviation()).isZero();
        assertThat(flat.threshold()).isCloseTo(3 + 3 * Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CityViewRules.surge(12, flat, 5)).isTrue();
        assertThat(CityViewRules.surge(3, flat, 5)).as("steady").isFalse();
        assertThat(CityViewRules.surge(8, flat, 5)).as("within Poisson noise of a steady 3").isFalse();

        CityViewRules.Baseline varying = CityViewRules.baseline(new long[] {2, 10, 2, 10}, 3);
        assertThat(varying.mean()).isEqualTo(6);
        assertThat(varying.standardDeviation()).isEqualTo(4);
        assertThat(varying.threshold()).isEqualTo(18);
        assertThat(CityViewRules.surge(18, varying, 5)).as("must exceed the threshold").isFalse();
        assertThat(CityViewRules.surge(19, varying, 5)).isTrue();

        CityViewRules.Baseline quiet = CityViewRules.baseline(new long[4], 3);
        assertThat(CityViewRules.surge(4, quiet, 5)).as("below the minimum count").isFalse();
        assertThat(CityViewRules.surge(5, quiet, 5)).as("from nothing to the minimum count").isTrue();
    }
}
