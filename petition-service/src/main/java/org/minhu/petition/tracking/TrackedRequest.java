package org.minhu.petition.tracking;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.petition.catalogue.CatalogueViews;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.petition.petition.PetitionViews;
import org.minhu.petition.petition.TimelineEntry;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A request as anyone with its tracking number and the phone's last four digits sees it: no personal data. */
@Schema(name = "TrackedRequest", description = "Where a request stands, without personal data: no title, description, "
        + "address, contact or petitioner; phone and ID numbers, e-mail and street addresses masked in the reply and the timeline")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackedRequest(
        @Schema(examples = "CQ-20261124-000123") String trackingNumber,
        PetitionStatus status,
        CatalogueViews.Ref category,
        CatalogueViews.Ref region,
        CatalogueViews.Ref town,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        @Schema(description = "The unit handling the request, once dispatched") CatalogueViews.Name handlingUnit,
        @Schema(description = "When the unit must answer by") OffsetDateTime answerDeadline,
        @Schema(description = "The unit's reply (答复), once answered, masked") String reply,
        OffsetDateTime answeredAt,
        @Schema(description = "Every status change, oldest first") List<PetitionViews.TimelineView> timeline) {

    /**
     * From the request as an auditor sees it (masked texts, no contact, no address), keeping only what the lookup
     * shows: the petitioner's additions are their own text, like the description, and are left out.
     */
    static TrackedRequest of(PetitionViews.PetitionView masked) {
        return new TrackedRequest(masked.trackingNumber(), masked.status(), masked.category(), masked.region(), masked.town(),
                masked.submittedAt(), masked.updatedAt(), masked.handlingUnit(), masked.answerDeadline(), masked.reply(),
                masked.answeredAt(), masked.timeline().stream().filter(e -> !TimelineEntry.ADDITION.equals(e.kind())).toList());
    }
}
