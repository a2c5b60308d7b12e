package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest {

    private OpenAPI document() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        return result.getOpenAPI();
    }

    @Test
    void shouldListEveryEndpoint() {
        Map<String, PathItem> paths = document().getPaths();
        assertThat(paths).containsKeys("/api/v1/petitions", "/api/v1/petitions/{id}", "/api/v1/categories", "/api/v1/regions");
        assertThat(paths.get("/api/v1/petitions").getPost()).isNotNull();
        assertThat(paths.get("/api/v1/petitions").getGet()).isNotNull();
        assertThat(paths.get("/api/v1/petitions/{id}").getGet()).isNotNull();
    }

    @Test
    void shouldDocumentErrorResponsesAsProblemJson() {
        OpenAPI api = document();
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
            if (path.startsWith("/api/v1/petitions")) {
                assertThat(op.getResponses().keySet()).as(path).anyMatch(code -> code.startsWith("4"));
            }
        }));
        Operation submit = api.getPaths().get("/api/v1/petitions").getPost();
        assertThat(submit.getResponses()).containsKeys("201", "400", "401", "409", "413", "415", "422");
        assertThat(submit.getResponses().get("422").getContent()).containsKey("application/problem+json");
        assertThat(submit.getRequestBody().getContent().get("application/json").getExamples()).isNotEmpty();
        Operation get = api.getPaths().get("/api/v1/petitions/{id}").getGet();
        assertThat(get.getResponses()).containsKeys("200", "401", "404");
        Operation list = api.getPaths().get("/api/v1/petitions").getGet();
        assertThat(list.getResponses()).containsKeys("200", "400", "401");
        assertThat(list.getParameters()).extracting(p -> p.getName())
                .contains("status", "category", "region", "from", "to", "q", "limit", "cursor");
        assertThat(list.getSecurity()).anyMatch(requirement -> requirement.containsKey("bearer"));
        assertThat(api.getPaths().get("/api/v1/categories").getGet().getSecurity()).as("public").isEmpty();
        assertThat(list.getParameters()).extracting(p -> p.getName()).contains("supporting");
        Operation similar = api.getPaths().get("/api/v1/petitions/similar").getGet();
        assertThat(similar.getResponses()).containsKeys("200", "400", "401");
        assertThat(similar.getParameters()).extracting(p -> p.getName())
                .contains("categoryCode", "regionCode", "townCode", "title", "description", "latitude", "longitude");
        PathItem supporters = api.getPaths().get("/api/v1/petitions/{id}/supporters");
        assertThat(supporters.getPost().getResponses()).containsKeys("200", "201", "404", "409", "422");
        assertThat(supporters.getDelete().getResponses()).containsKeys("200", "404", "409");
    }

    @Test
    void theUploadDocumentsItsKindsAndEveryProblem() {
        OpenAPI api = document();
        Operation upload = api.getPaths().get("/api/v1/petitions/{id}/attachments").getPost();
        assertThat(upload.getResponses()).containsKeys("201", "400", "401", "403", "404", "409", "413", "415", "422", "503");
        upload.getResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                assertThat(response.getContent()).as(code).containsKey("application/problem+json");
            }
        });
        assertThat(upload.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        var form = upload.getRequestBody().getContent().get("multipart/form-data").getSchema();
        var schema = form.get$ref() == null ? form : api.getComponents().getSchemas().get(form.get$ref().replace("#/components/schemas/", ""));
        assertThat(schema.getProperties()).containsKeys("file", "kind", "additionId");
        var attachment = api.getComponents().getSchemas().get("Attachment");
        assertThat(attachment.getProperties()).containsKeys("kind", "additionId", "uploaderUnit");
        assertThat(api.getComponents().getSchemas().get("AttachmentKind").getEnum()).containsExactly("PETITION", "ADDITION", "EVIDENCE");
        assertThat(api.getComponents().getSchemas().get("Petition").getProperties()).containsKeys("attachments", "evidence");
        assertThat(api.getComponents().getSchemas().get("TimelineEntry").getProperties()).containsKeys("additionId", "attachments");
    }
}
