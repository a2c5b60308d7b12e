package org.minhu.feedback.stats;

/**
 * The counters of the statistics tables, each counted once on one China date for one unit.
 * Handling counters are counted on the day the step happened, for the unit concerned; the
 * counters of an answer round (answered, on time, hops, re-review, rating) on the day of the
 * answer, for the answering unit, so that they match the exported records line by line.
 */
public enum Counter {
    /** A case reached its first unit (派单). */
    DISPATCHED("dispatched"),
    /** Every dispatch to a unit: first, re-dispatch after a ruling, insistence, transfer. */
    ASSIGNMENTS("assignments"),
    SIGNED("signed"),
    /** Signed (签收) no later than the sign deadline, which runs from dispatch. */
    SIGNED_WITHIN_LIMIT("signed_within_limit"),
    RETURNED("returned"),
    /** Extension (延期) approved. */
    EXTENDED("extended"),
    REMINDED("reminded"),
    ESCALATED("escalated"),
    /** An answer deadline missed, once per round: escalated, or answered late without escalation. */
    OVERDUE("overdue"),
    ANSWERED("answered"),
    ANSWERED_ON_TIME("answered_on_time"),
    /** Units the round's case was dispatched to, added when it is answered (average hops = hops / answered). */
    HOPS("hops"),
    REOPENED("reopened"),
    /** A reopened case answered again (复核). */
    RE_REVIEWED("re_reviewed"),
    /** A re-reviewed round that ended without another reopen: rated satisfied enough and solved enough, or not rated. */
    CLOSED_AFTER_RE_REVIEW("closed_after_re_review"),
    SATISFIED("satisfied"),
    BASICALLY_SATISFIED("basically_satisfied"),
    UNSATISFIED("unsatisfied"),
    NOT_RATED("not_rated"),
    SOLVED("solved"),
    PARTLY_SOLVED("partly_solved"),
    NOT_SOLVED("not_solved"),
    /** Withdrawn by the petitioner (撤回), on the day of the withdrawal, for the unit that held the case. */
    WITHDRAWN("withdrawn"),
    /** Refused by the governance centre as out of remit (不予受理), on that day, for the unit that held the case. */
    REFUSED("refused"),
    /** Handed off to an emergency service or a utility's hotline, on that day, for the unit that held the case. */
    HANDED_OFF("handed_off"),
    /**
     * Of those three, closed while the case waited for that unit to sign: an assignment the unit could
     * never sign, which the response and return rates (version 2) leave out.
     */
    CLOSED_BEFORE_SIGNING("closed_before_signing");

    public final String column;

    Counter(String column) {
        this.column = column;
    }
}
