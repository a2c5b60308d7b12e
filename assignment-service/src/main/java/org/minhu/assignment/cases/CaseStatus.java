package org.minhu.assignment.cases;

/** A case's states. What may be done in each depends on who asks: see {@link CasePolicy}. */
public enum CaseStatus {
    /** Dispatched to a unit, waiting for it to sign. */
    ASSIGNED,
    /** The unit signed for it (签收) and is handling it. */
    SIGNED,
    /** The unit handed it back (退单); the governance centre rules on where it goes. */
    RETURNED,
    /** The unit answered (答复). */
    ANSWERED,
    /** An unsatisfied or unsolved rating sent it back to the unit (重办). */
    REOPENED,
    /** The petitioner withdrew the request (撤回) before a unit signed for it: closed, no answer, no rating. */
    WITHDRAWN,
    /** 不予受理: the governance centre refused it as out of remit, naming the route to take instead. Closed, no answer. */
    REFUSED,
    /** An emergency service or a utility's own hotline took it over. Closed, no answer. */
    HANDED_OFF;

    /** Whether the case ended without an answer (withdrawn, refused, handed off): no deadline runs, nothing more is done. */
    public boolean endedUnanswered() {
        return this == WITHDRAWN || this == REFUSED || this == HANDED_OFF;
    }

    /** Whether nothing more is done on the case: answered (until a rating reopens it) or ended unanswered. */
    public boolean closed() {
        return this == ANSWERED || endedUnanswered();
    }
}
