package org.minhu.assignment.replies;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.assignment.unit.StaffIdentity;
import org.minhu.assignment.unit.Unit;
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.input.SingleLine;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.time.ChinaTime;

/** 答复模板: a unit's reply templates, kept by its own staff (and an administrator). */
// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/units/{unitId}/reply-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reply templates", description = "答复模板: a unit's reply templates, filled for a case as a draft answer")
@APIResponse(responseCode = "401", description = "No identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid input (each field named; an unknown variable names body and the variable)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such template, or not the caller's unit",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReplyTemplateResource {

    static final String VARIABLES = "The body may hold the variables {{trackingNumber}} (受理编号), {{unitName}} (the lead unit's name), "
            + "{{filedDate}} (the day the request was filed, as 2026年12月3日) and {{title}} (the request's title); any other "
            + "{{…}}, or a {{ or }} that opens or closes none, is refused (400 naming body and the variable).";

    private final StaffIdentity identity;

    public ReplyTemplateResource(StaffIdentity identity) {
        this.identity = identity;
    }

    @Schema(name = "ReplyTemplate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateView(UUID id, String unitId,
                               @Schema(description = "The category it is meant for; absent: any") String categoryCode,
                               String title, String body, String createdBy, OffsetDateTime createdAt,
                               String updatedBy, OffsetDateTime updatedAt) {
        static TemplateView of(ReplyTemplate t) {
            return new TemplateView(t.id, t.unitId, t.categoryCode, t.title, t.body, t.createdBy, ChinaTime.of(t.createdAt),
                    t.updatedBy, ChinaTime.of(t.updatedAt));
        }
    }

    @Schema(name = "NewReplyTemplate")
    public record TemplateRequest(
            @Schema(description = "A category code, or absent for any category", examples = "health")
            @Size(max = 64, message = "must be at most 64 characters") String categoryCode,
            @Schema(examples = "药品配备类答复") @NotBlank(message = "is required") @SingleLine
            @Size(max = 100, message = "must be at most 100 characters") String title,
            @Schema(description = "At most 4000 characters. " + VARIABLES,
                    examples = "您于{{filedDate}}提交的诉求（受理编号{{trackingNumber}}）“{{title}}”已收悉。经{{unitName}}核实，……")
            @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String body) {
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The unit's reply templates",
            description = "For the unit's own staff and administrators. With categoryCode: that category's templates and those for any category.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TemplateView[].class)))
    public List<TemplateView> list(@PathParam("unitId") String unitId,
                                   @Parameter(description = "Only templates for this category or for any", example = "health")
                                   @QueryParam("categoryCode") String categoryCode) {
        ownUnit(unitId);
        List<ReplyTemplate> rows = categoryCode == null
                ? ReplyTemplate.list("unitId = ?1 order by categoryCode nulls last, title, id", unitId)
                : ReplyTemplate.list("unitId = ?1 and (categoryCode = ?2 or categoryCode is null) "
                        + "order by categoryCode nulls last, title, id", unitId, categoryCode);
        return rows.stream().map(TemplateView::of).toList();
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{templateId}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One reply template")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    public TemplateView get(@PathParam("unitId") String unitId, @PathParam("templateId") UUID templateId) {
        ownUnit(unitId);
        return TemplateView.of(find(unitId, templateId));
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a reply template (答复模板)", description = "By the unit's own staff or an administrator. " + VARIABLES)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "422", description = "Unknown category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("unitId") String unitId,
                        @Valid @NotNull(message = "a JSON body is required") TemplateRequest body) {
        String who = ownUnit(unitId);
        checked(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReplyTemplate t = new ReplyTemplate();
        t.id = UUID.randomUUID();
        t.unitId = unitId;
        t.createdBy = who;
        t.createdAt = now;
        apply(t, body, who, now);
        t.persist();
        return Response.created(URI.create("/api/v1/units/" + unitId + "/reply-templates/" + t.id))
                .entity(TemplateView.of(t)).build();
    }

    @PUT
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{templateId}")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a reply template", description = "By the unit's own staff or an administrator. " + VARIABLES)
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "422", description = "Unknown category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateView replace(@PathParam("unitId") String unitId, @PathParam("templateId") UUID templateId,
                                @Valid @NotNull(message = "a JSON body is required") TemplateRequest body) {
        String who = ownUnit(unitId);
        ReplyTemplate t = find(unitId, templateId);
        checked(body);
        apply(t, body, who, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return TemplateView.of(t);
    }

    @DELETE
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{templateId}")
    @Transactional
    @Operation(summary = "Delete a reply template", description = "Answers already sent keep their text.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("unitId") String unitId, @PathParam("templateId") UUID templateId) {
        ownUnit(unitId);
        find(unitId, templateId).delete();
    }

    /** The caller acts for {@code unitId} (or is an administrator); 404 otherwise. Returns who, for the record. */
    private String ownUnit(String unitId) {
        UnitCaller caller = identity.unit();
        boolean own = caller.actsForUnit() && caller.unitId().equals(unitId);
        if (!own && !(identity.isAdmin() && Unit.findById(unitId) != null)) {
            throw ProblemException.notFound("No reply templates of unit " + unitId + " for the caller");
        }
        return identity.subject();
    }

    private static ReplyTemplate find(String unitId, UUID templateId) {
        return ReplyTemplate.<ReplyTemplate>findByIdOptional(templateId).filter(t -> t.unitId.equals(unitId))
                .orElseThrow(() -> ProblemException.notFound("No reply template " + templateId + " of unit " + unitId));
    }

    private static void checked(TemplateRequest body) {
        TemplateVariables.check(body.body());
        if (body.categoryCode() != null && ReplyTemplate.getEntityManager()
                .createNativeQuery("SELECT 1 FROM category WHERE code = ?1").setParameter(1, body.categoryCode())
                .getResultList().isEmpty()) {
            throw ProblemException.unknownValue("categoryCode", body.categoryCode(), "unknown category");
        }
    }

    private static void apply(ReplyTemplate t, TemplateRequest body, String who, Instant now) {
        t.categoryCode = body.categoryCode();
        t.title = body.title().strip();
        t.body = body.body().strip();
        t.updatedBy = who;
        t.updatedAt = now;
    }
}
