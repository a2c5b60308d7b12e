package org.minhu.assignment.knowledge;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.common.time.ChinaTime;

/** What the knowledge base's endpoints answer and accept. Dates are China dates (YYYY-MM-DD). */
public final class KnowledgeViews {

    private KnowledgeViews() {
    }

    @Schema(name = "NewKnowledgeEntry", description = "知识库: a question, its answer and the policy it rests on")
    public record EntryRequest(
            @Schema(examples = "health") @NotBlank(message = "is required") @Size(max = 64) String categoryCode,
            @Schema(description = "The owner unit: the caller's own (an administrator may name any)", examples = "Z-WSJKQ-health")
            @NotBlank(message = "is required") @Size(max = 64) String unitId,
            @Schema(examples = "乡镇卫生院可以配备哪些慢性病常用药？")
            @NotBlank(message = "is required") @Size(min = 5, max = 500, message = "must be 5 to 500 characters") String question,
            @Schema(examples = "乡镇卫生院按国家基本药物目录配备降压、降糖等慢性病常用药，缺药时可登记后由区药品配送企业补送。")
            @NotBlank(message = "is required") @Size(min = 10, max = 4000, message = "must be 10 to 4000 characters") String answer,
            @Schema(examples = "《国家基本药物目录（2018年版）》；《重庆市基层医疗卫生机构药品配备使用管理办法》")
            @Size(max = 1000, message = "must be at most 1000 characters") String policyBasis,
            @Schema(examples = "2026-01-01") @NotNull(message = "is required") LocalDate validFrom,
            @Schema(description = "The last day it holds; absent: until further notice. Not before validFrom", examples = "2026-12-31")
            LocalDate validUntil,
            @Schema(description = "Shown without signing in while valid") @NotNull(message = "is required")
            @JsonProperty("public") Boolean isPublic,
            @Schema(description = "When the owner unit checks it again; after that day it is flagged reviewOverdue", examples = "2026-06-30")
            @NotNull(message = "is required") LocalDate reviewBy) {
    }

    @Schema(name = "KnowledgeEntry", description = "An entry as staff see it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryView(UUID id, String categoryCode, String unitId, String question, String answer, String policyBasis,
                            LocalDate validFrom, LocalDate validUntil, @JsonProperty("public") boolean isPublic,
                            LocalDate reviewBy,
                            @Schema(description = "reviewBy has passed (China date)") boolean reviewOverdue,
                            @Schema(description = "validFrom ≤ today ≤ validUntil (China date)") boolean validToday,
                            String createdBy, OffsetDateTime createdAt, String updatedBy, OffsetDateTime updatedAt) {
        static EntryView of(KnowledgeEntry e, LocalDate today) {
            return new EntryView(e.id, e.categoryCode, e.unitId, e.question, e.answer, e.policyBasis, e.validFrom,
                    e.validUntil, e.isPublic, e.reviewBy, e.reviewBy.isBefore(today), validOn(e, today),
                    e.createdBy, ChinaTime.of(e.createdAt), e.updatedBy, ChinaTime.of(e.updatedAt));
        }
    }

    @Schema(name = "PublicKnowledgeEntry", description = "A public entry valid today, as anyone sees it: no staff member named")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicEntryView(UUID id, String categoryCode, String unitId, String unitName, String question, String answer,
                                  String policyBasis, LocalDate validFrom, LocalDate validUntil) {
        static PublicEntryView of(KnowledgeEntry e, String unitName) {
            return new PublicEntryView(e.id, e.categoryCode, e.unitId, unitName, e.question, e.answer, e.policyBasis,
                    e.validFrom, e.validUntil);
        }
    }

    @Schema(name = "KnowledgePage")
    public record EntryPage(List<EntryView> items, int limit, int offset) {
    }

    @Schema(name = "PublicKnowledgePage")
    public record PublicEntryPage(List<PublicEntryView> items, int limit, int offset) {
    }

    static boolean validOn(KnowledgeEntry e, LocalDate day) {
        return !e.validFrom.isAfter(day) && (e.validUntil == null || !e.validUntil.isBefore(day));
    }
}
