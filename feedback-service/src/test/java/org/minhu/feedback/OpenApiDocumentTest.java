package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void documentsRatingsWithTheBearerTokenAndPublicStatisticsWithout() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIParser().readContents(body, null, null);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/v1/petitions/{petitionId}/feedback", "/api/v1/stats/satisfaction",
                "/api/v1/stats/handling", "/api/v1/stats/records");
        Operation rate = api.getPaths().get("/api/v1/petitions/{petitionId}/feedback").getPost();
        assertThat(rate.getSecurity()).anyMatch(requirement -> requirement.containsKey("bearer"));
        assertThat(rate.getResponses()).containsKeys("201", "400", "401", "403", "404", "409", "422");
        Operation stats = api.getPaths().get("/api/v1/stats/satisfaction").getGet();
        assertThat(stats.getParameters()).extracting(p -> p.getName())
                .contains("from", "to", "region", "unit", "category", "channel", "groupBy");
        assertThat(stats.getSecurity()).as("public statistics need no token").isEmpty();
        assertThat(api.getPaths().get("/api/v1/stats/records").getGet().getResponses().get("200").getContent())
                .containsKeys("application/x-ndjson", "text/csv");
    }

    @Test
    void documentsTheRankingsAndHotSpotsAsPublicWithTheirParametersAndProblems() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIParser().readContents(body, null, null);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        Operation rankings = api.getPaths().get("/api/v1/stats/rankings").getGet();
        assertThat(rankings.getParameters()).extracting(p -> p.getName()).containsExactlyInAnyOrder("month", "level", "metric", "region");
        assertThat(rankings.getResponses()).containsKeys("200", "400");
        assertThat(rankings.getResponses().get("400").getContent()).containsKey("application/problem+json");
        assertThat(rankings.getSecurity()).as("public, like the other statistics").isEmpty();
        Operation hotspots = api.getPaths().get("/api/v1/stats/hotspots").getGet();
        assertThat(hotspots.getParameters()).extracting(p -> p.getName())
                .containsExactlyInAnyOrder("period", "from", "to", "region", "category");
        assertThat(hotspots.getResponses()).containsKeys("200", "400");
        assertThat(hotspots.getSecurity()).isEmpty();
        assertThat(api.getComponents().getSchemas()).containsKeys("Rankings", "RankingRow", "RankedRate", "Hotspots", "HotspotCell");
    }
}
