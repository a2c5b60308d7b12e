package org.minhu.feedback.rating;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.minhu.common.persistence.WriteConflict;
import io.smallrye.faulttolerance.api.RetryWhen;
import org.minhu.common.problem.Problem;
import org.minhu.feedback.caller.CallerIdentity;

// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions/{petitionId}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ratings", description = "回访评价: the petitioner rates each answer once, within the rating window")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such petition of the caller's (another citizen's petition is not found either)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RatingResource {

    private final RatingService ratings;
    private final CallerIdentity identity;

    public RatingResource(RatingService ratings, CallerIdentity identity) {
        this.ratings = ratings;
        this.identity = identity;
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen", "governance"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate the latest answer",
            description = "Once per answer round, while its window is open (7 days after the answer by default). "
                    + "UNSATISFIED or NOT_SOLVED sends the case back to the unit (重办); its next answer opens a new round.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RatingViews.NewRating.class),
            examples = @ExampleObject(name = "satisfied", value = "{\"satisfaction\":\"SATISFIED\",\"solved\":\"SOLVED\",\"comment\":\"药品已经补齐，谢谢\"}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = RatingViews.Rating.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (each field named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role other than citizen or a governance centre's hotline staff",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not answered yet, already rated, the window has closed, or (hotline staff) "
            + "the petitioner rates this round themselves: it came in by app or web and no call-back was accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A channel the caller may not use",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    // a rating's aggregate upserts can meet a consumer's batch on the same statistics rows (a deadlock
    // PostgreSQL resolves by rolling one back): the rating is tried again instead of failing
    @Retry(maxRetries = 3, delay = 25, jitter = 25)
    @RetryWhen(exception = WriteConflict.class)
    public Response rate(@PathParam("petitionId") UUID petitionId, @Valid @NotNull RatingViews.NewRating body) {
        RatingViews.Rating rating = ratings.rate(petitionId, identity.caller(), body);
        return Response.created(URI.create("/api/v1/petitions/" + petitionId + "/feedback")).entity(rating).build();
    }

    @POST
    @Path("/call-back")
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Operation(summary = "Accept a call-back (回访) for the open round",
            description = "The petitioner agrees that hotline staff record this round's rating by telephone on their behalf. "
                    + "Without it, staff may record a call-back only for a petition that came in by hotline. Accepting again "
                    + "changes nothing; the first rating of the round, by either, is the one that counts.")
    @APIResponse(responseCode = "200", description = "Accepted",
            content = @Content(schema = @Schema(implementation = RatingViews.CallBackAcceptance.class)))
    @APIResponse(responseCode = "403", description = "A role other than citizen",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not answered yet, already rated, or the window has closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Retry(maxRetries = 3, delay = 25, jitter = 25)
    @RetryWhen(exception = WriteConflict.class)
    public RatingViews.CallBackAcceptance acceptCallBack(@PathParam("petitionId") UUID petitionId) {
        return ratings.acceptCallBack(petitionId, identity.caller());
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"citizen", "governance"})
    @Operation(summary = "Every answer of a petition, its rating window and its rating")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RatingViews.PetitionFeedback.class)))
    public RatingViews.PetitionFeedback get(@PathParam("petitionId") UUID petitionId) {
        return ratings.feedback(petitionId, identity.caller());
    }
}
