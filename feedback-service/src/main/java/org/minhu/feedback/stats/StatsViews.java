package org.minhu.feedback.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the statistics endpoints answer: every count behind every rate, the window, the filters and the formulas. */
public final class StatsViews {

    private StatsViews() {
    }

    @Schema(name = "Formula", description = "How a rate is computed from the counts beside it")
    public record Formula(
            @Schema(examples = "satisfaction-rate") String id,
            @Schema(examples = "1") int version,
            @Schema(examples = "(satisfied + basicallySatisfied) / (satisfied + basicallySatisfied + unsatisfied)") String expression,
            @Schema(description = "Which records fall in the window") String dateBasis) {
    }

    public static final String ROUND_BASIS = "answer rounds answered in the window (China date of the answer), counted for the answering unit";
    public static final String STEP_BASIS = "steps taken in the window (China date of each step), counted for the unit concerned";

    public static final Formula SATISFACTION = new Formula("satisfaction-rate", 1,
            "(satisfied + basicallySatisfied) / (satisfied + basicallySatisfied + unsatisfied); notRated is excluded", ROUND_BASIS);
    public static final Formula RESOLUTION = new Formula("resolution-rate", 1, "solved / rated", ROUND_BASIS);
    // version 2: assignments closed before the unit could sign (withdrawn, refused, handed off) are left out
    // (docs/domain.md, "The rates and their formulas")
    public static final Formula RESPONSE = new Formula("response-rate", 2,
            "signedWithinLimit / (assignments - closedBeforeSigning)", STEP_BASIS);
    public static final Formula RETURN = new Formula("return-rate", 2, "returned / (assignments - closedBeforeSigning)",
            STEP_BASIS);
    public static final Formula ON_TIME = new Formula("on-time-answer-rate", 1, "answeredOnTime / answered", ROUND_BASIS);
    public static final Formula HOPS = new Formula("average-hops", 1, "hops / answered", ROUND_BASIS);

