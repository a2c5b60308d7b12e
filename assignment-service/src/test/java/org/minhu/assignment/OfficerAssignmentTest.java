package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.localservers.LocalIdentity;
import org.minhu.testsupport.Tokens;

/** 指派承办人: a unit puts one of its staff in charge of a case; internal, in the history, in no event. */
@QuarkusTest
class OfficerAssignmentTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    static final String HEALTH = "Z-WSJKQ-health";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static String staffMember(String subject) {
        return LocalIdentity.shared().token(subject, "unit_staff", HEALTH, Duration.ofHours(1));
    }

    @Test
    void theUnitAssignsAnOfficerWhoFindsTheCaseWithOfficerMe() throws Exception {
        PetitionCase mine = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        PetitionCase colleagues = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        long eventsBefore = OutboxRows.countAll(mine.petitionId);
        String me = "zhang.min@" + HEALTH;
        as(Tokens.staff(HEALTH)).body(Map.of("officerId", me)).put("/api/v1/cases/{id}/officer", mine.id)
                .then().statusCode(200).body("officerId", equalTo(me))
                .body("history.action", hasItem("assign-officer"));
        as(staffMember(me)).body(Map.of("officerId", "li.wei@" + HEALTH)).put("/api/v1/cases/{id}/officer", colleagues.id)
                .then().statusCode(200);
        given().auth().oauth2(staffMember(me)).queryParam("officer", "me").queryParam("limit", 100).get("/api/v1/cases")
                .then().statusCode(200).body("items.id", hasItem(mine.id.toString()))
                .body("items.id", not(hasItem(colleagues.id.toString())));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("officer", "li.wei@" + HEALTH).queryParam("limit", 100)
                .get("/api/v1/cases").then().statusCode(200).body("items.id", hasItem(colleagues.id.toString()))
                .body("items.id", not(hasItem(mine.id.toString())));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("officer", "none").queryParam("limit", 100)
                .get("/api/v1/cases").then().statusCode(200).body("items.id", not(hasItem(mine.id.toString())));
        given().auth().oauth2(staffMember(me)).queryParam("officer", "me").get("/api/v1/cases/counts")
                .then().statusCode(200).body("byStatus.ASSIGNED", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        // internal: no event for the petitioner's timeline
        assertThat(OutboxRows.countAll(mine.petitionId)).isEqualTo(eventsBefore);
        assertThat(OutboxRows.countContaining("zhang.min@")).isZero();
    }

    @Test
    void aTransferClearsTheOfficerOfTheFormerUnit() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        as(Tokens.staff(HEALTH)).body(Map.of("officerId", "wang.fang@" + HEALTH)).put("/api/v1/cases/{id}/officer", c.id)
                .then().statusCode(200);
        as(Tokens.staff("Z-WSJKQ-gc")).body(Map.of("unitId", "Z-WSJKQ-housing", "reason", "属住建部门职责"))
                .post("/api/v1/cases/{id}/transfer", c.id).then().statusCode(200);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-housing")).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("officerId", equalTo(null));
    }

    @Test
    void onlyTheLeadUnitAssignsWhileTheCaseIsTheirsAndTheOfficerIsNamed() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        as(Tokens.staff("500108-transport")).body(Map.of("officerId", "x@500108-transport"))
                .put("/api/v1/cases/{id}/officer", c.id).then().statusCode(404).contentType("application/problem+json");
        as(Tokens.staff("Z-WSJKQ-gc")).body(Map.of("officerId", "x@Z-WSJKQ-gc"))
                .put("/api/v1/cases/{id}/officer", c.id).then().statusCode(403).contentType("application/problem+json");
        as(Tokens.staff(HEALTH)).body(Map.of("officerId", "张 三")).put("/api/v1/cases/{id}/officer", c.id)
                .then().statusCode(400).body("errors[0].field", equalTo("officerId"));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("officer", "张 三").get("/api/v1/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("officer"));
        as(Tokens.staff(HEALTH)).body(Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "不属于卫健部门职责"))
                .post("/api/v1/cases/{id}/return", c.id).then().statusCode(200);
        as(Tokens.staff(HEALTH)).body(Map.of("officerId", "zhang.min@" + HEALTH)).put("/api/v1/cases/{id}/officer", c.id)
                .then().statusCode(409).contentType("application/problem+json");
    }
}
