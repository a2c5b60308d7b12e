package org.minhu.assignment.cases;

import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.time.ChinaTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the case endpoints answer and accept. Times in China Standard Time. */
public final class CaseViews {

    private CaseViews() {
    }

    @Schema(name = "Case")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseView(
            UUID id, UUID petitionId, String trackingNumber, String title, String categoryCode, String handling,
            String regionCode, String townCode, CaseStatus status, String leadUnitId, List<String> coUnitIds,
            @Schema(description = "The routing rule used; absent when the governance centre's fallback applied") Long routingRuleId,
            Integer routingRuleVersion, boolean routedByFallback,
            @Schema(description = "First dispatch: the clock starts here") OffsetDateTime dispatchedAt,
            @Schema(description = "Last (re)dispatch") OffsetDateTime assignedAt,
            OffsetDateTime signDeadline, OffsetDateTime returnDeadline, OffsetDateTime answerDeadline,
            @Schema(description = "A deadline reaches into a year whose holidays are not published: counted on weekends only")
            boolean calendarIncomplete,
            boolean overdue, OffsetDateTime signedAt, OffsetDateTime answeredAt, String reply,
            int returnCount, boolean flagged, String flagReason, boolean finalRuling,
            String extensionStatus, Integer extensionDays, String extensionReason,
            OffsetDateTime remindedAt, OffsetDateTime escalatedAt, String escalatedTo, String supervisedBy, int reopenCount,
            @Schema(description = "承办人: the lead unit's staff member in charge (their subject); internal, in no event")
            String officerId,
            @Schema(description = "Actions the caller may take now") List<String> allowedActions,
            @Schema(description = "Every transition, oldest first (only on a single case)") List<HistoryView> history) {

        static CaseView of(PetitionCase c, UnitCaller caller, List<String> coUnits, List<CaseHistory> history) {
            Instant now = Instant.now();
            boolean overdue = !c.status.closed() && now.isAfter(c.answerDeadline);
            return new CaseView(c.id, c.petitionId, c.trackingNumber, c.title, c.categoryCode, c.handling, c.regionCode,
                    c.townCode, c.status, c.leadUnitId, coUnits, c.routingRuleId, c.routingRuleVersion, c.routedByFallback,
                    ChinaTime.of(c.dispatchedAt), ChinaTime.of(c.assignedAt), ChinaTime.of(c.signDeadline),
                    ChinaTime.of(c.returnDeadline), ChinaTime.of(c.answerDeadline),
                    c.calendarIncomplete, overdue, ChinaTime.of(c.signedAt), ChinaTime.of(c.answeredAt), c.reply,
                    c.returnCount, c.flagged, c.flagReason, c.finalRuling, c.extensionStatus, c.extensionDays,
                    c.extensionReason, ChinaTime.of(c.remindedAt), ChinaTime.of(c.escalatedAt), c.escalatedTo,
                    c.supervisedBy, c.reopenCount, c.officerId, CasePolicy.allowedActions(c, caller, now),
                    history == null ? null : history.stream().map(HistoryView::of).toList());
        }
    }

    @Schema(name = "CaseHistoryEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(String action, String fromStatus, String toStatus, String unitId, String actor,
                              String reason, OffsetDateTime at) {
        static HistoryView of(CaseHistory h) {
            return new HistoryView(h.action, h.fromStatus, h.toStatus, h.unitId, h.actor, h.reason, ChinaTime.of(h.occurredAt));
        }
    }

    @Schema(name = "CasePage")
    public record CasePage(List<CaseView> items, int limit, int offset) {
    }

    @Schema(name = "CaseCounts", description = "How many of the caller's cases are in each status")
    public record CaseCounts(
            @Schema(description = "Every case status with its count (0 when none)",
                    examples = "{\"ASSIGNED\": 3, \"SIGNED\": 5, \"RETURNED\": 0, \"ANSWERED\": 12, \"REOPENED\": 1}")
            java.util.Map<CaseStatus, Long> byStatus,
            @Schema(description = "All of them", examples = "21") long total) {
    }

    @Schema(name = "Answer")
    public record Answer(
            @Schema(description = "The reply to the citizen, at least 10 characters", examples = "已协调增加降压药配备，下周起关坝镇中心卫生院常备三种降压药。")
            @NotBlank(message = "is required") @Size(min = 10, max = 4000, message = "must be 10 to 4000 characters")
            String reply) {
    }

    @Schema(name = "BulkSign", description = "批量签收: the cases to sign")
    public record BulkSign(
            @Schema(description = "1 to 50 case ids; a repeated id is signed once", minItems = 1, maxItems = MAX_BULK_SIGN)
            @NotNull(message = "is required")
            @Size(min = 1, max = MAX_BULK_SIGN, message = "must hold 1 to " + MAX_BULK_SIGN + " case ids")
            List<@NotNull(message = "must be a case id") UUID> caseIds) {
    }

    /** The most cases one bulk sign takes: a unit's queue page, and a bound on one request's work. */
    public static final int MAX_BULK_SIGN = 50;

    @Schema(name = "BulkSignResult", description = "What signing one case of a bulk sign came to")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkSignResult(
            UUID caseId,
            @Schema(description = "SIGNED now; ALREADY_SIGNED by the caller's unit before (nothing written); CONFLICT: "
                    + "not allowed now (see problem); NOT_FOUND: no such case, or not the caller's")
            CaseService.SignOutcome outcome,
            @Schema(description = "The case's status after the attempt; absent when NOT_FOUND") CaseStatus status,
            @Schema(description = "Why it was not signed: the problem the single sign would answer (CONFLICT, NOT_FOUND)")
            org.minhu.common.problem.Problem problem) {

        static BulkSignResult of(CaseService.SignResult r) {
            return new BulkSignResult(r.caseId(), r.outcome(), r.c() == null ? null : r.c().status, r.problem());
        }
    }

