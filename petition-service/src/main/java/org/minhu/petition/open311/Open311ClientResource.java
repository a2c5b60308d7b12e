package org.minhu.petition.open311;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;

import io.quarkus.security.Authenticated;

/** Administrators register the client applications that may file requests through Open311, each with its API key. */
@Authenticated
@Path("/api/v1/open311-clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open311 clients", description = "API keys of the applications that speak Open311 GeoReport v2 to Minhu (admin)")
public class Open311ClientResource {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Open311Clients clients;
    private final BearerCaller bearer;

    public Open311ClientResource(Open311Clients clients, BearerCaller bearer) {
        this.clients = clients;
        this.bearer = bearer;
    }

    @Schema(name = "NewOpen311Client")
    public record NewClient(@Schema(examples = "渝快办 (Yukuaiban city app)") @NotBlank(message = "is required")
                            @Size(max = 200, message = "must be at most 200 characters") String name) {
    }

    @Schema(name = "Open311Client")
    public record ClientView(UUID id, String name, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt,
                            @Schema(description = "Only in the answer that issues it: keep it, it is not stored and cannot be shown again")
                            String apiKey) {
        static ClientView of(Open311Client c, String apiKey) {
            return new ClientView(c.id, c.name, c.createdAt.atZone(CHINA).toOffsetDateTime(), c.createdBy,
                    c.revokedAt == null ? null : c.revokedAt.atZone(CHINA).toOffsetDateTime(), apiKey);
        }
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a client application and issue its API key (admin)",
            description = "The key is in this answer only; Minhu keeps its SHA-256.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull(message = "a JSON body is required") NewClient body, @jakarta.ws.rs.core.Context UriInfo uri) {
        Open311Clients.Issued issued = clients.issue(body.name(), bearer.requireAny(BearerCaller.ADMIN).subject());
        return Response.created(uri.getAbsolutePathBuilder().path(issued.client().id.toString()).build())
                .entity(ClientView.of(issued.client(), issued.apiKey())).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "The registered client applications (admin)", description = "Without their keys.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ClientView[].class)))
    public List<ClientView> list() {
        return clients.list().stream().map(c -> ClientView.of(c, null)).toList();
    }

    @DELETE
    @RolesAllowed("admin")
    @Path("/{id}")
    @Operation(summary = "Revoke a client's API key (admin)", description = "Requests it filed stay; the key stops working at once.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClientView revoke(@PathParam("id") UUID id) {
        return clients.revoke(id).map(c -> ClientView.of(c, null))
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NOT_FOUND, "No Open311 client " + id)));
    }
}
