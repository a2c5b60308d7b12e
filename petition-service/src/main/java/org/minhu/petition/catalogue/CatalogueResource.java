package org.minhu.petition.catalogue;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "Categories and regions a request can be filed under")
public class CatalogueResource {

    private final Catalogue catalogue;

    public CatalogueResource(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Path("/categories")
    @Operation(summary = "List the request categories", description = "Each with its group and its handling class (urgent categories have shorter limits).")
    @APIResponse(responseCode = "200", description = "The categories in display order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CatalogueViews.CategoryView.class)))
    public List<CatalogueViews.CategoryView> categories() {
        return catalogue.categories().stream().map(CatalogueViews.CategoryView::of).toList();
    }

    @GET
    @Path("/regions")
    @Operation(summary = "List regions", description = "Chongqing's 41 district-level regions (38 districts and counties with their GB/T 2260 codes, and three management zones) and the towns and streets below them.")
    @APIResponse(responseCode = "200", description = "The regions, districts first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CatalogueViews.RegionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CatalogueViews.RegionView> regions(
            @Parameter(description = "DISTRICT or TOWN", schema = @Schema(enumeration = {"DISTRICT", "TOWN"}))
            @QueryParam("level") String level,
            @Parameter(description = "Only the towns and streets of this district", example = "500108")
            @QueryParam("parent") String parent) {
        if (level != null && !level.equals(Region.DISTRICT) && !level.equals(Region.TOWN)) {
            throw ProblemException.invalidParameter("level", "must be DISTRICT or TOWN");
        }
        return catalogue.regions().stream()
                .filter(r -> level == null || r.level.equals(level))
                .filter(r -> parent == null || parent.equals(r.parentCode))
                .map(CatalogueViews.RegionView::of)
                .toList();
    }
}
