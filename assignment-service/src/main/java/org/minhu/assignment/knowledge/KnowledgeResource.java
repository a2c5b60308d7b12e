package org.minhu.assignment.knowledge;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.assignment.unit.StaffIdentity;
import org.minhu.assignment.unit.Unit;
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;

/**
 * 知识库 for staff: every entry, searched by text, category, owner unit and overdue review. An entry
 * is changed only by the staff of the unit that owns it, and by administrators; other staff read it
 * (so their change is 403, not 404: the entry is no secret to them).
 */
// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge base", description = "知识库: questions, answers and their policy basis, kept by the owning unit")
@APIResponse(responseCode = "401", description = "No identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid input (each field or parameter named)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KnowledgeResource {

    private final StaffIdentity identity;

    public KnowledgeResource(StaffIdentity identity) {
        this.identity = identity;
    }

    static LocalDate today() {
        return LocalDate.now(ChinaTime.ZONE);
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Search the knowledge base (staff: every entry)",
            description = "q: a substring of the question or the answer, any case (1 to 100 characters). Each entry says "
                    + "whether its review date has passed (reviewOverdue) and whether it holds today (validToday), China dates.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = KnowledgeViews.EntryPage.class)))
    public KnowledgeViews.EntryPage search(
            @Parameter(description = "Text in the question or the answer", example = "降压药") @QueryParam("q") String q,
            @Parameter(example = "health") @QueryParam("categoryCode") String categoryCode,
            @Parameter(description = "The owner unit", example = "Z-WSJKQ-health") @QueryParam("unitId") String unitId,
            @Parameter(description = "true: only entries whose review date has passed; false: only the others")
            @QueryParam("overdueReview") Boolean overdueReview,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        identity.unit();
        LocalDate today = today();
        int lim = limit == null ? 20 : limit;
        int off = offset == null ? 0 : offset;
        List<KnowledgeEntry> rows = new KnowledgeSearch().text(q).equal("categoryCode", "category", categoryCode)
                .equal("unitId", "unit", unitId).reviewOverdue(overdueReview, today).page(lim, off);
        return new KnowledgeViews.EntryPage(rows.stream().map(e -> KnowledgeViews.EntryView.of(e, today)).toList(), lim, off);
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One knowledge-base entry")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = KnowledgeViews.EntryView.class)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KnowledgeViews.EntryView get(@PathParam("id") UUID id) {
        identity.unit();
        return KnowledgeViews.EntryView.of(find(id), today());
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an entry (知识库)", description = "By staff of the owner unit (unitId: their own) or an administrator.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = KnowledgeViews.EntryView.class)))
    @APIResponse(responseCode = "403", description = "unitId is not the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category or unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@Valid @NotNull(message = "a JSON body is required") KnowledgeViews.EntryRequest body) {
        String who = owner(body.unitId());
        checked(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KnowledgeEntry e = new KnowledgeEntry();
        e.id = UUID.randomUUID();
        e.createdBy = who;
        e.createdAt = now;
        apply(e, body, who, now);
        e.persist();
        return Response.created(URI.create("/api/v1/knowledge/" + e.id)).entity(KnowledgeViews.EntryView.of(e, today())).build();
    }

    @PUT
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an entry", description = "By staff of the unit that owns it (who keep it theirs) or an administrator.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = KnowledgeViews.EntryView.class)))
    @APIResponse(responseCode = "403", description = "Another unit's entry, or unitId not the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category or unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KnowledgeViews.EntryView replace(@PathParam("id") UUID id,
                                            @Valid @NotNull(message = "a JSON body is required") KnowledgeViews.EntryRequest body) {
        KnowledgeEntry e = find(id);
        owner(e.unitId);
        String who = owner(body.unitId());
        checked(body);
        apply(e, body, who, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return KnowledgeViews.EntryView.of(e, today());
    }

    @DELETE
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Delete an entry", description = "By staff of the unit that owns it or an administrator.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Another unit's entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        KnowledgeEntry e = find(id);
        owner(e.unitId);
        e.delete();
    }

    /** The caller acts for {@code unitId}, or is an administrator; 403 naming unitId otherwise. Returns who, for the record. */
    private String owner(String unitId) {
        UnitCaller caller = identity.unit();
        if (!identity.isAdmin() && !(caller.actsForUnit() && caller.unitId().equals(unitId))) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Knowledge-base entries of " + unitId
                            + " are kept by that unit's staff; " + caller.unitId() + " reads them only")
                    .withErrors(List.of(new Problem.FieldError("unitId", "not the caller's unit " + caller.unitId()))));
        }
        return identity.subject();
    }

    private static KnowledgeEntry find(UUID id) {
        return KnowledgeEntry.<KnowledgeEntry>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No knowledge-base entry " + id));
    }

    private static void checked(KnowledgeViews.EntryRequest body) {
        if (body.validUntil() != null && body.validUntil().isBefore(body.validFrom())) {
            throw ProblemException.invalidParameter("validUntil", "must not be before validFrom " + body.validFrom());
        }
        if (KnowledgeEntry.getEntityManager().createNativeQuery("SELECT 1 FROM category WHERE code = ?1")
                .setParameter(1, body.categoryCode()).getResultList().isEmpty()) {
            throw ProblemException.unknownValue("categoryCode", body.categoryCode(), "unknown category");
        }
        Unit unit = Unit.findById(body.unitId());
        if (unit == null) {
            throw ProblemException.unknownValue("unitId", body.unitId(), "unknown unit");
        }
    }

    private static void apply(KnowledgeEntry e, KnowledgeViews.EntryRequest body, String who, Instant now) {
        e.categoryCode = body.categoryCode();
        e.unitId = body.unitId();
        e.question = body.question().strip();
        e.answer = body.answer().strip();
        e.policyBasis = body.policyBasis() == null || body.policyBasis().isBlank() ? null : body.policyBasis().strip();
        e.validFrom = body.validFrom();
        e.validUntil = body.validUntil();
        e.isPublic = body.isPublic();
        e.reviewBy = body.reviewBy();
        e.updatedBy = who;
        e.updatedAt = now;
    }
}
