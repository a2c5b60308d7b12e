package org.minhu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minhu.feedback.rating.AnswerRound;
import org.minhu.feedback.rating.Satisfaction;
import org.minhu.feedback.rating.Solved;

/**
 * The rule of 重办, in the one place it lives: a rating reopens the case when the petitioner is
 * unsatisfied OR the problem is not solved; either alone is enough (AND would fail the rows with
 * one of the two), and nothing else reopens. assignment-service follows the event's
 * {@code reopens} and does not apply the rule again.
 */
class ReopenRuleTest {

    @ParameterizedTest(name = "{0} / {1} reopens: {2}")
    @CsvSource({
        "UNSATISFIED, SOLVED, true",
        "SATISFIED, NOT_SOLVED, true",
        "UNSATISFIED, NOT_SOLVED, true",
        "BASICALLY_SATISFIED, NOT_SOLVED, true",
        "UNSATISFIED, PARTLY_SOLVED, true",
        "SATISFIED, SOLVED, false",
        "BASICALLY_SATISFIED, PARTLY_SOLVED, false",
        "SATISFIED, PARTLY_SOLVED, false",
        "BASICALLY_SATISFIED, SOLVED, false"})
    void aRatingReopensTheCaseWhenUnsatisfiedOrNotSolved(Satisfaction satisfaction, Solved solved, boolean reopens) {
        assertThat(AnswerRound.reopens(satisfaction, solved)).isEqualTo(reopens);
    }
}
