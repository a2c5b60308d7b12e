package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryCaseActionWithItsErrorsAndTheIdentityHeader() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getBearerFormat()).isEqualTo("JWT");
        assertThat(api.getPaths()).containsKeys("/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/{id}/sign", "/api/v1/cases/sign",
                "/api/v1/cases/{id}/return", "/api/v1/cases/{id}/ruling", "/api/v1/cases/{id}/transfer",
                "/api/v1/cases/{id}/co-handlers", "/api/v1/cases/{id}/extension", "/api/v1/cases/{id}/extension/decision",
                "/api/v1/cases/{id}/answer", "/api/v1/cases/{id}/notes", "/api/v1/cases/{id}/officer", "/api/v1/cases/{id}/reply-draft",
                "/api/v1/units/{unitId}/reply-templates", "/api/v1/units/{unitId}/reply-templates/{templateId}",
                "/api/v1/knowledge", "/api/v1/knowledge/{id}", "/api/v1/knowledge/public");
        // the public knowledge base is read without signing in, and says so
        assertThat(api.getPaths().get("/api/v1/knowledge/public").getGet().getSecurity()).isEmpty();
        api.getPaths().forEach((path, item) -> item.readOperations().stream().filter(op -> !path.equals("/api/v1/knowledge/public")).forEach(op -> {
            assertThat(op.getSecurity()).as(path).anyMatch(requirement -> requirement.containsKey("bearer"));
            assertThat(op.getResponses()).as(path).containsKeys("401");
        }));
        Operation sign = api.getPaths().get("/api/v1/cases/{id}/sign").getPost();
        assertThat(sign.getResponses()).containsKeys("200", "404", "409");
        assertThat(sign.getResponses().get("409").getContent()).containsKey("application/problem+json");
        // the bulk sign: 200 with one result per case (never a 404 or 409 for the request), a body of 1 to 50 ids
        Operation bulk = api.getPaths().get("/api/v1/cases/sign").getPost();
        assertThat(bulk.getResponses()).containsKeys("200", "400", "401").doesNotContainKeys("404", "409");
        String ref = bulk.getRequestBody().getContent().get("application/json").getSchema().get$ref();
        io.swagger.v3.oas.models.media.Schema<?> bulkSchema = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        io.swagger.v3.oas.models.media.Schema<?> caseIds = (io.swagger.v3.oas.models.media.Schema<?>) bulkSchema.getProperties().get("caseIds");
        assertThat(caseIds.getMinItems()).isEqualTo(1);
        assertThat(caseIds.getMaxItems()).isEqualTo(50);
        assertThat(api.getComponents().getSchemas().get("BulkSignResult").getProperties()).containsKeys("caseId", "outcome", "status", "problem");
    }
}