    /** numerator / denominator to 6 decimals, or null when nothing was counted (never NaN, never 0%). */
    static BigDecimal rate(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SatisfactionCounts")
    public record SatisfactionCounts(
            long satisfied, long basicallySatisfied, long unsatisfied,
            @Schema(description = "satisfied + basicallySatisfied + unsatisfied") long rated,
            @Schema(description = "Rating windows that closed without a rating: never counted as satisfied") long notRated,
            @Schema(description = "null when nothing was rated", examples = "0.928") BigDecimal satisfactionRate,
            long solved, long partlySolved, long notSolved,
            @Schema(description = "solved / rated; null when nothing was rated") BigDecimal resolutionRate,
            @Schema(description = "Reopened cases answered again (复核)") long reReviewed,
            @Schema(description = "Re-reviewed rounds that ended without another reopen") long closedAfterReReview) {

        static SatisfactionCounts of(StatsQueries.Sums s) {
            long satisfied = s.get(Counter.SATISFIED);
            long basically = s.get(Counter.BASICALLY_SATISFIED);
            long rated = satisfied + basically + s.get(Counter.UNSATISFIED);
            return new SatisfactionCounts(satisfied, basically, s.get(Counter.UNSATISFIED), rated, s.get(Counter.NOT_RATED),
                    rate(satisfied + basically, rated), s.get(Counter.SOLVED), s.get(Counter.PARTLY_SOLVED),
                    s.get(Counter.NOT_SOLVED), rate(s.get(Counter.SOLVED), rated), s.get(Counter.RE_REVIEWED),
                    s.get(Counter.CLOSED_AFTER_RE_REVIEW));
        }

        static final List<Counter> COUNTERS = List.of(Counter.SATISFIED, Counter.BASICALLY_SATISFIED, Counter.UNSATISFIED,
                Counter.NOT_RATED, Counter.SOLVED, Counter.PARTLY_SOLVED, Counter.NOT_SOLVED, Counter.RE_REVIEWED,
                Counter.CLOSED_AFTER_RE_REVIEW);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "HandlingCounts")
    public record HandlingCounts(
            @Schema(description = "Cases that reached their first unit") long dispatched,
            @Schema(description = "Every dispatch to a unit (first, re-dispatch, insistence, transfer)") long assignments,
            long signed,
            long signedWithinLimit,
            @Schema(description = "响应率: signedWithinLimit / (assignments - closedBeforeSigning)") BigDecimal responseRate,
            long returned,
            BigDecimal returnRate,
            long answered,
            long answeredOnTime,
            @Schema(description = "按期办结率: answeredOnTime / answered") BigDecimal onTimeAnswerRate,
            @Schema(description = "Units a case went through before its answer, summed over answers") long hops,
            @Schema(description = "hops / answered") BigDecimal averageHops,
            @Schema(description = "Extensions approved (延期)") long extended,
            @Schema(description = "Reminders (催办)") long reminded,
            @Schema(description = "Escalations after the deadline (督办)") long escalated,
            @Schema(description = "Answer deadlines missed, once per round") long overdue,
            @Schema(description = "Cases sent back after an unsatisfied or unsolved rating (重办)") long reopened,
            @Schema(description = "Reopened cases answered again (复核)") long reReviewed,
            @Schema(description = "Re-reviewed rounds that ended without another reopen") long closedAfterReReview,
            @Schema(description = "Requests withdrawn by their petitioners (撤回), on the day of the withdrawal") long withdrawn,
            @Schema(description = "Requests refused by the governance centre as out of remit (不予受理)") long refused,
            @Schema(description = "Requests handed off to an emergency service or a utility's hotline") long handedOff,
            @Schema(description = "Of those three, closed while waiting for the unit to sign: left out of the response and return rates")
            long closedBeforeSigning) {

        static HandlingCounts of(StatsQueries.Sums s) {
            long closedBeforeSigning = s.get(Counter.CLOSED_BEFORE_SIGNING);
            long assignments = s.get(Counter.ASSIGNMENTS);
            // a closure counted on a later day than its assignment can outnumber a window's assignments: never below 0
            long signable = Math.max(0, assignments - closedBeforeSigning);
            long answered = s.get(Counter.ANSWERED);
            return new HandlingCounts(s.get(Counter.DISPATCHED), assignments, s.get(Counter.SIGNED),
                    s.get(Counter.SIGNED_WITHIN_LIMIT), rate(s.get(Counter.SIGNED_WITHIN_LIMIT), signable),
                    s.get(Counter.RETURNED), rate(s.get(Counter.RETURNED), signable), answered,
                    s.get(Counter.ANSWERED_ON_TIME), rate(s.get(Counter.ANSWERED_ON_TIME), answered), s.get(Counter.HOPS),
                    rate(s.get(Counter.HOPS), answered), s.get(Counter.EXTENDED), s.get(Counter.REMINDED),
                    s.get(Counter.ESCALATED), s.get(Counter.OVERDUE), s.get(Counter.REOPENED), s.get(Counter.RE_REVIEWED),
                    s.get(Counter.CLOSED_AFTER_RE_REVIEW), s.get(Counter.WITHDRAWN), s.get(Counter.REFUSED),
                    s.get(Counter.HANDED_OFF), closedBeforeSigning);
        }

        static final List<Counter> COUNTERS = List.of(Counter.DISPATCHED, Counter.ASSIGNMENTS, Counter.SIGNED,
                Counter.SIGNED_WITHIN_LIMIT, Counter.RETURNED, Counter.ANSWERED, Counter.ANSWERED_ON_TIME, Counter.HOPS,
                Counter.EXTENDED, Counter.REMINDED, Counter.ESCALATED, Counter.OVERDUE, Counter.REOPENED,
                Counter.RE_REVIEWED, Counter.CLOSED_AFTER_RE_REVIEW, Counter.WITHDRAWN, Counter.REFUSED, Counter.HANDED_OFF, Counter.CLOSED_BEFORE_SIGNING);
    }

    @Schema(name = "SatisfactionGroup")
    public record SatisfactionGroup(@Schema(examples = "500108") String key, @JsonUnwrapped SatisfactionCounts counts) {
    }

    @Schema(name = "HandlingGroup")
    public record HandlingGroup(@Schema(examples = "500108") String key, @JsonUnwrapped HandlingCounts counts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SatisfactionStats")
    public record SatisfactionStats(StatsFilter window, String groupBy, List<Formula> formulas,
                                    SatisfactionCounts total, List<SatisfactionGroup> groups) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "HandlingStats")
    public record HandlingStats(StatsFilter window, String groupBy, List<Formula> formulas,
                                HandlingCounts total, List<HandlingGroup> groups) {
    }
}
