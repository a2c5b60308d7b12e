package org.minhu.petition.similar;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.petition.caller.CallerIdentity;

/** 重复诉求提示: before filing, the open requests that look like the caller's. */
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions/similar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Petitions")
@APIResponse(responseCode = "401", description = "No caller identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SimilarResource {

    private final SimilarRequests similar;
    private final CallerIdentity identity;

    public SimilarResource(SimilarRequests similar, CallerIdentity identity) {
        this.similar = similar;
        this.identity = identity;
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor", "unit_staff", "governance"})
    @Operation(summary = "Open requests like mine, before filing (重复诉求提示)",
            description = "Up to 5 open requests (not rated, closed, withdrawn, rejected or handed off) of the same category, "
                    + "filed in the category's last days (30; water, power, gas 3), in the same town (the same region when no town "
                    + "is given) or within the category's radius (500 m; water, power, gas 2 km) when both have coordinates, whose "
                    + "title and description are alike (character bigrams, at least 0.2), most alike first. The caller may support "
                    + "one (附议, POST /api/v1/petitions/{id}/supporters) instead of filing again. Nothing of another citizen's "
                    + "personal data: no description, contact, address, coordinates or petitioner, and the title masked.")
    @APIResponse(responseCode = "200", description = "The similar requests (possibly none)",
            content = @Content(schema = @Schema(implementation = SimilarViews.SimilarList.class)))
    @APIResponse(responseCode = "400", description = "A missing, unknown or invalid parameter (named in errors): no category or "
            + "region, an unknown one, a town outside the region, a title over 200 or a description over 200 characters, "
            + "neither given, a coordinate outside Chongqing or without the other",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role that reads no requests (admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SimilarViews.SimilarList similar(
            @Parameter(description = "Category code (required)", example = "traffic-parking") @QueryParam("categoryCode") String categoryCode,
            @Parameter(description = "District-level region code (required)", example = "500108") @QueryParam("regionCode") String regionCode,
            @Parameter(description = "Town or street of the region", example = "500108-NANPING") @QueryParam("townCode") String townCode,
            @Parameter(description = "The title being written (at most 200 characters)", example = "南坪夜里停车太难了")
            @QueryParam("title") String title,
            @Parameter(description = "The description being written, or its beginning (at most 200 characters: a URL holds about 400 Chinese characters in all)")
            @QueryParam("description") String description,
            @Parameter(description = "WGS-84 latitude inside Chongqing, with longitude", example = "29.5253")
            @QueryParam("latitude") String latitude,
            @Parameter(description = "WGS-84 longitude inside Chongqing, with latitude", example = "106.5702")
            @QueryParam("longitude") String longitude) {
        String citizen = identity.citizenOrNull();
        return similar.similar(citizen, similar.parse(categoryCode, regionCode, townCode, title, description, latitude, longitude));
    }
}
