package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.testsupport.Tokens;

/**
 * GET /api/v1/cases/counts: the caller's queue counted per status, with the list's visibility and
 * filters. 璧山 (500120) is this test's district: no other test files cases there.
 */
@QuarkusTest
class CaseCountsTest {

    private static final String REGION = "500120";
    private static final String HEALTH = REGION + "-health";

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static PetitionCase newCase(String category) throws Exception {
        return events.dispatched(category, "NORMAL", REGION, null);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void shouldCountTheCallersQueuePerStatusWithTheListsFilters() throws Exception {
        PetitionCase signed = newCase("health");
        PetitionCase overdue = newCase("health");
        newCase("health");
        PetitionCase other = newCase("environment");
        String otherUnit = other.leadUnitId;
        as(Tokens.staff(HEALTH)).post("/api/v1/cases/{id}/sign", signed.id).then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> PetitionCase.update("answerDeadline = ?1 where id = ?2",
                Instant.now().minus(Duration.ofHours(1)), overdue.id));

        // the unit: its own cases only, every status present
        as(Tokens.staff(HEALTH)).get("/api/v1/cases/counts").then().statusCode(200)
                .body("byStatus.ASSIGNED", equalTo(2)).body("byStatus.SIGNED", equalTo(1))
                .body("byStatus.RETURNED", equalTo(0)).body("byStatus.ANSWERED", equalTo(0)).body("byStatus.REOPENED", equalTo(0))
                .body("total", equalTo(3));
        // the same as the list with the same filter
        as(Tokens.staff(HEALTH)).queryParam("status", "ASSIGNED").get("/api/v1/cases").then().body("items", hasSize(2));
        as(Tokens.staff(HEALTH)).queryParam("overdue", true).get("/api/v1/cases/counts").then().statusCode(200)
                .body("byStatus.ASSIGNED", equalTo(1)).body("total", equalTo(1));
        as(Tokens.staff(HEALTH)).queryParam("dueBefore", "2000-01-01T00:00:00+08:00").get("/api/v1/cases/counts")
                .then().statusCode(200).body("total", equalTo(0));
        as(Tokens.staff(otherUnit)).get("/api/v1/cases/counts").then().statusCode(200)
                .body("byStatus.ASSIGNED", equalTo(1)).body("total", equalTo(1));

        // the district's centre: the region's cases; by category; another district's centre: none of them
        as(Tokens.staff(REGION + "-gc")).get("/api/v1/cases/counts").then().statusCode(200)
                .body("byStatus.ASSIGNED", equalTo(3)).body("byStatus.SIGNED", equalTo(1)).body("total", equalTo(4));
        as(Tokens.staff(REGION + "-gc")).queryParam("category", "environment").get("/api/v1/cases/counts").then()
                .statusCode(200).body("total", equalTo(1));
        as(Tokens.staff("500151-gc")).get("/api/v1/cases/counts").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseBadFiltersWithProblemJsonNamingThem() {
        as(Tokens.staff(HEALTH)).queryParam("overdue", "maybe").get("/api/v1/cases/counts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("overdue"));
        as(Tokens.staff(HEALTH)).queryParam("dueBefore", "tomorrow").get("/api/v1/cases/counts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("dueBefore"));
        given().get("/api/v1/cases/counts").then().statusCode(401).contentType("application/problem+json");
        as(Tokens.citizen("c-counts")).get("/api/v1/cases/counts").then().statusCode(403);
    }
}
