package org.minhu.assignment.knowledge;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.problem.Problem;

/** 知识库 without signing in: the public entries valid today, naming no staff member. */
@Path("/api/v1/knowledge/public")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge base")
@PermitAll
public class PublicKnowledgeResource {

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Search the public knowledge base without signing in",
            description = "Only entries marked public and valid today (validFrom ≤ today ≤ validUntil, China date); no staff "
                    + "member, review date or other internal field. q: a substring of the question or the answer (1 to 100 characters).")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = KnowledgeViews.PublicEntryPage.class)))
    @APIResponse(responseCode = "400", description = "An invalid parameter, named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KnowledgeViews.PublicEntryPage search(
            @Parameter(description = "Text in the question or the answer", example = "降压药") @QueryParam("q") String q,
            @Parameter(example = "health") @QueryParam("categoryCode") String categoryCode,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        LocalDate today = KnowledgeResource.today();
        int lim = limit == null ? 20 : limit;
        int off = offset == null ? 0 : offset;
        List<KnowledgeEntry> rows = new KnowledgeSearch().text(q).equal("categoryCode", "category", categoryCode)
                .publicAndValidOn(today).page(lim, off);
        return new KnowledgeViews.PublicEntryPage(rows.stream().map(e -> {
            Unit unit = Unit.findById(e.unitId);
            return KnowledgeViews.PublicEntryView.of(e, unit == null ? null : unit.nameZh);
        }).toList(), lim, off);
    }
}
