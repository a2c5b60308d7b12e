package org.minhu.petition.similar;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.petition.caller.CallerIdentity;

/** 附议: a citizen says they have the same problem as an open request, instead of filing it again. */
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions/{id}/supporters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Petitions")
@APIResponse(responseCode = "401", description = "No caller identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a citizen",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "The request has ended (rated, closed, withdrawn, rejected or handed off)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "The caller filed the request: they follow it, they do not support it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SupportersResource {

    private final SimilarRequests similar;
    private final CallerIdentity identity;

    public SupportersResource(SimilarRequests similar, CallerIdentity identity) {
        this.similar = similar;
        this.identity = identity;
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Operation(summary = "I have this problem too (附议)",
            description = "Records that the caller has the same problem as this open request; its readers see how many do, never "
                    + "who. Idempotent: the first time 201, a repeat 200 with the same count. Not on one's own request (422) "
                    + "nor on one that has ended (409).")
    @APIResponse(responseCode = "201", description = "Supported",
            content = @Content(schema = @Schema(implementation = SimilarViews.SupportView.class)))
    @APIResponse(responseCode = "200", description = "Already supported by the caller; nothing changed",
            content = @Content(schema = @Schema(implementation = SimilarViews.SupportView.class)))
    public Response support(@PathParam("id") UUID id) {
        SimilarRequests.Change change = similar.support(identity.citizen().subject(), id);
        return Response.status(change.changed() ? 201 : 200).entity(change.view()).build();
    }

    @DELETE
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Operation(summary = "Withdraw my support (撤回附议)",
            description = "While the request is open (409 after). Withdrawing a support the caller never gave changes nothing.")
    @APIResponse(responseCode = "200", description = "Not (or no longer) supported by the caller",
            content = @Content(schema = @Schema(implementation = SimilarViews.SupportView.class)))
    public SimilarViews.SupportView withdraw(@PathParam("id") UUID id) {
        return similar.withdraw(identity.citizen().subject(), id).view();
    }
}
