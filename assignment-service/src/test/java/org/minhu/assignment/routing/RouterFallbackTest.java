package org.minhu.assignment.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/**
 * {@link Router}'s decision from the rule row its query found, with no database: no row (no rule in
 * force, or only rules for inactive units, which the query leaves out) falls back to the district's
 * governance centre, marked as such and naming no rule; a row becomes a decision naming it.
 */
class RouterFallbackTest {

    @Test
    void noRuleFallsBackToTheDistrictsGovernanceCentreNamingNoRule() {
        Router.Decision d = Router.decide(null, "500108");
        assertThat(d.fallback()).isTrue();
        assertThat(d.leadUnitId()).isEqualTo("500108-gc");
        assertThat(d.coUnitIds()).isEmpty();
        assertThat(d.ruleId()).isNull();
        assertThat(d.ruleVersion()).isNull();
    }

    @Test
    void aRuleRowIsTheDecisionWithItsRuleAndVersionAndNoFallback() {
        Router.Decision d = Router.decide(new Object[] {BigInteger.valueOf(42), "500108-housing", "500108-gc,500108-transport", 3},
                "500108");
        assertThat(d.fallback()).isFalse();
        assertThat(d.leadUnitId()).isEqualTo("500108-housing");
        assertThat(d.coUnitIds()).containsExactly("500108-gc", "500108-transport");
        assertThat(d.ruleId()).isEqualTo(42L);
        assertThat(d.ruleVersion()).isEqualTo(3);
    }

    @Test
    void aRuleWithoutCoUnitsHasAnEmptyListWhetherTheColumnIsNullOrBlank() {
        assertThat(Router.decide(new Object[] {7L, "500108-housing", null, 1}, "500108").coUnitIds()).isEmpty();
        assertThat(Router.decide(new Object[] {7L, "500108-housing", "", 1}, "500108").coUnitIds()).isEmpty();
    }
}
