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
    REJECTED,
    CLOSED,
    /** The petitioner withdrew it (撤回) before a unit signed for it: never answered, left out of the rates. */
    WITHDRAWN
}
