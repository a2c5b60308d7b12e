package org.minhu.common.deadletter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.minhu.common.problem.Problem;
import org.minhu.common.security.BearerCaller;

/**
 * The admin API over one service's dead letters. Each service publishes it under its own path
 * ({@code /api/v1/dead-letters/petition}, {@code …/assignment}, {@code …/feedback}) with a
 * subclass that only names the path, so the gateway routes it like any other API. The roles are
 * also written as a security requirement: Quarkus documents {@code @RolesAllowed} only for
 * methods the resource class declares itself, not inherited ones.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    BearerCaller bearer;

    @Schema(name = "DeadLetterReplayFilter", description = "Which open dead letters to replay; fields left out select all")
    public record ReplayFilter(@Size(max = 200, message = "must be at most 200 characters") String topic,
                               @Pattern(regexp = "POISON|UNEXPECTED|TRANSIENT", message = "must be POISON, UNEXPECTED or TRANSIENT") String kind,
                               @Size(max = 200, message = "must be at most 200 characters") String eventType,
                               @Size(max = 200, message = "must be at most 200 characters") String reasonContains,
                               @Min(value = 1, message = "must be at least 1") @Max(value = 10000, message = "must be at most 10000") Integer max) {
    }

    @Schema(name = "DeadLetterReplayed")
    public record Replayed(int replayed) {
    }

    @Schema(name = "DeadLetterDiscard")
    public record Discard(@NotBlank(message = "is required") @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    @GET
    @RolesAllowed(BearerCaller.ADMIN)
    @SecurityRequirement(name = "admin", scopes = BearerCaller.ADMIN)
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "List this service's dead letters (admin)",
            description = "Messages its consumers gave up on: poison (unparseable, unknown type, invalid data) or failing "
                    + "for an unknown reason after several attempts. Transient failures are retried, never dead-lettered.")
    @APIResponse(responseCode = "200", description = "Dead letters, oldest first",
            content = @Content(schema = @Schema(implementation = DeadLetters.Summary.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DeadLetters.Summary> list(@QueryParam("status") DeadLetters.Status status,
                                          @QueryParam("topic") @Size(max = 200, message = "must be at most 200 characters") String topic,
                                          @QueryParam("kind") @Pattern(regexp = "POISON|UNEXPECTED|TRANSIENT", message = "must be POISON, UNEXPECTED or TRANSIENT") String kind,
                                          @QueryParam("eventType") @Size(max = 200, message = "must be at most 200 characters") String eventType,
                                          @QueryParam("reason") @Size(max = 200, message = "must be at most 200 characters") String reason,
                                          @QueryParam("after") @Min(value = 0, message = "must be at least 0") Long after,
                                          @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit) {
        bearer.requireAny(BearerCaller.ADMIN);
        return deadLetters.list(new DeadLetters.Filter(status, topic, kind, eventType, reason), after, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(BearerCaller.ADMIN)
    @SecurityRequirement(name = "admin", scopes = BearerCaller.ADMIN)
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "One dead letter with its payload, failure and history (admin)")
    @APIResponse(responseCode = "200", description = "The dead letter", content = @Content(schema = @Schema(implementation = DeadLetters.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.Detail get(@PathParam("id") long id) {
        bearer.requireAny(BearerCaller.ADMIN);
        return deadLetters.get(id);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(BearerCaller.ADMIN)
    @SecurityRequirement(name = "admin", scopes = BearerCaller.ADMIN)
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Publish an open dead letter again on the topic it came from (admin)",
            description = "Recorded with who and when. Consumers are idempotent by event id: replaying a message that was applied changes nothing.")
    @APIResponse(responseCode = "200", description = "Replayed", content = @Content(schema = @Schema(implementation = DeadLetters.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already replayed or discarded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.Detail replay(@PathParam("id") long id) {
        return deadLetters.replay(id, bearer.requireAny(BearerCaller.ADMIN).subject());
    }

    @POST
    @Path("/replay")
    @RolesAllowed(BearerCaller.ADMIN)
    @SecurityRequirement(name = "admin", scopes = BearerCaller.ADMIN)
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay every open dead letter that matches a filter (admin)")
    @APIResponse(responseCode = "200", description = "How many were replayed", content = @Content(schema = @Schema(implementation = Replayed.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Replayed replayAll(@Valid @NotNull(message = "a JSON body is required") ReplayFilter filter) {
        String actor = bearer.requireAny(BearerCaller.ADMIN).subject();
        return new Replayed(deadLetters.replayAll(new DeadLetters.Filter(DeadLetters.Status.OPEN, filter.topic(), filter.kind(),
                filter.eventType(), filter.reasonContains()), actor, filter.max() == null ? 1000 : filter.max()));
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(BearerCaller.ADMIN)
    @SecurityRequirement(name = "admin", scopes = BearerCaller.ADMIN)
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an open dead letter aside for good, with the reason (admin)")
    @APIResponse(responseCode = "200", description = "Discarded", content = @Content(schema = @Schema(implementation = DeadLetters.Detail.class)))
    @APIResponse(responseCode = "400", description = "No reason given", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already replayed or discarded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.Detail discard(@PathParam("id") long id, @Valid @NotNull(message = "a JSON body is required") Discard body) {
        return deadLetters.discard(id, bearer.requireAny(BearerCaller.ADMIN).subject(), body.reason());
    }
}
