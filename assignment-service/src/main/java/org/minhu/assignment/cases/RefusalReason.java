package org.minhu.assignment.cases;

/** Why the governance centre does not accept a request (不予受理): a fixed list, shown to the petitioner. */
public enum RefusalReason {
    /** 已进入或应通过诉讼、仲裁程序解决: before a court or an arbitration body, or for them to decide. */
    LITIGATION_OR_ARBITRATION,
    /** 应通过行政复议解决: a challenge to an administrative decision. */
    ADMINISTRATIVE_REVIEW,
    /** 属于信访事项: a complaint for the letters-and-visits (信访) procedure. */
    XINFANG_MATTER,
    /** 属于政府信息公开申请: a request for government information, under its own procedure. */
    INFORMATION_DISCLOSURE,
    /** 不属于政府职责: a private or civil matter no public body handles. */
    NOT_GOVERNMENT_MATTER,
    /** 违反法律法规或公序良俗: the request asks for something unlawful or abusive. */
    UNLAWFUL_OR_ABUSIVE,
    /** 无实质诉求内容: nothing that can be handled. */
    NO_SUBSTANCE
}
