package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.EnumMap;
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
import jakarta.ws.rs.PUT;
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
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.assignment.unit.StaffIdentity;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "The units' work queue (工单) and their actions")
@APIResponse(responseCode = "401", description = "No unit identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid input (each field or parameter named)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CaseResource {

    private final CaseService service;
    private final StaffIdentity identity;
    private final CaseNotes notes;

    public CaseResource(CaseService service, StaffIdentity identity, CaseNotes notes) {
        this.service = service;
        this.identity = identity;
        this.notes = notes;
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The caller's work queue",
            description = "A unit sees the cases it leads or co-handles and those escalated to it; a district governance centre its region's; the city's centre and an administrator (X-Role: admin) all.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CasePage.class)))
    public CaseViews.CasePage list(
            @Parameter(schema = @Schema(implementation = CaseStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "true: only cases past their answer deadline") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "true: only cases flagged for the governance centre (returned too often)") @QueryParam("flagged") Boolean flagged,
            @Parameter(description = "Answer deadline before this ISO date-time", example = "2026-12-01T00:00:00+08:00") @QueryParam("dueBefore") String dueBefore,
            @QueryParam("category") String category,
            @Parameter(description = "Only the case of this petition (the id the citizen was given), if the caller sees it") @QueryParam("petition") String petition,
            @Parameter(description = "me: the cases whose officer (承办人) is the caller; none: those without one; or a staff member's subject") @QueryParam("officer") String officer,
            @Parameter(schema = @Schema(enumeration = {"deadline", "dispatched"})) @QueryParam("sort") String sort,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        UnitCaller caller = identity.unit();
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = visibleTo(caller, params);
        if (status != null) {
            try {
                params.put("status", CaseStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidParameter("status", "must be one of " + List.of(CaseStatus.values()));
            }
            where.append(" and status = :status");
        }
        filters(where, params, overdue, flagged, dueBefore, category);
        officer(where, params, officer);
        if (petition != null) {
            try {
                params.put("petition", UUID.fromString(petition));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidParameter("petition", "must be a petition id (UUID)");
            }
            where.append(" and petitionId = :petition");
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
        List<PetitionCase> rows = PetitionCase.<PetitionCase>find(where + order, params).range(off, off + lim - 1).list();
        return new CaseViews.CasePage(rows.stream().map(c -> CaseViews.CaseView.of(c, caller, null, null)).toList(), lim, off);
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/counts")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "How many cases of the caller's queue are in each status",
            description = "The cases the caller sees in GET /api/v1/cases (a unit: those it leads or co-handles and those "
                    + "escalated to it; a district governance centre its region's; the city's centre and an administrator all), "
                    + "with the same filters, counted per status: every status appears, 0 when none. One query; for the "
                    + "workbench's status tabs and badges, so that it need not read the queue to count it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CaseCounts.class)))
    public CaseViews.CaseCounts counts(
            @Parameter(description = "true: only cases past their answer deadline") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "true: only cases flagged for the governance centre (returned too often)") @QueryParam("flagged") Boolean flagged,
            @Parameter(description = "Answer deadline before this ISO date-time", example = "2026-12-01T00:00:00+08:00") @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "Category code", example = "health") @QueryParam("category") String category,
            @Parameter(description = "me: the cases whose officer (承办人) is the caller; none: those without one; or a staff member's subject") @QueryParam("officer") String officer) {
        UnitCaller caller = identity.unit();
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = visibleTo(caller, params);
        filters(where, params, overdue, flagged, dueBefore, category);
        officer(where, params, officer);
        var query = PetitionCase.getEntityManager().createQuery(
                "select status, count(*) from PetitionCase where " + where + " group by status", Object[].class);
        params.forEach(query::setParameter);
        Map<CaseStatus, Long> byStatus = new EnumMap<>(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            byStatus.put(s, 0L);
        }
        long total = 0;
        for (Object[] row : query.getResultList()) {
            long n = ((Number) row[1]).longValue();
            byStatus.put((CaseStatus) row[0], n);
            total += n;
        }
        return new CaseViews.CaseCounts(byStatus, total);
    }

    /** The cases {@code caller} sees in its queue, as a JPQL condition on PetitionCase (its parameters go into {@code params}). */
    private StringBuilder visibleTo(UnitCaller caller, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        if (identity.isAdmin() || (caller.isGovernanceCentre() && "CITY".equals(caller.level()))) {
            where.append("1 = 1");
        } else if (caller.isGovernanceCentre()) {
            where.append("regionCode = :region");
            params.put("region", caller.regionCode());
        } else {
            where.append("(leadUnitId = :unit or escalatedTo = :unit or id in (select u.caseId from CoUnit u where u.unitId = :unit))");
            params.put("unit", caller.unitId());
        }
        return where;
    }

    /** The officer filter of the list and the counts: me (the caller), none, or a staff member's subject. */
    private void officer(StringBuilder where, Map<String, Object> params, String officer) {
        if (officer == null) {
            return;
        }
        if (officer.equals("none")) {
            where.append(" and officerId is null");
            return;
        }
        if (!officer.equals("me") && !officer.matches("[A-Za-z0-9._:@-]{1,64}")) {
            throw ProblemException.invalidParameter("officer", "must be me, none or a staff member's subject");
        }
        where.append(" and officerId = :officer");
        params.put("officer", officer.equals("me") ? identity.subject() : officer);
    }

    /** The queue's filters shared by the list and the counts; 400 naming a parameter that is not valid. */
    private static void filters(StringBuilder where, Map<String, Object> params, Boolean overdue, Boolean flagged,
                                String dueBefore, String category) {
        if (Boolean.TRUE.equals(overdue)) {
            where.append(" and status not in :closed and answerDeadline < :now");
            params.put("closed", java.util.Arrays.stream(CaseStatus.values()).filter(CaseStatus::closed).toList());
            params.put("now", Instant.now());
        }
        if (Boolean.TRUE.equals(flagged)) {
            where.append(" and flagged = true");
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
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One case with its full history")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseViews.CaseView.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CaseView get(@PathParam("id") UUID id) {
        UnitCaller caller = identity.unit();
        PetitionCase c = (identity.isAdmin() ? PetitionCase.<PetitionCase>findByIdOptional(id) : service.visible(caller, id))
                .orElseThrow(() -> ProblemException.notFound("No case " + id));
        return view(c, caller, true);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/sign")
    @Operation(summary = "Sign for the case (签收)")
    @ActionResponses
    public CaseViews.CaseView sign(@PathParam("id") UUID id) {
        UnitCaller caller = identity.unit();
        return view(service.sign(caller, id), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/sign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign for several cases at once (批量签收)",
            description = "Signs each listed case the caller's unit may sign, each in its own transaction exactly as "
                    + "POST /api/v1/cases/{id}/sign does (the same rules, history entry and case.signed event), and reports "
                    + "each case's outcome, in the order sent, so that one case that cannot be signed never holds back the "
                    + "others: SIGNED; ALREADY_SIGNED (the unit signed it before: nothing is written, so a retry is "
                    + "harmless); CONFLICT (signing is not allowed now for the caller: the single sign's 409 problem, with "
                    + "allowedActions); NOT_FOUND (no such case, or not the caller's: never told apart). 1 to 50 ids; a "
                    + "repeated id is signed once. Always 200 once the request is valid.")
    @APIResponse(responseCode = "200", description = "Each case's outcome",
            content = @Content(schema = @Schema(implementation = CaseViews.BulkSignResults.class)))
    public CaseViews.BulkSignResults signAll(@Valid @NotNull(message = "a JSON body is required") CaseViews.BulkSign body) {
        UnitCaller caller = identity.unit();
        List<CaseViews.BulkSignResult> results = new java.util.ArrayList<>();
        // each in a transaction of its own (CaseService.signOne), in the order sent, a repeated id once
        for (UUID caseId : new java.util.LinkedHashSet<>(body.caseIds())) {
            results.add(CaseViews.BulkSignResult.of(service.signOne(caller, caseId)));
        }
        return new CaseViews.BulkSignResults(results);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand the case back (退单)",
            description = "Before signing, or within the return limit (2 working days from dispatch). The governance centre then rules.")
    @ActionResponses
    public CaseViews.CaseView returnCase(@PathParam("id") UUID id,
                                         @Valid @NotNull(message = "a JSON body is required") CaseViews.ReturnRequest body) {
        UnitCaller caller = identity.unit();
        return view(service.returnCase(caller, id, body.reasonCode(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/ruling")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rule on a returned case (审定)", description = "The region's governance centre re-dispatches it or insists.")
    @ActionResponses
    public CaseViews.CaseView rule(@PathParam("id") UUID id,
                                   @Valid @NotNull(message = "a JSON body is required") CaseViews.Ruling body) {
        UnitCaller caller = identity.unit();
        if (body.decision() == CaseService.RulingDecision.REDISPATCH && body.unitId() == null) {
            throw ProblemException.invalidParameter("unitId", "is required to REDISPATCH");
        }
        return view(service.rule(caller, id, body.decision(), body.unitId(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transfer the case to another unit (转办)", description = "By the region's governance centre.")
    @ActionResponses
    public CaseViews.CaseView transfer(@PathParam("id") UUID id,
                                       @Valid @NotNull(message = "a JSON body is required") CaseViews.Transfer body) {
        UnitCaller caller = identity.unit();
        return view(service.transfer(caller, id, body.unitId(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/co-handlers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a co-handling unit (协办)")
    @ActionResponses
    public CaseViews.CaseView addCoHandler(@PathParam("id") UUID id,
                                           @Valid @NotNull(message = "a JSON body is required") CaseViews.CoHandler body) {
        UnitCaller caller = identity.unit();
        return view(service.addCoHandler(caller, id, body.unitId()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for more time (延期)", description = "Before the answer deadline; the supervising unit decides.")
    @ActionResponses
    public CaseViews.CaseView requestExtension(@PathParam("id") UUID id,
                                               @Valid @NotNull(message = "a JSON body is required") CaseViews.ExtensionRequest body) {
        UnitCaller caller = identity.unit();
        return view(service.requestExtension(caller, id, body.workingDays(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/extension/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or deny a requested extension", description = "By the lead unit's supervising unit or the region's governance centre.")
    @ActionResponses
    public CaseViews.CaseView decideExtension(@PathParam("id") UUID id,
                                              @Valid @NotNull(message = "a JSON body is required") CaseViews.ExtensionDecision body) {
        UnitCaller caller = identity.unit();
        return view(service.decideExtension(caller, id, body.approve(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the citizen (答复)", description = "The reply is shown to the citizen under the unit's name.")
    @ActionResponses
    public CaseViews.CaseView answer(@PathParam("id") UUID id,
                                     @Valid @NotNull(message = "a JSON body is required") CaseViews.Answer body) {
        UnitCaller caller = identity.unit();
        return view(service.answer(caller, id, body.reply()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse the request as out of remit (不予受理)",
            description = "By the region's governance centre, before the case is answered: a reason code from a fixed list and "
                    + "the legal route the petitioner should take instead (litigation, arbitration, administrative review, 信访, "
                    + "information disclosure), both shown to the petitioner. The case closes as REFUSED: never answered or rated, "
                    + "counted apart in the statistics.")
    @ActionResponses
    public CaseViews.CaseView refuse(@PathParam("id") UUID id,
                                     @Valid @NotNull(message = "a JSON body is required") CaseViews.Refusal body) {
        UnitCaller caller = identity.unit();
        return view(service.refuse(caller, id, body.reasonCode(), body.route(), body.reason()), caller, false);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/hand-off")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand the request to an emergency service or a utility's hotline",
            description = "By the region's governance centre, at once, while the case is open: 110, 119, 120, 122, or a utility's "
                    + "own hotline (named). The hand-off is recorded with its time and target and shown to the petitioner; the "
                    + "case closes as HANDED_OFF, counted apart in the statistics.")
    @ActionResponses
    public CaseViews.CaseView handOff(@PathParam("id") UUID id,
                                      @Valid @NotNull(message = "a JSON body is required") CaseViews.HandOff body) {
        UnitCaller caller = identity.unit();
        if (body.target() == HandOffTarget.UTILITY_HOTLINE && (body.targetName() == null || body.targetName().isBlank())) {
            throw ProblemException.invalidParameter("targetName", "is required for UTILITY_HOTLINE");
        }
        return view(service.handOff(caller, id, body.target(), body.targetName(), body.reason()), caller, false);
    }

    @PUT
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a staff member in charge of the case (指派承办人)",
            description = "By the lead unit's staff while the case is theirs to handle (ASSIGNED, SIGNED, REOPENED). Recorded in "
                    + "the case history; no event, so the officer stays internal and off the petitioner's timeline. The queue "
                    + "finds the caller's own with ?officer=me. Cleared when the case goes to another unit. The service keeps no "
                    + "staff directory: officerId is the staff member's subject as the identity provider names it.")
    @APIResponse(responseCode = "200", description = "The case", content = @Content(schema = @Schema(implementation = CaseViews.CaseView.class)))
    @APIResponse(responseCode = "403", description = "The caller's unit sees the case but does not lead it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The case is not the unit's to handle now (returned or closed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseViews.CaseView assignOfficer(@PathParam("id") UUID id,
                                            @Valid @NotNull(message = "a JSON body is required") CaseViews.OfficerAssignment body) {
        UnitCaller caller = identity.unit();
        return view(service.assignOfficer(caller, id, body.officerId()), caller, true);
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/notes")
    @Operation(summary = "The case's internal notes (内部备注), oldest first",
            description = "For the lead unit, a co-handling unit and the governance centre over the case's region. Never shown "
                    + "to the petitioner, never in an event, never to auditors (their role is refused: 403).")
    @APIResponse(responseCode = "200", description = "The notes", content = @Content(schema = @Schema(implementation = CaseViews.NoteView[].class)))
    @APIResponse(responseCode = "404", description = "No such case, or not one whose notes the caller keeps",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CaseViews.NoteView> notes(@PathParam("id") UUID id) {
        return notes.list(identity.unit(), id).stream().map(CaseViews.NoteView::of).toList();
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an internal note to the case (内部备注)",
            description = "By the lead unit, a co-handling unit or the governance centre over the case's region: 5 to 2000 "
                    + "characters, kept with the author's subject, unit and time. Changes nothing on the case: no history entry, "
                    + "no event, so the petitioner's timeline never shows it.")
    @APIResponse(responseCode = "201", description = "The note",
            content = @Content(schema = @Schema(implementation = CaseViews.NoteView.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not one whose notes the caller keeps",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public jakarta.ws.rs.core.Response addNote(@PathParam("id") UUID id,
                                               @Valid @NotNull(message = "a JSON body is required") CaseViews.NoteRequest body) {
        CaseNote n = notes.add(identity.unit(), identity.subject(), id, body.text());
        return jakarta.ws.rs.core.Response.created(java.net.URI.create("/api/v1/cases/" + id + "/notes"))
                .entity(CaseViews.NoteView.of(n)).build();
    }

    private CaseViews.CaseView view(PetitionCase c, UnitCaller caller, boolean withHistory) {
        return CaseViews.CaseView.of(c, caller, service.coUnits(c.id), withHistory ? service.history(c.id) : null);
    }
}
