package org.minhu.assignment.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The case events assignment-service publishes on {@value #TOPIC}, keyed by petition id. */
public final class CaseEvents {

    public static final String TOPIC = "minhu.case.events";
    public static final String ASSIGNED = "org.minhu.case.assigned";
    public static final String SIGNED = "org.minhu.case.signed";
    public static final String ANSWERED = "org.minhu.case.answered";

    private CaseEvents() {
    }

    /** The data every case event carries: the case, the petition, the unit (by name, never a person). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseEventData(
            UUID caseId,
            UUID petitionId,
            String trackingNumber,
            String status,
            String unitId,
            String unitNameZh,
            String unitNameEn,
            List<String> coUnitIds,
            Long routingRuleId,
            Integer routingRuleVersion,
            Boolean routedByFallback,
            OffsetDateTime dispatchedAt,
            OffsetDateTime signDeadline,
            OffsetDateTime answerDeadline,
            Boolean calendarIncomplete,
            OffsetDateTime occurredAt,
            String reply) {
    }
}
