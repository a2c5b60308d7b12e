package org.minhu.assignment.unit;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/** The registry of units. Anyone on staff reads it; an administrator changes it. */
// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "Government units in three levels (city, district/county, town/street)")
@APIResponse(responseCode = "401", description = "No identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid input (each field named)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UnitResource {

    private final StaffIdentity identity;

    public UnitResource(StaffIdentity identity) {
        this.identity = identity;
    }

    @Schema(name = "Unit")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitView(String id, String nameZh, String nameEn, String level, String kind, String department,
                           String regionCode, String parentId, boolean active) {
        static UnitView of(Unit u) {
            return new UnitView(u.id, u.nameZh, u.nameEn, u.level, u.kind, u.department, u.regionCode, u.parentId, u.active);
        }
    }

    @Schema(name = "NewUnit")
    public record NewUnit(
            @Schema(examples = "500108-NANPING-office") @NotBlank(message = "is required")
            @Pattern(regexp = "[A-Za-z0-9-]{2,64}", message = "must be 2 to 64 letters, digits or -") String id,
            @Schema(examples = "南坪街道办事处") @NotBlank(message = "is required") @Size(max = 100) String nameZh,
            @Schema(examples = "Nanping Street Office") @NotBlank(message = "is required") @Size(max = 200) String nameEn,
            @Schema(enumeration = {"CITY", "DISTRICT", "TOWN"}) @NotNull(message = "is required")
            @Pattern(regexp = "CITY|DISTRICT|TOWN", message = "must be CITY, DISTRICT or TOWN") String level,
            @Schema(enumeration = {"GOVERNANCE_CENTRE", "DEPARTMENT", "TOWN_OFFICE"}) @NotNull(message = "is required")
            @Pattern(regexp = "GOVERNANCE_CENTRE|DEPARTMENT|TOWN_OFFICE", message = "must be GOVERNANCE_CENTRE, DEPARTMENT or TOWN_OFFICE") String kind,
            @Size(max = 64) String department,
            @Schema(examples = "500108-NANPING") @Size(max = 64) String regionCode,
            @Schema(description = "The supervising unit", examples = "500108-gc") @NotBlank(message = "is required") String parentId) {
    }

    @Schema(name = "UnitRename")
    public record Rename(@Size(min = 1, max = 100, message = "must be 1 to 100 characters") String nameZh,
                         @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String nameEn) {
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "List units")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UnitView[].class)))
    public List<UnitView> list(@QueryParam("level") String level, @QueryParam("region") String region,
                               @QueryParam("kind") String kind, @QueryParam("active") Boolean active) {
        identity.unit();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (level != null) {
            where.append(" and level = :level");
            params.put("level", level);
        }
        if (region != null) {
            where.append(" and regionCode = :region");
            params.put("region", region);
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (active != null) {
            where.append(" and active = :active");
            params.put("active", active);
        }
        return Unit.<Unit>list(where + " order by id", params).stream().map(UnitView::of).toList();
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One unit")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitView get(@PathParam("id") String id) {
        identity.unit();
        return UnitView.of(find(id));
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a unit (admin)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A unit with this id exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown parent or region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@Valid @NotNull(message = "a JSON body is required") NewUnit body) {
        identity.admin();
        if (Unit.findById(body.id()) != null) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Unit " + body.id() + " exists"));
        }
        Unit parent = Unit.findById(body.parentId());
        if (parent == null) {
            throw ProblemException.unknownValue("parentId", body.parentId(), "unknown unit");
        }
        if (body.regionCode() != null && Region.findById(body.regionCode()) == null) {
            throw ProblemException.unknownValue("regionCode", body.regionCode(), "unknown region");
        }
        Unit u = new Unit();
        u.id = body.id();
        u.nameZh = body.nameZh();
        u.nameEn = body.nameEn();
        u.level = body.level();
        u.kind = body.kind();
        u.department = body.department();
        u.regionCode = body.regionCode();
        u.parentId = parent.id;
        u.active = true;
        u.persist();
        return Response.created(URI.create("/api/v1/units/" + u.id)).entity(UnitView.of(u)).build();
    }

    @PATCH
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Path("/{id}")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a unit (admin)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitView rename(@PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") Rename body) {
        identity.admin();
        Unit u = find(id);
        if (body.nameZh() != null) {
            u.nameZh = body.nameZh();
        }
        if (body.nameEn() != null) {
            u.nameEn = body.nameEn();
        }
        return UnitView.of(u);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Path("/{id}/deactivate")
    @Transactional
    @Operation(summary = "Deactivate a unit (admin)", description = "It receives no new cases (routing falls back to the governance centre); its cases stay.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitView deactivate(@PathParam("id") String id) {
        identity.admin();
        Unit u = find(id);
        u.active = false;
        return UnitView.of(u);
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Path("/{id}/activate")
    @Transactional
    @Operation(summary = "Activate a unit again (admin)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitView activate(@PathParam("id") String id) {
        identity.admin();
        Unit u = find(id);
        u.active = true;
        return UnitView.of(u);
    }

    @DELETE
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Delete a unit that was never used (admin)", description = "A unit with cases, rules or subordinate units is never deleted: deactivate it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The unit has cases, rules or subordinate units",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        identity.admin();
        Unit u = find(id);
        long uses = ((Number) Unit.getEntityManager().createNativeQuery("""
                        SELECT (SELECT count(*) FROM petition_case WHERE lead_unit_id = ?1 OR previous_unit_id = ?1 OR escalated_to = ?1)
                             + (SELECT count(*) FROM case_history WHERE unit_id = ?1)
                             + (SELECT count(*) FROM case_co_unit WHERE unit_id = ?1)
                             + (SELECT count(*) FROM routing_rule WHERE lead_unit_id = ?1 OR ?1 = ANY (co_unit_ids))
                             + (SELECT count(*) FROM unit WHERE parent_id = ?1)""")
                .setParameter(1, id).getSingleResult()).longValue();
        if (uses > 0) {
            throw new ProblemException(new Problem(ProblemType.CONFLICT.uri(), ProblemType.CONFLICT.title(), 409,
                    "Unit " + id + " has cases, rules or subordinate units and is never deleted; deactivate it instead",
                    null, null, List.of("deactivate")));
        }
        u.delete();
        return Response.noContent().build();
    }

    private static Unit find(String id) {
        Unit u = Unit.findById(id);
        if (u == null) {
            throw ProblemException.notFound("No unit " + id);
        }
        return u;
    }
}
