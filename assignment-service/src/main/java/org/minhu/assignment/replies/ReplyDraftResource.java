package org.minhu.assignment.replies;

import java.util.Map;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.assignment.cases.CasePolicy;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.unit.StaffIdentity;
import org.minhu.assignment.unit.Unit;
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

/** A reply template filled for one case: the draft the clerk edits and sends as the answer. */
// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/cases/{id}/reply-draft")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reply templates")
@APIResponse(responseCode = "401", description = "No identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReplyDraftResource {

    private final StaffIdentity identity;

    public ReplyDraftResource(StaffIdentity identity) {
        this.identity = identity;
    }

    @Schema(name = "ReplyDraft", description = "A template filled for a case; edit it and send it as POST /api/v1/cases/{id}/answer {reply}")
    public record Draft(UUID caseId, UUID templateId,
                        @Schema(description = "The filled body. The answer's own rule still applies when it is sent: 10 to 4000 characters")
                        String reply) {
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "A reply template filled for the case (答复草稿)",
            description = "For staff who see the case, with a template of their own unit: {{trackingNumber}}, {{unitName}} "
                    + "(the lead unit), {{filedDate}} (2026年12月3日) and {{title}} filled. Nothing is sent or stored: the clerk "
                    + "edits the draft and answers with it.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Draft.class)))
    @APIResponse(responseCode = "400", description = "templateId missing or not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case or template, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Draft draft(@PathParam("id") UUID id,
                       @Parameter(description = "A reply template of the caller's unit", required = true)
                       @QueryParam("templateId") String templateId) {
        UnitCaller caller = identity.unit();
        boolean admin = identity.isAdmin();
        // the case first: someone who may not see it learns nothing from how their parameters are judged
        PetitionCase c = PetitionCase.<PetitionCase>findByIdOptional(id).filter(found -> admin || CasePolicy.maySee(caller, found))
                .orElseThrow(() -> ProblemException.notFound("No case " + id));
        if (templateId == null) {
            throw ProblemException.invalidParameter("templateId", "is required");
        }
        UUID template;
        try {
            template = UUID.fromString(templateId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("templateId", "must be a reply template's id (UUID)");
        }
        ReplyTemplate t = ReplyTemplate.<ReplyTemplate>findByIdOptional(template)
                .filter(found -> admin || caller.actsForUnit() && found.unitId.equals(caller.unitId()))
                .orElseThrow(() -> ProblemException.notFound("No reply template " + templateId + " of unit " + caller.unitId()));
        Unit lead = Unit.findById(c.leadUnitId);
        String filled = TemplateVariables.fill(t.body, Map.of(
                "trackingNumber", c.trackingNumber,
                "unitName", lead == null ? c.leadUnitId : lead.nameZh,
                "filedDate", TemplateVariables.chineseDate(c.dispatchedAt),
                "title", c.title));
        return new Draft(c.id, t.id, filled);
    }
}
