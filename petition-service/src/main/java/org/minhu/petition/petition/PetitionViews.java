package org.minhu.petition.petition;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.petition.catalogue.CatalogueViews;

/** What the petition endpoints answer. Times are ISO 8601 in China Standard Time (+08:00). */
public final class PetitionViews {

    private PetitionViews() {
    }

    @Schema(name = "Petition", description = "A request with its timeline, as its petitioner sees it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PetitionView(
            UUID id,
            @Schema(description = "Human tracking number", examples = "CQ-20261124-000123") String trackingNumber,
            PetitionStatus status,
            String title,
            String description,
            CatalogueViews.Ref category,
            CatalogueViews.Ref region,
            CatalogueViews.Ref town,
            LocationView location,
            Channel channel,
            ContactView contact,
            OffsetDateTime submittedAt,
            OffsetDateTime updatedAt,
            @Schema(description = "The unit handling the request, once dispatched") CatalogueViews.Name handlingUnit,
            @Schema(description = "When the unit must answer by") OffsetDateTime answerDeadline,
            @Schema(description = "The unit's reply (答复), once answered") String reply,
            OffsetDateTime answeredAt,
            @Schema(description = "Until when the petitioner may rate the latest answer (评价), once its rating round is open")
            OffsetDateTime ratingOpenUntil,
            @Schema(description = "Every status change and addition, oldest first") List<TimelineView> timeline,
            @Schema(description = "What the caller may do now: for the petitioner, add-information (补充诉求) until the "
                    + "request is answered, withdraw (撤回) while no unit has signed for it; empty for anyone else")
            List<String> allowedActions,
            @Schema(description = "Photos and PDFs the petitioner attached to the request itself (附件, kind PETITION), oldest "
                    + "first, with their download URLs; for whoever may read the request (auditors see the list but may not "
                    + "download). An addition's files are on its timeline entry, the units' evidence in evidence")
            List<org.minhu.petition.attachment.AttachmentView> attachments,
            @Schema(description = "The evidence (办结材料, kind EVIDENCE) the units leading the case uploaded, oldest first, each "
                    + "with its uploaderUnit; for the same readers as attachments")
            List<org.minhu.petition.attachment.AttachmentView> evidence,
            @Schema(description = "How many other citizens said they have this problem too (附议); never who", examples = "3")
            long supporters) {
        // built in one place only, PetitionMapper.toView: a new field is one edit there
    }

    @Schema(name = "PetitionSummary", description = "A request in a list")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PetitionSummary(
            UUID id,
            String trackingNumber,
            PetitionStatus status,
            String title,
            CatalogueViews.Ref category,
            CatalogueViews.Ref region,
            CatalogueViews.Ref town,
            Channel channel,
            OffsetDateTime submittedAt,
            OffsetDateTime updatedAt,
            CatalogueViews.Name handlingUnit) {
    }

    @Schema(name = "PetitionPage", description = "One page of requests, newest first")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PetitionPage(
            List<PetitionSummary> items,
            int limit,
            @Schema(description = "Pass as cursor to get the next page; absent on the last page") String nextCursor) {
    }

    @Schema(name = "PetitionLocation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationView(BigDecimal latitude, BigDecimal longitude, String address) {
    }

    @Schema(name = "PetitionContact")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(
            @Schema(description = "Absent when the petitioner hid it from the caller (nameHidden)") String name,
            String phone,
            @Schema(description = "The petitioner hid their name from the handling unit; only they and the governance centres see it")
            boolean nameHidden) {
    }

    @Schema(name = "TimelineEntry", description = "One status change: when, who, what")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineView(
            PetitionStatus status,
            OffsetDateTime at,
            @Schema(description = "CITIZEN, PLATFORM, UNIT or GOVERNANCE_CENTRE", examples = "CITIZEN") String actorType,
            @Schema(description = "The unit's name when a unit acted (never a staff member's name)") String actorName,
            @Schema(description = "What happened, for example the channel or the unit's reply; the text added for an ADDITION") String note,
            @Schema(description = "STATUS: a status change; ADDITION: the petitioner added information (补充诉求), status unchanged",
                    examples = "STATUS") String kind,
            @Schema(description = "On WITHDRAWN, REJECTED (不予受理) and HANDED_OFF: the reason code, or the hand-off's target "
                    + "(POLICE_110, FIRE_119, AMBULANCE_120, TRAFFIC_POLICE_122, UTILITY_HOTLINE)", examples = "LITIGATION_OR_ARBITRATION")
            String reasonCode,
            @Schema(description = "On REJECTED, where to turn instead (LITIGATION, ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG, "
                    + "INFORMATION_DISCLOSURE, NONE); on HANDED_OFF to a utility, its hotline", examples = "ARBITRATION") String route,
            @Schema(description = "On ADDITION: the addition's id, to attach files to it (additionId of an upload)", examples = "42")
            Long additionId,
            @Schema(description = "On ADDITION: the files the petitioner attached to it (kind ADDITION), oldest first")
            List<org.minhu.petition.attachment.AttachmentView> attachments) {
    }

    @Schema(name = "Addition", description = "Information the petitioner added to their request (补充诉求)")
    public record AdditionView(long id, UUID petitionId, String text, OffsetDateTime addedAt) {
    }
}