    @Schema(name = "BulkSignResults")
    public record BulkSignResults(@Schema(description = "One per distinct case id, in the order sent") List<BulkSignResult> results) {
    }

    @Schema(name = "Refusal", description = "不予受理: why the request is out of remit, and where the petitioner should turn")
    public record Refusal(
            @Schema(description = "LITIGATION_OR_ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG_MATTER, INFORMATION_DISCLOSURE, "
                    + "NOT_GOVERNMENT_MATTER, UNLAWFUL_OR_ABUSIVE or NO_SUBSTANCE")
            @NotNull(message = "is required; one of LITIGATION_OR_ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG_MATTER, "
                    + "INFORMATION_DISCLOSURE, NOT_GOVERNMENT_MATTER, UNLAWFUL_OR_ABUSIVE, NO_SUBSTANCE") RefusalReason reasonCode,
            @Schema(description = "LITIGATION, ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG, INFORMATION_DISCLOSURE or NONE")
            @NotNull(message = "is required; one of LITIGATION, ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG, "
                    + "INFORMATION_DISCLOSURE, NONE") LegalRoute route,
            @Schema(description = "Shown to the petitioner", examples = "该劳动争议已由区劳动人事争议仲裁院受理，请通过仲裁程序解决。")
            @NotBlank(message = "is required") @Size(min = 10, max = 1000, message = "must be 10 to 1000 characters") String reason) {
    }

    @Schema(name = "HandOff", description = "An emergency service or a utility's own hotline takes the request over")
    public record HandOff(
            @Schema(description = "POLICE_110, FIRE_119, AMBULANCE_120, TRAFFIC_POLICE_122 or UTILITY_HOTLINE")
            @NotNull(message = "is required; one of POLICE_110, FIRE_119, AMBULANCE_120, TRAFFIC_POLICE_122, UTILITY_HOTLINE")
            HandOffTarget target,
            @Schema(description = "The hotline's name; required for UTILITY_HOTLINE", examples = "国网重庆电力 95598")
            @Size(max = 100, message = "must be at most 100 characters") String targetName,
            @Schema(description = "Shown to the petitioner", examples = "燃气泄漏，已转119现场处置。")
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    @Schema(name = "ReturnRequest", description = "退单: why the case is not the unit's")
    public record ReturnRequest(
            @NotNull(message = "is required; one of NOT_OUR_JURISDICTION, WRONG_REGION, DUPLICATE_REQUEST, INSUFFICIENT_INFORMATION, HANDLED_BY_OTHER_CHANNEL, OTHER")
            ReturnReason reasonCode,
            @Schema(examples = "停车位规划属于区城市管理局职责") @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String reason) {
    }

    @Schema(name = "Ruling", description = "审定: where a returned case goes")
    public record Ruling(
            @Schema(description = "REDISPATCH to unitId, or INSIST that the unit that returned it handles it")
            @NotNull(message = "is required; REDISPATCH or INSIST") CaseService.RulingDecision decision,
            @Schema(description = "Required for REDISPATCH", examples = "500108-urban-management") @Size(max = 64) String unitId,
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    @Schema(name = "Transfer", description = "转办: move the case to another unit")
    public record Transfer(
            @Schema(examples = "500108-urban-management") @NotBlank(message = "is required") @Size(max = 64) String unitId,
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    @Schema(name = "CoHandler", description = "协办: a unit that helps the lead unit")
    public record CoHandler(@Schema(examples = "500108-housing") @NotBlank(message = "is required") @Size(max = 64) String unitId) {
    }

    @Schema(name = "ExtensionRequest", description = "延期: more working days to answer")
    public record ExtensionRequest(
            @Schema(description = "1 to minhu.assignment.limits.max-extension-working-days (default 10)", examples = "5")
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") Integer workingDays,
            @Schema(examples = "需协调区住建委现场勘查") @NotBlank(message = "is required") @Size(max = 1000) String reason) {
    }

    @Schema(name = "ExtensionDecision")
    public record ExtensionDecision(
            @NotNull(message = "is required") Boolean approve,
            @NotBlank(message = "is required") @Size(max = 1000) String reason) {
    }

    @Schema(name = "NewCaseNote", description = "内部备注: a note for the units handling the case and the governance centre, never for the petitioner")
    public record NoteRequest(
            @Schema(description = "5 to 2000 characters", examples = "已电话联系卫生院院长，周三前回复药品采购计划。")
            @NotBlank(message = "is required") @Size(min = 5, max = 2000, message = "must be 5 to 2000 characters")
            String text) {
    }

    @Schema(name = "CaseNote", description = "内部备注: internal to the units handling the case and the governance centre over it")
    public record NoteView(long id, UUID caseId, String text,
                           @Schema(description = "The author's subject (the token's sub)") String authorSubject,
                           @Schema(description = "The unit the author acted for") String authorUnitId,
                           OffsetDateTime createdAt) {
        static NoteView of(CaseNote n) {
            return new NoteView(n.id, n.caseId, n.text, n.author, n.authorUnitId, ChinaTime.of(n.createdAt));
        }
    }

    @Schema(name = "OfficerAssignment", description = "指派承办人: the lead unit's staff member who handles the case")
    public record OfficerAssignment(
            @Schema(description = "The staff member's subject (the sub of their token)", examples = "li.wei@Z-WSJKQ-health")
            @NotBlank(message = "is required")
            @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}",
                    message = "must be a staff member's subject: 1 to 64 letters, digits or . _ : @ -") String officerId) {
    }
}
