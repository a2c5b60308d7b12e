package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.assignment.caller.StaffIdentity;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

import io.quarkus.panache.common.Page;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "The units' work queue (工单) and their actions")
@APIResponse(responseCode = "401", description = "No unit identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CaseResource {

    private final CaseService service;
    private final StaffIdentity identity;

    public CaseResource(CaseService service, StaffIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The caller's work queue", description = "A unit sees the cases it leads; a district governance centre its region's; the city's centre all.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CasePage.class)))
    @APIResponse(responseCode = "400", description = "An invalid filter (the parameter is named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CasePage list(
            @Parameter(name = StaffIdentity.HEADER, in = ParameterIn.HEADER, required = true, description = StaffIdentity.DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING), example = "Z-WSJKQ-health")
            @jakarta.ws.rs.HeaderParam(StaffIdentity.HEADER) String unitHeader,
            @Parameter(schema = @Schema(implementation = CaseStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "true: only cases past their answer deadline") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "Answer deadline before this ISO date-time", example = "2026-12-01T00:00:00+08:00") @QueryParam("dueBefore") String dueBefore,
            @QueryParam("category") String category,
            @Parameter(schema = @Schema(enumeration = {"deadline", "dispatched"})) @QueryParam("sort") String sort,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        UnitCaller caller = identity.unit();
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (isGovernanceCentre(caller)) {
            if (!"CITY".equals(caller.level())) {
                where.append("regionCode = :region");
                params.put("region", caller.regionCode());
            } else {
                where.append("1 = 1");
            }
        } else {
            where.append("leadUnitId = :unit");
            params.put("unit", caller.unitId());
        }
        if (status != null) {
            try {
                params.put("status", CaseStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidParameter("status", "must be one of " + List.of(CaseStatus.values()));
            }
            where.append(" and status = :status");
        }
        if (Boolean.TRUE.equals(overdue)) {
            where.append(" and status <> :answered and answerDeadline < :now");
            params.put("answered", CaseStatus.ANSWERED);
            params.put("now", Instant.now());
        }
        if (dueBefore != null) {
            try {
                params.put("dueBefore", java.time.OffsetDateTime.parse(dueBefore).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidParameter("dueBefore", "must be an ISO date-time with offset");
            }
            where.append(" and answerDeadline < :dueBefore");
        }
        if (category != null) {
            where.append(" and categoryCode = :category");
            params.put("category", category);
        }
        String order;
        if (sort == null || sort.equals("deadline")) {
            order = " order by answerDeadline, id";
        } else if (sort.equals("dispatched")) {
            order = " order by dispatchedAt desc, id";
        } else {
            throw ProblemException.invalidParameter("sort", "must be deadline or dispatched");
        }
        int lim = limit == null ? 20 : limit;
        int off = offset == null ? 0 : offset;
        if (lim < 1 || lim > 100) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and 100");
        }
        if (off < 0) {
            throw ProblemException.invalidParameter("offset", "must not be negative");
        }
        List<PetitionCase> rows = PetitionCase.<PetitionCase>find(where + order, params)
                .range(off, off + lim - 1).list();
        return new CaseViews.CasePage(rows.stream().map(c -> CaseViews.CaseView.of(c, caller, null)).toList(), lim, off);
    }

    @GET
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One case with its full history")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CaseView.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CaseView get(
            @Parameter(name = StaffIdentity.HEADER, in = ParameterIn.HEADER, required = true, description = StaffIdentity.DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING))
            @jakarta.ws.rs.HeaderParam(StaffIdentity.HEADER) String unitHeader,
            @PathParam("id") UUID id) {
        UnitCaller caller = identity.unit();
        PetitionCase c = service.visible(caller, id).orElseThrow(() -> ProblemException.notFound("No case " + id));
        return CaseViews.CaseView.of(c, caller, service.history(id));
    }

    @POST
    @Path("/{id}/sign")
    @Operation(summary = "Sign for the case (签收)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CaseView.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the case's state; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CaseView sign(
            @Parameter(name = StaffIdentity.HEADER, in = ParameterIn.HEADER, required = true, description = StaffIdentity.DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING))
            @jakarta.ws.rs.HeaderParam(StaffIdentity.HEADER) String unitHeader,
            @PathParam("id") UUID id) {
        UnitCaller caller = identity.unit();
        return CaseViews.CaseView.of(service.sign(caller, id), caller, null);
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the citizen (答复)", description = "The reply is shown to the citizen under the unit's name.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CaseView.class)))
    @APIResponse(responseCode = "400", description = "Reply missing or shorter than 10 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the case's state; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CaseView answer(
            @Parameter(name = StaffIdentity.HEADER, in = ParameterIn.HEADER, required = true, description = StaffIdentity.DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING))
            @jakarta.ws.rs.HeaderParam(StaffIdentity.HEADER) String unitHeader,
            @PathParam("id") UUID id,
            @Valid @NotNull(message = "a JSON body is required") CaseViews.Answer body) {
        UnitCaller caller = identity.unit();
        return CaseViews.CaseView.of(service.answer(caller, id, body.reply()), caller, null);
    }

    private static boolean isGovernanceCentre(UnitCaller caller) {
        return org.minhu.assignment.unit.Unit.GOVERNANCE_CENTRE.equals(caller.kind());
    }
}
