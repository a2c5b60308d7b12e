package org.minhu.assignment;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;

@QuarkusTest
class CaseActionsTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private PetitionCase newCase(String category, String handling, String region) throws Exception {
        return events.dispatched(category, handling, region, null);
    }

    @Test
    void shouldSignThenAnswerAndKeepTheHistory() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "Z-WSJKQ");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).post("/api/v1/cases/{id}/sign", c.id)
                .then().statusCode(200).body("status", equalTo("SIGNED")).body("allowedActions", hasItems("answer", "request-extension")).body("allowedActions", not(hasItem("sign")));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json")
                .body(Map.of("reply", "已协调增加降压药配备，下周起卫生院常备三种降压药。"))
                .post("/api/v1/cases/{id}/answer", c.id)
                .then().statusCode(200).body("status", equalTo("ANSWERED")).body("answeredAt", notNullValue());
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200)
                .body("history", hasSize(3))
                .body("history.action", contains("dispatch", "sign", "answer"))
                .body("history[1].actor", equalTo("Z-WSJKQ-health"));
    }

    @Test
    void shouldRefuseAnActionNotAllowedNowListingTheAllowedOnes() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "Z-WSJKQ");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json")
                .body(Map.of("reply", "这是一个足够长的答复内容。"))
                .post("/api/v1/cases/{id}/answer", c.id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("allowedActions", contains("sign", "return", "add-co-handler"));
    }

    @Test
    void shouldRefuseAShortReply() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "Z-WSJKQ");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).post("/api/v1/cases/{id}/sign", c.id).then().statusCode(200);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json").body(Map.of("reply", "已处理"))
                .post("/api/v1/cases/{id}/answer", c.id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reply"));
    }

    @Test
    void shouldHideAnotherUnitsCase() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "Z-WSJKQ");
        given().auth().oauth2(Tokens.staff("500108-transport")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("500108-transport")).post("/api/v1/cases/{id}/sign", c.id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("500108-gc")).get("/api/v1/cases/{id}", c.id).then().statusCode(404);
    }

    @Test
    void shouldFindAPetitionsCaseOnlyForThoseWhoSeeIt() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "Z-WSJKQ");
        newCase("health", "NORMAL", "Z-WSJKQ"); // another case of the same unit, not asked for
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).queryParam("petition", c.petitionId.toString())
                .get("/api/v1/cases").then().statusCode(200).body("items.id", contains(c.id.toString()));
        given().auth().oauth2(Tokens.staff("city-gc")).queryParam("petition", c.petitionId.toString())
                .get("/api/v1/cases").then().statusCode(200).body("items.id", contains(c.id.toString()));
        given().auth().oauth2(Tokens.staff("500108-transport")).queryParam("petition", c.petitionId.toString())
                .get("/api/v1/cases").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).queryParam("petition", "not-a-uuid")
                .get("/api/v1/cases").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseCallsWithoutAKnownUnit() {
        given().get("/api/v1/cases").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("no-such-unit")).get("/api/v1/cases").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen("citizen-1")).get("/api/v1/cases").then().statusCode(403);
        given().auth().oauth2(org.minhu.localservers.LocalIdentity.unsigned("staff@500108-gc", "governance"))
                .get("/api/v1/cases").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldGiveUrgentCategoriesTwoHoursToSign() throws Exception {
        PetitionCase c = newCase("water", "URGENT", "500103");
        assertThat(Duration.between(c.dispatchedAt, c.signDeadline)).isEqualTo(Duration.ofHours(2));
        assertThat(c.answerDeadline).isAfter(c.dispatchedAt).isBefore(c.dispatchedAt.plus(Duration.ofDays(5)));
        assertThat(c.leadUnitId).isEqualTo("500103-water");
    }

    @Test
    void shouldRefuseAnInvalidQueueFilter() {
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).queryParam("limit", 500).get("/api/v1/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).queryParam("status", "LOST").get("/api/v1/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void shouldListOverdueCasesOnly() throws Exception {
        PetitionCase c = newCase("health", "NORMAL", "500101");
        QuarkusTransaction.requiringNew().run(() -> PetitionCase.update("answerDeadline = ?1 where id = ?2",
                Instant.now().minus(Duration.ofHours(1)), c.id));
        given().auth().oauth2(Tokens.staff("500101-health")).queryParam("overdue", true).get("/api/v1/cases")
                .then().statusCode(200).body("items.id", contains(c.id.toString()))
                .body("items[0].overdue", equalTo(true));
    }
}
