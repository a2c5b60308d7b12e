package org.minhu.common.events;

import static org.minhu.common.events.EventData.require;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The case events assignment-service publishes on {@value Topics#CASE_EVENTS}, keyed by petition id. */
public final class CaseEvents {

    public static final String NAMESPACE = "org.minhu.case";
    private static final String PREFIX = NAMESPACE + ".";

    /** Dispatched to a unit: first dispatch, re-dispatch after a ruling, insistence, or transfer (see {@code action}). */
    public static final String ASSIGNED = PREFIX + "assigned";
    public static final String SIGNED = PREFIX + "signed";
    public static final String RETURNED = PREFIX + "returned";
    public static final String CO_HANDLER_ADDED = PREFIX + "co-handler-added";
    public static final String EXTENSION_REQUESTED = PREFIX + "extension-requested";
    public static final String EXTENDED = PREFIX + "extended";
    public static final String EXTENSION_DENIED = PREFIX + "extension-denied";
    public static final String REMINDED = PREFIX + "reminded";
    public static final String ESCALATED = PREFIX + "escalated";
    public static final String ANSWERED = PREFIX + "answered";
    public static final String REOPENED = PREFIX + "reopened";
    /** The petitioner withdrew the request (撤回) before a unit signed for it; the case is closed. */
    public static final String WITHDRAWN = PREFIX + "withdrawn";
    /** 不予受理: the governance centre refused the request as out of remit, naming the route to take instead. */
    public static final String REFUSED = PREFIX + "refused";
    /** An emergency service (110, 119, 120, 122) or a utility's own hotline took the request over; the case is closed. */
    public static final String HANDED_OFF = PREFIX + "handed-off";

    private CaseEvents() {
    }

    /**
     * The data of every case event: the case, the petition, the unit (by name, never a person),
     * what happened. Fields that only some events carry are absent from the others.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(
            UUID caseId,
            UUID petitionId,
            String trackingNumber,
            String categoryCode,
            String regionCode,
            String status,
            String action,
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
            String actor,
            String reasonCode,
            String reason,
            Integer extensionDays,
            String escalatedTo,
            Integer returnCount,
            Integer reopenCount,
            String reply,
            String previousStatus,
            String route) implements EventData {

        @Override
        public void validate() {
            require(caseId, "caseId");
            require(petitionId, "petitionId");
            require(categoryCode, "categoryCode");
            require(regionCode, "regionCode");
            require(unitId, "unitId");
            require(occurredAt, "occurredAt");
        }

        /** The answer round this event belongs to: 1, then reopenCount + 1 after each reopening (重办). */
        public int round() {
            return (reopenCount == null ? 0 : reopenCount) + 1;
        }
    }
}
