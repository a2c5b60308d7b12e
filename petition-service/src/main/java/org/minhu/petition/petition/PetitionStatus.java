package org.minhu.petition.petition;

/** The states a citizen sees (docs/domain.md, "A request's life"). */
public enum PetitionStatus {
    SUBMITTED,
    ASSIGNED,
    ACCEPTED,
    RETURNED,
    TRANSFERRED,
    EXTENDED,
    OVERDUE,
    ESCALATED,
    ANSWERED,
    RATED,
    REOPENED,
    /** 不予受理: refused by the governance centre as out of remit, with the legal route to take instead. */
    REJECTED,
    CLOSED,
    /** The petitioner withdrew it (撤回) before a unit signed for it: never answered, left out of the rates. */
    WITHDRAWN,
    /** An emergency service or a utility's own hotline took it over; never answered here. */
    HANDED_OFF
}
