package org.minhu.notification;

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
    void documentsTheInboxPreferencesAndDeliveriesWithTheBearerToken() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult result = new OpenAPIParser().readContents(body, null, null);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/v1/notifications", "/api/v1/notifications/{id}/read",
                "/api/v1/notifications/read-all", "/api/v1/notification-preferences", "/api/v1/notification-deliveries",
                "/api/v1/dead-letters/notification");
        Operation list = api.getPaths().get("/api/v1/notifications").getGet();
        assertThat(list.getSecurity()).anyMatch(requirement -> requirement.containsKey("bearer"));
        assertThat(list.getParameters()).extracting(p -> p.getName()).contains("limit", "before", "unreadOnly");
        assertThat(list.getResponses()).containsKeys("200", "400", "401", "403");
        Operation put = api.getPaths().get("/api/v1/notification-preferences").getPut();
        assertThat(put.getResponses()).containsKeys("200", "400");
        assertThat(api.getPaths().get("/api/v1/notifications/{id}/read").getPost().getResponses()).containsKeys("204", "404");
    }
}
