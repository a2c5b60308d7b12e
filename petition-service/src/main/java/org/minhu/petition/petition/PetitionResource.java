package org.minhu.petition.petition;

import java.net.URI;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.petition.caller.Caller;
import org.minhu.petition.caller.CallerIdentity;
import org.minhu.petition.idempotency.Fingerprints;
import org.minhu.petition.idempotency.IdempotencyStore;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemMappers;

// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Petitions", description = "A citizen files requests (诉求) and follows them")
@APIResponse(responseCode = "401", description = "No caller identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PetitionResource {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final String EXAMPLE = """
            {
              "title": "万盛关坝镇中心卫生院降压药品种不足",
              "description": "关坝镇中心卫生院常用降压药经常缺货，老人需要到城区购买，希望增加高血压药品的配备。",
              "categoryCode": "health",
              "regionCode": "Z-WSJKQ",
              "townCode": "Z-WSJKQ-GUANBA",
              "location": {"latitude": 28.9553, "longitude": 106.9267, "address": "万盛经开区关坝镇中心卫生院"},
              "channel": "app",
              "contact": {"name": "王小明", "phone": "13812341234"}
            }""";

    private final PetitionService service;
    private final CallerIdentity identity;
    private final IdempotencyStore idempotency;
    private final Fingerprints fingerprints;
    private final ObjectMapper mapper;
    private final org.minhu.petition.similar.SimilarRequests similar;

    @Context
    UriInfo uriInfo;

    public PetitionResource(PetitionService service, CallerIdentity identity, IdempotencyStore idempotency,
                            Fingerprints fingerprints, ObjectMapper mapper, org.minhu.petition.similar.SimilarRequests similar) {
        this.similar = similar;
        this.service = service;
        this.identity = identity;
        this.idempotency = idempotency;
        this.fingerprints = fingerprints;
        this.mapper = mapper;
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a request (受理)",
            description = "Accepts the request and answers its id and tracking number. With an Idempotency-Key, "
                    + "a retry of the same request returns the first answer and files nothing new; a retry sent while the "
                    + "first is still being handled waits for it and returns its answer.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewPetition.class),
            examples = @ExampleObject(name = "clinic", summary = "A township clinic short of hypertension drugs", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Accepted: the request with status SUBMITTED",
            headers = {@Header(name = "Location", description = "The request's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(schema = @Schema(implementation = PetitionViews.PetitionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or a field is missing or invalid (each named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = """
                            {"type":"urn:minhu:problem:validation","title":"Invalid request","status":400,
                             "detail":"Invalid value for: contact.phone","instance":"/api/v1/petitions",
                             "errors":[{"field":"contact.phone","reason":"must be a mainland mobile number (11 digits) or a landline such as 023-12345678"}]}""")))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in flight (only for a claim left by an earlier version; "
            + "a duplicate of a request in flight waits for it and gets its answer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 64 KB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category, region or town (the value is named), or an Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            @Valid @NotNull(message = "a JSON body is required") NewPetition body,
            @Parameter(description = "Makes retries safe: the same key and body return the first answer (kept 48 hours)",
                    example = "6f1c2b8e-3d4a-4c55-9a61-2f0d7b9e1a10")
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        Caller caller = identity.citizen();
        if (idempotencyKey == null) {
            return created(service.submit(caller, body, null));
        }
        IdempotencyStore.validateKey(idempotencyKey);
        return submitOnce(caller, body, idempotencyKey, fingerprints.of(body));
    }

    /**
     * The claim of the key and the work in one transaction: one commit per request, and nothing left
     * behind when the work fails. A concurrent request with the same key waits at its claim for this
     * one and then answers what it answered.
     */
    @Transactional
    Response submitOnce(Caller caller, NewPetition body, String idempotencyKey, String fingerprint) {
        IdempotencyStore.Claim claim = idempotency.claim(caller.subject(), idempotencyKey, fingerprint);
        if (!claim.owned()) {
            return replay(claim.replay());
        }
        return created(service.submit(caller, body, view -> idempotency.complete(caller.subject(), idempotencyKey,
                new IdempotencyStore.StoredResponse(201, json(view), locationOf(view).toString()))));
    }

    /** What the petitioner adds to their request (补充诉求). */
    @Schema(name = "NewAddition")
    public record NewAddition(
            @Schema(description = "What the petitioner adds: facts, a correction, what changed", minLength = 5, maxLength = 2000,
                    examples = "补充：卫生院药房下午三点后无人值班，需要的是硝苯地平缓释片。")
            @NotBlank(message = "is required") @Size(min = 5, max = 2000, message = "must be 5 to 2000 characters") String text) {
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Path("/{id}/additions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add information to my request (补充诉求)",
            description = "Until the request is answered. The addition appears in the request's timeline (kind ADDITION) and "
                    + "in the handling unit's case history. With an Idempotency-Key, a retry adds nothing new and returns the "
                    + "first answer. At most minhu.petition.additions.max (20) per request.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewAddition.class)))
    @APIResponse(responseCode = "201", description = "Added",
            headers = @Header(name = REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)),
            content = @Content(schema = @Schema(implementation = PetitionViews.AdditionView.class)))
    @APIResponse(responseCode = "400", description = "text missing, shorter than 5 or longer than 2000 characters (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The request is answered or has ended, or has the most additions it may have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addInformation(@PathParam("id") UUID id,
                                   @Valid @NotNull(message = "a JSON body is required") NewAddition body,
                                   @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        Caller caller = identity.citizen();
        if (body.text().strip().length() < 5) {
            throw ProblemException.invalidParameter("text", "must be 5 to 2000 characters");
        }
        if (idempotencyKey == null) {
            return Response.status(201).entity(service.addInformation(caller, id, body.text(), null)).build();
        }
        IdempotencyStore.validateKey(idempotencyKey);
        return addOnce(caller, id, body, idempotencyKey);
    }

    /** Like {@link #submitOnce}: the key's claim and the addition commit together. */
    @Transactional
    Response addOnce(Caller caller, UUID id, NewAddition body, String idempotencyKey) {
        // the key is bound to the request it was used on, not only to the text
        IdempotencyStore.Claim claim = idempotency.claim(caller.subject(), idempotencyKey,
                fingerprints.of(java.util.Map.of("petitionId", id.toString(), "text", body.text())));
        if (!claim.owned()) {
            return replay(claim.replay());
        }
        return Response.status(201).entity(service.addInformation(caller, id, body.text(), view -> idempotency.complete(
                caller.subject(), idempotencyKey, new IdempotencyStore.StoredResponse(201, json(view), null)))).build();
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor", "unit_staff", "governance"})
    @Path("/{id}")
    @Operation(summary = "Where is my request; the request a unit handles",
            description = "The request with its timeline: every status change, when, who and what. Who may read it: "
                    + "its petitioner; staff of the unit that handles its case now (role unit_staff, the token's unit_id is the "
                    + "unit the latest case event names: after a transfer or re-dispatch the new unit, no longer the old one) or "
                    + "of a co-handling unit (协办); a governance centre's staff (role governance, unit_id <region>-gc) the requests "
                    + "of its region, the city's centre (city-gc) all. They see it as written, with the contact (name and phone: "
                    + "the unit calls the petitioner back) and the address. An auditor sees any request with the contact masked "
                    + "(王**, 138****1234), no address, and phone and ID numbers, e-mail and street addresses masked in every text. "
                    + "Anyone else gets 404, as for an id that does not exist.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(schema = @Schema(implementation = PetitionViews.PetitionView.class)))
    @APIResponse(responseCode = "403", description = "A staff token that names no unit, a unit_staff token naming a governance centre, "
            + "or a governance token naming a unit that is not a centre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request, or not one the caller may read (not theirs, not handled by "
            + "their unit, not in their centre's region)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PetitionViews.PetitionView get(@PathParam("id") UUID id) {
        Caller caller = identity.petitionReader();
        return service.find(caller, id).orElseThrow(() -> ProblemException.notFound("No request " + id));
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor"})
    @Operation(summary = "List my requests", description = "The caller's requests, newest first, one page at a time; an auditor lists everyone's (summaries carry no personal data). "
            + "With supporting=true, a citizen's list of the requests they support (附议), latest support first, in the masked shape of "
            + "GET /api/v1/petitions/similar (SupportedRequests); it takes only limit and cursor.")
    @APIResponse(responseCode = "200", description = "One page: PetitionPage, or SupportedRequests with supporting=true",
            headers = @Header(name = "Link", description = "rel=\"next\" link when there is a next page", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(oneOf = {PetitionViews.PetitionPage.class,
                    org.minhu.petition.similar.SimilarViews.SupportedPage.class})))
    @APIResponse(responseCode = "403", description = "supporting=true asked by an auditor (auditors support no requests)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "An invalid filter, cursor, or a limit over 100 (the parameter is named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Only requests in this status", schema = @Schema(implementation = PetitionStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "Category code", example = "health") @QueryParam("category") String category,
            @Parameter(description = "District-level region or town code", example = "500108") @QueryParam("region") String region,
            @Parameter(description = "Submitted on or after: a date (China time) or an ISO date-time with offset", example = "2026-11-01")
            @QueryParam("from") String from,
            @Parameter(description = "Submitted before the end of this date, or before this date-time", example = "2026-11-30")
            @QueryParam("to") String to,
            @Parameter(description = "Text in the title or description. An auditor may not search by personal data "
                    + "(a phone or ID number, an e-mail or street address, or five or more digits in a row): 400 naming q", example = "停车") @QueryParam("q") String q,
            @Parameter(description = "Page size, 1 to 100 (default 20)", schema = @Schema(minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "true: the requests the caller supports (附议) instead of those they filed; no other filter then",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("supporting") String supporting) {
        Caller caller = identity.reader();
        if (supporting != null && !supporting.equals("true") && !supporting.equals("false")) {
            throw ProblemException.invalidParameter("supporting", "must be true or false");
        }
        if ("true".equals(supporting)) {
            return supporting(caller, status, category, region, from, to, q, limit, cursor);
        }
        PetitionQuery query = PetitionQuery.parse(status, category, region, from, to, q, parseLimit(limit), cursor);
        PetitionViews.PetitionPage page = service.list(caller, query);
        Response.ResponseBuilder ok = Response.ok(page);
        if (page.nextCursor() != null) {
            ok.link(uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build(), "next");
        }
        return ok.build();
    }

    private Response supporting(Caller caller, String status, String category, String region, String from, String to, String q,
                                String limit, String cursor) {
        if (caller.auditor()) {
            throw new ProblemException(Problem.of(org.minhu.common.problem.ProblemType.FORBIDDEN,
                    "Auditors support no requests: supporting=true is a citizen's list"));
        }
        java.util.Map<String, String> others = new java.util.LinkedHashMap<>();
        others.put("status", status);
        others.put("category", category);
        others.put("region", region);
        others.put("from", from);
        others.put("to", to);
        others.put("q", q);
        for (var other : others.entrySet()) {
            if (other.getValue() != null) {
                throw ProblemException.invalidParameter(other.getKey(), "cannot be combined with supporting=true (only limit and cursor)");
            }
        }
        Integer parsed = parseLimit(limit);
        int lim = parsed == null ? PetitionQuery.DEFAULT_LIMIT : parsed;
        if (lim < 1 || lim > PetitionQuery.MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and " + PetitionQuery.MAX_LIMIT);
        }
        org.minhu.petition.similar.SimilarViews.SupportedPage page = similar.supporting(caller.subject(), lim, cursor);
        Response.ResponseBuilder ok = Response.ok(page);
        if (page.nextCursor() != null) {
            ok.link(uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build(), "next");
        }
        return ok.build();
    }

    private static Response replay(IdempotencyStore.StoredResponse stored) {
        return Response.status(stored.status())
                .location(stored.location() == null ? null : URI.create(stored.location()))
                .header(REPLAYED_HEADER, "true")
                .type(MediaType.APPLICATION_JSON)
                .entity(stored.body())
                .build();
    }

    private static Integer parseLimit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            return Integer.valueOf(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("limit", "must be a whole number between 1 and 100");
        }
    }

    private Response created(PetitionViews.PetitionView view) {
        return Response.created(locationOf(view)).entity(view).build();
    }

    private URI locationOf(PetitionViews.PetitionView view) {
        return uriInfo.getBaseUriBuilder().path("api/v1/petitions").path(view.id().toString()).build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be serialized", e);
        }
    }
}
