package org.minhu.assignment.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the case endpoints answer. Times in China Standard Time. */
public final class CaseViews {

    private CaseViews() {
    }

    @Schema(name = "Case")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseView(
            UUID id, UUID petitionId, String trackingNumber, String title, String categoryCode, String handling,
            String regionCode, String townCode, CaseStatus status, String leadUnitId,
            @Schema(description = "The routing rule used; absent when the governance centre's fallback applied") Long routingRuleId,
            Integer routingRuleVersion, boolean routedByFallback,
            OffsetDateTime dispatchedAt, OffsetDateTime signDeadline, OffsetDateTime answerDeadline,
            @Schema(description = "A deadline reaches into a year whose holidays are not published: counted on weekends only")
            boolean calendarIncomplete,
            boolean overdue, OffsetDateTime signedAt, OffsetDateTime answeredAt, String reply,
            int returnCount, int reopenCount,
            @Schema(description = "Actions the caller may take now") List<String> allowedActions,
            @Schema(description = "Every transition, oldest first (only on a single case)") List<HistoryView> history) {

        static CaseView of(PetitionCase c, UnitCaller caller, List<CaseHistory> history) {
            boolean overdue = c.status != CaseStatus.ANSWERED && java.time.Instant.now().isAfter(c.answerDeadline);
            return new CaseView(c.id, c.petitionId, c.trackingNumber, c.title, c.categoryCode, c.handling, c.regionCode,
                    c.townCode, c.status, c.leadUnitId, c.routingRuleId, c.routingRuleVersion, c.routedByFallback,
                    CaseService.china(c.dispatchedAt), CaseService.china(c.signDeadline), CaseService.china(c.answerDeadline),
                    c.calendarIncomplete, overdue, CaseService.china(c.signedAt), CaseService.china(c.answeredAt), c.reply,
                    c.returnCount, c.reopenCount,
                    caller.unitId().equals(c.leadUnitId) ? c.status.allowedActions() : List.of(),
                    history == null ? null : history.stream().map(HistoryView::of).toList());
        }
    }

    @Schema(name = "CaseHistoryEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(String action, String fromStatus, String toStatus, String unitId, String actor,
                              String reason, OffsetDateTime at) {
        static HistoryView of(CaseHistory h) {
            return new HistoryView(h.action, h.fromStatus, h.toStatus, h.unitId, h.actor, h.reason, CaseService.china(h.occurredAt));
        }
    }

    @Schema(name = "CasePage")
    public record CasePage(List<CaseView> items, int limit, int offset) {
    }

    @Schema(name = "Answer")
    public record Answer(
            @Schema(description = "The reply to the citizen, at least 10 characters", examples = "已协调增加降压药配备，下周起关坝镇中心卫生院常备三种降压药。")
            @jakarta.validation.constraints.NotBlank(message = "is required")
            @jakarta.validation.constraints.Size(min = 10, max = 4000, message = "must be 10 to 4000 characters")
            String reply) {
    }
}
