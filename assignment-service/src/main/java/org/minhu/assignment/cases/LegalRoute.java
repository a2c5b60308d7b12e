package org.minhu.assignment.cases;

/** Where a refused request should go instead; the petitioner sees it with the reason. */
public enum LegalRoute {
    /** 诉讼: a court. */
    LITIGATION,
    /** 仲裁: arbitration (labour, commercial). */
    ARBITRATION,
    /** 行政复议: administrative review. */
    ADMINISTRATIVE_REVIEW,
    /** 信访: the letters-and-visits office. */
    XINFANG,
    /** 政府信息公开申请: an information-disclosure request. */
    INFORMATION_DISCLOSURE,
    /** No public route: the reason says why. */
    NONE
}
