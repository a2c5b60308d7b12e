package org.minhu.petition.tracking;

import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemResponses;
import org.minhu.common.problem.ProblemType;

import io.vertx.core.http.HttpServerRequest;

/** 查询: where a request stands, for anyone who has its tracking number and the phone it was filed with, without signing in. */
@Path("/api/v1/track")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking", description = "Following a request by its tracking number without signing in")
@PermitAll
public class TrackResource {

    static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9]{1,16}-\\d{8}-\\d{6,12}");
    static final Pattern LAST_FOUR = Pattern.compile("\\d{4}");

    private final TrackingLookup lookup;
    private final TrackingLimits limits;
    private final ProblemResponses responses;

    public TrackResource(TrackingLookup lookup, TrackingLimits limits, ProblemResponses responses) {
        this.lookup = lookup;
        this.limits = limits;
        this.responses = responses;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Track a request without signing in (查询)",
            description = "Anyone with a request's tracking number and the last four digits of the contact phone it was filed "
                    + "with sees its status, the unit handling it, its timeline and the reply, without personal data (no title, "
                    + "description, address or contact; phone and ID numbers masked in texts). A wrong number and wrong digits "
                    + "get the same 404. Limits (per replica): after 5 lookups of one number that found nothing within 15 minutes "
                    + "that number answers 429 until the quarter of an hour ends; an address gets 120 lookups per 15 minutes.")
    @APIResponse(responseCode = "200", description = "Where the request stands",
            content = @Content(schema = @Schema(implementation = TrackedRequest.class)))
    @APIResponse(responseCode = "400", description = "A tracking number that is not one (CQ-20261124-000123), or phoneLast4 that is not four digits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No request with this tracking number and these phone digits (the same answer for either wrong)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups of this number that found nothing, or from this address",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response track(
            @Parameter(description = "The tracking number given when the request was filed", example = "CQ-20261124-000123")
            @PathParam("trackingNumber") String trackingNumber,
            @Parameter(description = "The last four digits of the contact phone the request was filed with", required = true,
                    example = "1234")
            @QueryParam("phoneLast4") String phoneLast4,
            @Context HttpServerRequest request) {
        if (trackingNumber == null || !TRACKING_NUMBER.matcher(trackingNumber).matches()) {
            throw ProblemException.invalidParameter("trackingNumber", "must be a tracking number such as CQ-20261124-000123");
        }
        if (phoneLast4 == null || !LAST_FOUR.matcher(phoneLast4).matches()) {
            throw ProblemException.invalidParameter("phoneLast4", "must be the last four digits of the contact phone given when filing");
        }
        String path = request.path();
        if (!limits.admitAddress(clientAddress(request))) {
            return tooMany("Too many lookups from this address; retry after " + limits.retryAfterSeconds() + " s", path);
        }
        if (limits.locked(trackingNumber)) {
            return tooMany("Too many lookups of this tracking number found nothing; retry after " + limits.retryAfterSeconds() + " s",
                    path);
        }
        TrackedRequest found = lookup.find(trackingNumber, phoneLast4).orElse(null);
        if (found == null) {
            limits.failed(trackingNumber);
            throw ProblemException.notFound("No request with this tracking number and these phone digits");
        }
        return Response.ok(found).build();
    }

    /**
     * The caller's address: the gateway's {@code X-Forwarded-For} (it writes the one address it determined,
     * never a caller's own claim), else the connection's. The services are reachable only by the gateway.
     */
    static String clientAddress(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private Response tooMany(String detail, String path) {
        return responses.toResponse(Problem.of(ProblemType.TOO_MANY_REQUESTS, detail).withInstance(path), limits.retryAfterSeconds());
    }
}
