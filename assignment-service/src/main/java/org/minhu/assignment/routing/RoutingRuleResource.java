package org.minhu.assignment.routing;

import org.minhu.common.time.ChinaTime;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.minhu.assignment.unit.StaffIdentity;
import org.minhu.assignment.unit.Region;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

/** Routing rules as data: list them, add a version, and ask where a request would go. */
// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing rules", description = "(category, region or town) → lead unit, versioned")
@APIResponse(responseCode = "401", description = "No identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid input (each field named)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RoutingRuleResource {

    private final StaffIdentity identity;
    private final Router router;

    public RoutingRuleResource(StaffIdentity identity, Router router) {
        this.identity = identity;
        this.router = router;
    }

    @Schema(name = "RoutingRule")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleView(long id, String categoryCode, String regionCode, int version, String leadUnitId,
                           List<String> coUnitIds, OffsetDateTime effectiveFrom, OffsetDateTime createdAt, String createdBy) {
        static RuleView of(RoutingRule r) {
            return new RuleView(r.id, r.categoryCode, r.regionCode, r.version, r.leadUnitId,
                    r.coUnitIds == null ? List.of() : List.of(r.coUnitIds), ChinaTime.of(r.effectiveFrom), ChinaTime.of(r.createdAt), r.createdBy);
        }
    }

    @Schema(name = "NewRoutingRuleVersion")
    public record NewVersion(
            @Schema(examples = "traffic-parking") @NotBlank(message = "is required") @Size(max = 64) String categoryCode,
            @Schema(description = "A district-level region or a town", examples = "500108-NANPING") @NotBlank(message = "is required") String regionCode,
            @Schema(examples = "500108-NANPING-office") @NotBlank(message = "is required") String leadUnitId,
            List<@NotBlank String> coUnitIds,
            @Schema(description = "When the version takes effect (default: now)", examples = "2026-12-01T00:00:00+08:00") String effectiveFrom) {
    }

    @Schema(name = "RoutingDecision")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(String leadUnitId, String leadUnitNameZh, String leadUnitNameEn, List<String> coUnitIds,
                               Long ruleId, Integer ruleVersion, boolean fallback) {
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "List rule versions", description = "Newest version first within each (category, region).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView[].class)))
    public List<RuleView> list(@QueryParam("category") String category, @QueryParam("region") String region) {
        identity.unit();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (category != null) {
            where.append(" and categoryCode = :category");
            params.put("category", category);
        }
        if (region != null) {
            where.append(" and regionCode = :region");
            params.put("region", region);
        }
        return RoutingRule.<RoutingRule>list(where + " order by categoryCode, regionCode, version desc", params)
                .stream().map(RuleView::of).toList();
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"admin"})
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a rule version (admin)", description = "A change is a new version with its effective time; earlier versions stay for the record.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category, region or unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addVersion(@Valid @NotNull(message = "a JSON body is required") NewVersion body) {
        String admin = identity.admin();
        if (RoutingRule.getEntityManager().createNativeQuery("SELECT 1 FROM category WHERE code = ?1")
                .setParameter(1, body.categoryCode()).getResultList().isEmpty()) {
            throw ProblemException.unknownValue("categoryCode", body.categoryCode(), "unknown category");
        }
        if (Region.findById(body.regionCode()) == null) {
            throw ProblemException.unknownValue("regionCode", body.regionCode(), "unknown region");
        }
        requireActiveUnit("leadUnitId", body.leadUnitId());
        List<String> co = body.coUnitIds() == null ? List.of() : body.coUnitIds();
        co.forEach(u -> requireActiveUnit("coUnitIds", u));
        Instant effective = body.effectiveFrom() == null ? Instant.now() : parse("effectiveFrom", body.effectiveFrom());
        requireSaneEffectiveTime(effective);
        // Serialize versions of one (category, region): the unique constraint is the last guard.
        RoutingRule.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, body.categoryCode() + "|" + body.regionCode()).getSingleResult();
        Number max = (Number) RoutingRule.getEntityManager().createNativeQuery(
                        "SELECT coalesce(max(version), 0) FROM routing_rule WHERE category_code = ?1 AND region_code = ?2")
                .setParameter(1, body.categoryCode()).setParameter(2, body.regionCode()).getSingleResult();
        RoutingRule r = new RoutingRule();
        r.categoryCode = body.categoryCode();
        r.regionCode = body.regionCode();
        r.version = max.intValue() + 1;
        r.leadUnitId = body.leadUnitId();
        r.coUnitIds = co.toArray(String[]::new);
        r.effectiveFrom = effective.truncatedTo(ChronoUnit.MICROS);
        r.createdBy = admin;
        r.persist();
        RoutingRule.flush();
        return Response.created(URI.create("/api/v1/routing-rules?category=" + r.categoryCode + "&region=" + r.regionCode))
                .entity(RuleView.of(r)).build();
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"unit_staff", "governance", "admin"})
    @Path("/dry-run")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Where would this request go?", description = "The decision dispatch would take now (or at the given time), without creating anything.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DecisionView.class)))
    public DecisionView dryRun(@QueryParam("category") String category, @QueryParam("region") String region,
                               @QueryParam("town") String town, @QueryParam("at") String at) {
        identity.unit();
        if (category == null || category.isBlank()) {
            throw ProblemException.invalidParameter("category", "is required");
        }
        if (region == null || Region.findById(region) == null) {
            throw ProblemException.invalidParameter("region", "is required and must be a known district-level region");
        }
        Instant when = at == null ? Instant.now() : parse("at", at);
        Router.Decision d = router.route(category, region, town, when);
        Unit lead = Unit.findById(d.leadUnitId());
        return new DecisionView(d.leadUnitId(), lead == null ? null : lead.nameZh, lead == null ? null : lead.nameEn,
                d.coUnitIds(), d.ruleId(), d.ruleVersion(), d.fallback());
    }

    private static void requireActiveUnit(String field, String id) {
        Unit u = Unit.findById(id);
        if (u == null || !u.active) {
            throw ProblemException.unknownValue(field, id, "unknown or inactive unit");
        }
    }

    /** Earliest effective time a rule version may have. */
    static final Instant EARLIEST_EFFECTIVE = OffsetDateTime.parse("2000-01-01T00:00:00+08:00").toInstant();
    /** How far ahead a rule version may be planned. */
    static final int MAX_YEARS_AHEAD = 10;

    /** A version takes effect between 2000 and ten years from now: year 99999 is a typing slip. */
    private static void requireSaneEffectiveTime(Instant effective) {
        Instant latest = ChinaTime.of(Instant.now()).plusYears(MAX_YEARS_AHEAD).toInstant();
        if (effective.isBefore(EARLIEST_EFFECTIVE) || effective.isAfter(latest)) {
            throw ProblemException.invalidParameter("effectiveFrom",
                    "must be between 2000-01-01 and " + MAX_YEARS_AHEAD + " years from now");
        }
    }

    private static Instant parse(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be an ISO date-time with offset");
        }
    }

}
