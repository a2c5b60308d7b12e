package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.testsupport.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;

/** 撤回 by the petitioner, and the petitioner's additions (补充诉求) in the case history. */
@QuarkusTest
class WithdrawalTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static final Map<String, String> DUPLICATE = Map.of("reasonCode", "DUPLICATE", "reason", "昨天已经提交过同样的诉求");

    @Test
    void thePetitionerWithdrawsACaseWaitingToBeSignedAndTheCaseClosesWithItsEvent() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("caseId", equalTo(c.id.toString()))
                .body("reasonCode", equalTo("DUPLICATE")).body("reason", equalTo("昨天已经提交过同样的诉求"));

        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("allowedActions", empty())
                .body("overdue", equalTo(false))
                .body("history.action", hasItem("withdraw"))
                .body("history.find { it.action == 'withdraw' }.actor", equalTo("petitioner"))
                .body("history.find { it.action == 'withdraw' }.reason", equalTo("DUPLICATE: 昨天已经提交过同样的诉求"));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).post("/api/v1/cases/{id}/sign", c.id)
                .then().statusCode(409);

        Map<?, ?> data = OutboxRows.onlyData(c.petitionId, "org.minhu.case.withdrawn");
        assertThat(data.get("status")).isEqualTo("WITHDRAWN");
        assertThat(data.get("previousStatus")).isEqualTo("ASSIGNED");
        assertThat(data.get("actor")).isEqualTo("petitioner");
        assertThat(data.get("reasonCode")).isEqualTo("DUPLICATE");
    }

    @Test
    void aSecondWithdrawalAnswersTheFirstAndPublishesNothingMore() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        String first = given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId).then().statusCode(200).extract().asString();
        String again = given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json")
                .body(Map.of("reasonCode", "RESOLVED")).post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(200).extract().asString();
        assertThat(again).isEqualTo(first);
        assertThat(OutboxRows.count(c.petitionId, "org.minhu.case.withdrawn")).isEqualTo(1);
    }

    @Test
    void aCaseAUnitHasSignedCannotBeWithdrawn() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).post("/api/v1/cases/{id}/sign", c.id).then().statusCode(200);
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("signed for it"));
        assertThat(OutboxRows.count(c.petitionId, "org.minhu.case.withdrawn")).isZero();
    }

    @Test
    void aReturnedCaseWaitingForTheCentreMayBeWithdrawn() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json")
                .body(Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "不属于本单位职责"))
                .post("/api/v1/cases/{id}/return", c.id).then().statusCode(200);
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json")
                .body(Map.of("reasonCode", "RESOLVED")).post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertThat(OutboxRows.onlyData(c.petitionId, "org.minhu.case.withdrawn").get("previousStatus")).isEqualTo("RETURNED");
        given().auth().oauth2(Tokens.governance("Z-WSJKQ-gc", "gc-1")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200).body("allowedActions", empty());
    }

    @Test
    void onlyThePetitionerMayWithdrawAndOthersSeeNoSuchRequest() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.citizen("someone-else")).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId).then().statusCode(403);
        given().contentType("application/json").body(DUPLICATE)
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId).then().statusCode(401);
    }

    @Test
    void aWithdrawalNamesTheFieldItLacks() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(Map.of("reasonCode", "OTHER"))
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(Map.of("reasonCode", "BORED"))
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reasonCode"));
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reasonCode"));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200).body("status", equalTo("ASSIGNED"));
    }

    @Test
    void anAdditionIsWrittenIntoTheCaseHistoryForTheUnit() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        events.send(c.petitionId.toString(), added(c.petitionId, "补充：需要的是硝苯地平缓释片。"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                        .then().statusCode(200)
                        .body("history.find { it.action == 'addition' }.reason", equalTo("补充：需要的是硝苯地平缓释片。"))
                        .body("history.find { it.action == 'addition' }.actor", equalTo("petitioner")));
    }

    @Test
    void anAdditionReadBeforeItsPetitionsDispatchWaitsForTheCase() throws Exception {
        UUID petition = UUID.randomUUID();
        // the addition first, then the petition: the consumer retries the addition until the case exists
        events.send(petition.toString(), added(petition, "补充：路灯在小区东门。"));
        Thread.sleep(500);
        events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", null);
        PetitionCase c = PetitionPublisher.awaitCase(petition);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                        .then().statusCode(200).body("history.action", hasItem("addition")));
    }

    private static String added(UUID petitionId, String text) throws Exception {
        Map<String, Object> data = Map.of("petitionId", petitionId.toString(), "additionId", 7, "text", text,
                "addedAt", OffsetDateTime.now().toString());
        return new ObjectMapper().writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "/minhu/petition-service", "type", "org.minhu.petition.information-added",
                "subject", petitionId.toString(), "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json", "partitionkey", petitionId.toString(), "data", data));
    }
}
