package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.testsupport.Tokens;

/** 不予受理 and the hand-off to an emergency service or a utility's hotline, by the governance centre. */
@QuarkusTest
class RefusalAndHandOffTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static final String CENTRE = Tokens.governance("Z-WSJKQ-gc", "centre-refusal");
    private static final Map<String, String> REFUSAL = Map.of("reasonCode", "LITIGATION_OR_ARBITRATION", "route", "ARBITRATION",
            "reason", "该劳动争议已由区劳动人事争议仲裁院受理，请通过仲裁程序解决。");

    @Test
    void theCentreRefusesARequestOutOfRemitNamingTheRouteAndTheCaseCloses() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(CENTRE).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("allowedActions", hasItems("refuse", "hand-off"));
        given().auth().oauth2(CENTRE).contentType("application/json").body(REFUSAL).post("/api/v1/cases/{id}/refusal", c.id)
                .then().statusCode(200).body("status", equalTo("REFUSED")).body("allowedActions", empty())
                .body("overdue", equalTo(false));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("allowedActions", empty())
                .body("history.find { it.action == 'refuse' }.reason",
                        equalTo("LITIGATION_OR_ARBITRATION: ARBITRATION: 该劳动争议已由区劳动人事争议仲裁院受理，请通过仲裁程序解决。"));
        Map<?, ?> data = OutboxRows.onlyData(c.petitionId, "org.minhu.case.refused");
        assertThat(data.get("status")).isEqualTo("REFUSED");
        assertThat(data.get("reasonCode")).isEqualTo("LITIGATION_OR_ARBITRATION");
        assertThat(data.get("route")).isEqualTo("ARBITRATION");
        assertThat(data.get("previousStatus")).isEqualTo("ASSIGNED");
        assertThat(data.get("actor")).isEqualTo("Z-WSJKQ-gc");
        // closed: no second refusal, no hand-off, no withdrawal
        given().auth().oauth2(CENTRE).contentType("application/json").body(REFUSAL).post("/api/v1/cases/{id}/refusal", c.id)
                .then().statusCode(409);
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(Map.of("reasonCode", "RESOLVED"))
                .post("/api/v1/petitions/{id}/withdrawal", c.petitionId).then().statusCode(409);
    }

    @Test
    void onlyTheCentreOfTheRegionRefusesOrHandsOff() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/cases/{id}", c.id).then()
                .body("allowedActions", not(hasItem("refuse"))).body("allowedActions", not(hasItem("hand-off")));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json").body(REFUSAL)
                .post("/api/v1/cases/{id}/refusal", c.id).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.governance("500108-gc", "centre-nanan")).contentType("application/json").body(REFUSAL)
                .post("/api/v1/cases/{id}/refusal", c.id).then().statusCode(404);
        assertThat(OutboxRows.count(c.petitionId, "org.minhu.case.refused")).isZero();
    }

    @Test
    void aHandOffRecordsItsTargetAndAUtilityHotlineMustBeNamed() throws Exception {
        PetitionCase c = events.dispatched("gas", "URGENT", "Z-WSJKQ", null);
        given().auth().oauth2(CENTRE).contentType("application/json")
                .body(Map.of("target", "UTILITY_HOTLINE", "reason", "燃气公司抢修热线已接单。"))
                .post("/api/v1/cases/{id}/hand-off", c.id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("targetName"));
        given().auth().oauth2(CENTRE).contentType("application/json").body(Map.of("target", "FIRE_119", "reason", "燃气泄漏，已转119现场处置。"))
                .post("/api/v1/cases/{id}/hand-off", c.id)
                .then().statusCode(200).body("status", equalTo("HANDED_OFF")).body("allowedActions", empty());
        Map<?, ?> data = OutboxRows.onlyData(c.petitionId, "org.minhu.case.handed-off");
        assertThat(data.get("reasonCode")).isEqualTo("FIRE_119");
        assertThat(data.get("reason")).isEqualTo("燃气泄漏，已转119现场处置。");
        assertThat(data.get("occurredAt")).isNotNull();
    }

    @Test
    void badRefusalsAreNamed() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        given().auth().oauth2(CENTRE).contentType("application/json")
                .body(Map.of("reasonCode", "BORING", "route", "NONE", "reason", "这个诉求没有意思，不予受理。"))
                .post("/api/v1/cases/{id}/refusal", c.id).then().statusCode(400).body("errors[0].field", equalTo("reasonCode"));
        given().auth().oauth2(CENTRE).contentType("application/json")
                .body(Map.of("reasonCode", "NO_SUBSTANCE", "reason", "诉求内容无法办理，不予受理。"))
                .post("/api/v1/cases/{id}/refusal", c.id).then().statusCode(400).body("errors[0].field", equalTo("route"));
        given().auth().oauth2(CENTRE).contentType("application/json")
                .body(Map.of("reasonCode", "NO_SUBSTANCE", "route", "NONE", "reason", "太短"))
                .post("/api/v1/cases/{id}/refusal", c.id).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(CENTRE).get("/api/v1/cases/{id}", c.id).then().body("status", equalTo("ASSIGNED"));
    }
}
