package org.minhu.petition.similar;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.petition.catalogue.CatalogueViews;
import org.minhu.petition.petition.PetitionStatus;

/** What the similar-requests and supporters endpoints answer: never another citizen's personal data. */
public final class SimilarViews {

    private SimilarViews() {
    }

    @Schema(name = "SimilarRequest", description = "Another open request that looks like the caller's (重复诉求提示), or one "
            + "they support (附议). Only what anyone may see: no description, contact, address, coordinates, petitioner or "
            + "attachments; personal data in the title masked with no digit of a masked number kept")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SimilarRequest(
            UUID id,
            @Schema(examples = "CQ-20261124-000123") String trackingNumber,
            @Schema(description = "The title, phone and ID numbers, e-mail and street addresses masked",
                    examples = "南坪片区夜间停车难，电话***********") String title,
            PetitionStatus status,
            @Schema(description = "The day it was filed (China time)", examples = "2026-11-24") LocalDate filedAt,
            CatalogueViews.Ref region,
            @Schema(description = "Its town or street, when given") CatalogueViews.Ref town,
            @Schema(description = "How far from the caller's coordinates, rounded up to the next 100 m; only when both have "
                    + "coordinates", examples = "300") Integer distanceMeters,
            @Schema(description = "How alike the texts are, 0 to 1 (two decimals); absent in the list of supported requests",
                    examples = "0.42") Double similarity,
            @Schema(description = "Citizens who said they have this problem too (附议)", examples = "3") long supporters,
            @Schema(description = "Whether the caller supports it") boolean supporting,
            @Schema(description = "Whether the caller filed it (then they cannot support it: follow it instead)") boolean yours) {
    }

    @Schema(name = "SimilarRequests", description = "Open requests like the one about to be filed, most alike first")
    public record SimilarList(List<SimilarRequest> items) {
    }

    @Schema(name = "SupportedRequests", description = "The requests the caller supports (附议), latest support first")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SupportedPage(
            List<SimilarRequest> items,
            int limit,
            @Schema(description = "Pass as cursor to get the next page; absent on the last page") String nextCursor) {
    }

    @Schema(name = "Support", description = "The caller's support of a request (附议) and how many support it")
    public record SupportView(UUID petitionId, @Schema(examples = "4") long supporters, boolean supporting) {
    }
}
