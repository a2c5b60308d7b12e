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
    WITHDRAWN
}
