package org.minhu.assignment.cases;

/** Why a petitioner withdraws a request (撤回). OTHER needs a text. */
public enum WithdrawalReason {
    /** 问题已解决: the problem went away or was solved another way. */
    RESOLVED,
    /** 误提交: filed by mistake. */
    FILED_BY_MISTAKE,
    /** 重复提交: the petitioner filed the same request twice. */
    DUPLICATE,
    /** 其他: the text says why. */
    OTHER
}
