package org.minhu.assignment.cases;

/** Why a unit hands a case back (退单). */
public enum ReturnReason {
    NOT_OUR_JURISDICTION,
    WRONG_REGION,
    DUPLICATE_REQUEST,
    INSUFFICIENT_INFORMATION,
    HANDLED_BY_OTHER_CHANNEL,
    OTHER
}
