package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.testsupport.Tokens;

/** 内部备注: notes for the units handling a case and the centre over it, never for the petitioner. */
@QuarkusTest
class CaseNotesTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    @Test
    void theLeadUnitAddsAndReadsNotesWithAuthorUnitAndTime() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        as(Tokens.staff("Z-WSJKQ-health")).body(Map.of("text", "  已电话联系卫生院院长，周三前回复药品采购计划。  "))
                .post("/api/v1/cases/{id}/notes", c.id)
                .then().statusCode(201)
                .body("text", equalTo("已电话联系卫生院院长，周三前回复药品采购计划。"))
                .body("authorSubject", equalTo("staff@Z-WSJKQ-health"))
                .body("authorUnitId", equalTo("Z-WSJKQ-health"))
                .body("createdAt", notNullValue());
        // a co-handling unit and the region's governance centre keep notes too
        as(Tokens.staff("Z-WSJKQ-health")).body(Map.of("unitId", "Z-WSJKQ-housing"))
                .post("/api/v1/cases/{id}/co-handlers", c.id).then().statusCode(200);
        as(Tokens.staff("Z-WSJKQ-housing")).body(Map.of("text", "住建部门配合核实卫生院用房情况。"))
                .post("/api/v1/cases/{id}/notes", c.id).then().statusCode(201);
        as(Tokens.staff("Z-WSJKQ-gc")).body(Map.of("text", "中心关注：请按期答复。"))
                .post("/api/v1/cases/{id}/notes", c.id).then().statusCode(201).body("authorUnitId", equalTo("Z-WSJKQ-gc"));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}/notes", c.id)
                .then().statusCode(200)
                .body("authorUnitId", contains("Z-WSJKQ-health", "Z-WSJKQ-housing", "Z-WSJKQ-gc"));
        // a note is no transition: the case's history does not show it
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200).body("history.action", not(org.hamcrest.Matchers.hasItem("note")))
                .body("history", hasSize(2));
    }

    @Test
    void anotherUnitAnotherRegionsCentreAuditorsAndCitizensNeverSeeThem() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        as(Tokens.staff("Z-WSJKQ-health")).body(Map.of("text", "内部：申请人情绪激动，回访注意方式。"))
                .post("/api/v1/cases/{id}/notes", c.id).then().statusCode(201);
        for (String unit : new String[] {"500108-transport", "500108-gc", "Z-WSJKQ-housing"}) {
            given().auth().oauth2(Tokens.staff(unit)).get("/api/v1/cases/{id}/notes", c.id)
                    .then().statusCode(404).contentType("application/problem+json");
            as(Tokens.staff(unit)).body(Map.of("text", "不是本单位的工单。"))
                    .post("/api/v1/cases/{id}/notes", c.id).then().statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/cases/{id}/notes", c.id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).get("/api/v1/cases/{id}/notes", c.id)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/cases/{id}/notes", c.id).then().statusCode(401);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}/notes", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aNotePublishesNoEventForThePetitionersTimeline() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        long before = OutboxRows.countAll(c.petitionId);
        assertThat(before).as("the dispatch's case.assigned").isEqualTo(1);
        String marker = "note-" + UUID.randomUUID();
        as(Tokens.staff("Z-WSJKQ-health")).body(Map.of("text", marker + " 申请人住址需上门核实"))
                .post("/api/v1/cases/{id}/notes", c.id).then().statusCode(201);
        assertThat(OutboxRows.countAll(c.petitionId)).as("events for the petition after a note").isEqualTo(before);
        assertThat(OutboxRows.countContaining(marker)).as("events carrying the note's text").isZero();
    }

    @Test
    void aNoteOfFewerThanFiveVisibleCharactersOrTooLongIsRefusedNamingText() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        for (String text : new String[] {"已处理", "  短备注  ", "长".repeat(2001)}) {
            as(Tokens.staff("Z-WSJKQ-health")).body(Map.of("text", text)).post("/api/v1/cases/{id}/notes", c.id)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        }
        as(Tokens.staff("Z-WSJKQ-health")).post("/api/v1/cases/{id}/notes", c.id)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
