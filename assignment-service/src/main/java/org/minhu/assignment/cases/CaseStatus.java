package org.minhu.assignment.cases;

import java.util.List;

/** A case's states, and the actions each allows. */
public enum CaseStatus {
    ASSIGNED(List.of("sign")),
    SIGNED(List.of("answer")),
    ANSWERED(List.of());

    private final List<String> allowedActions;

    CaseStatus(List<String> allowedActions) {
        this.allowedActions = allowedActions;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }
}
