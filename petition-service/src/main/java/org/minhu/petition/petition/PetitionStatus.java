package org.minhu.petition.petition;

/** The states a citizen sees (DESIGN.md, "The request's life"). */
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
    CLOSED
}
