package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.Tokens;

/**
 * Staff read the request they handle (GET /api/v1/petitions/{id}): the unit the latest case event
 * names and its co-handlers, with the contact; the governance centre of the request's region and the
 * city's; nobody else (404, as for an unknown id). The case events go onto Kafka as assignment-service
 * publishes them.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class StaffReadTest {

    private static final String REGION = "500108";
    private static final String HANDLER = "500108-transport";

    @RegisterExtension
    static final EventPublisher events = new EventPublisher();

    private void caseEvent(String petitionId, String type, String unitId, Map<String, Object> extra) throws Exception {
        Map<String, Object> data = new HashMap<>(Map.of("caseId", UUID.randomUUID().toString(), "petitionId", petitionId,
                "unitId", unitId, "unitNameZh", "单位 " + unitId, "unitNameEn", "Unit " + unitId,
                "regionCode", REGION, "categoryCode", "traffic-parking", "occurredAt", OffsetDateTime.now().toString()));
        data.putAll(extra);
        events.caseEvent(UUID.randomUUID(), petitionId, type, data);
    }

    private static String file() {
        return Petitions.as(Petitions.newCitizen()).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    private static Response read(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/petitions/{id}", id);
    }

    /** Waits until {@code token} reads the request: the event that lets it has been applied. */
    private static Response awaitReads(String token, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> read(token, id), r -> r.statusCode() == 200);
    }

    private static void assertNotFound(String token, String id) {
        read(token, id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No request " + id));
    }

    @Test
    void theHandlingUnitReadsTheRequestWithItsContactAndAddress() throws Exception {
        String id = file();
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch", "coUnitIds", List.of()));
        awaitReads(Tokens.staff(HANDLER), id).then()
                .body("description", equalTo(Petitions.parkingRequest().get("description")))
                .body("contact.name", equalTo("王小明"))
                .body("contact.phone", equalTo("13812341234"))
                .body("location.address", equalTo("南岸区南坪街道江南大道8号附近"));
        assertNotFound(Tokens.staff("500108-water"), id);
    }

    @Test
    void aHiddenNameIsWithheldFromTheUnitAndTheAuditorButNotFromTheCentreOrThePetitioner() throws Exception {
        String citizen = Petitions.newCitizen();
        Map<String, Object> body = Petitions.parkingRequest();
        ((Map<String, Object>) body.get("contact")).put("hideName", true);
        String id = Petitions.as(citizen).body(body).post("/api/v1/petitions").then().statusCode(201)
                .body("contact.name", equalTo("王小明")).body("contact.nameHidden", equalTo(true)).extract().path("id");
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch", "coUnitIds", List.of()));
        Response unit = awaitReads(Tokens.staff(HANDLER), id);
        unit.then().body("contact.nameHidden", equalTo(true)).body("contact.phone", equalTo("13812341234"))
                .body("contact", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("name")));
        org.assertj.core.api.Assertions.assertThat(unit.asString()).doesNotContain("王小明");
        read(Tokens.governance(REGION + "-gc", "gc-staff"), id).then().statusCode(200).body("contact.name", equalTo("王小明"));
        Response auditor = read(Tokens.auditor("auditor-hidden"), id);
        auditor.then().statusCode(200).body("contact", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("name")));
        org.assertj.core.api.Assertions.assertThat(auditor.asString()).doesNotContain("王*");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("contact.name", equalTo("王小明"));
    }

    @Test
    void aCategoryThatNeedsToKnowWhoAsksRefusesAHiddenName() {
        Map<String, Object> body = Petitions.parkingRequest();
        body.put("categoryCode", "disputes");
        ((Map<String, Object>) body.get("contact")).put("hideName", true);
        Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("contact.hideName"));
        given().get("/api/v1/categories").then().statusCode(200)
                .body("find { it.code == 'disputes' }.nameHideable", equalTo(false))
                .body("find { it.code == 'traffic-parking' }.nameHideable", equalTo(true));
    }

    @Test
    void anotherUnitGets404AsForARequestThatDoesNotExist() throws Exception {
        String id = file();
        assertNotFound(Tokens.staff(HANDLER), id); // not dispatched yet: no unit handles it
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch"));
        awaitReads(Tokens.staff(HANDLER), id);
        assertNotFound(Tokens.staff("500108-water"), id);
        assertNotFound(Tokens.staff(HANDLER), UUID.randomUUID().toString()); // the same answer as for an id that does not exist
    }

    @Test
    void afterATransferTheOldUnitGets404AndTheNewOneReadsIt() throws Exception {
        String id = file();
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch"));
        awaitReads(Tokens.staff(HANDLER), id);
        caseEvent(id, "org.minhu.case.assigned", "500108-water", Map.of("action", "transfer", "coUnitIds", List.of()));
        awaitReads(Tokens.staff("500108-water"), id).then().body("contact.phone", equalTo("13812341234"));
        assertNotFound(Tokens.staff(HANDLER), id);
    }

    @Test
    void coHandlersReadItFromTheDispatchAndFromEachAddition() throws Exception {
        String id = file();
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch", "coUnitIds", List.of("500108-water")));
        awaitReads(Tokens.staff("500108-water"), id).then().body("contact.name", equalTo("王小明"));
        assertNotFound(Tokens.staff("500108-health"), id);
        caseEvent(id, "org.minhu.case.co-handler-added", HANDLER,
                Map.of("action", "add-co-handler", "coUnitIds", List.of("500108-water", "500108-health")));
        awaitReads(Tokens.staff("500108-health"), id);
        read(Tokens.staff("500108-water"), id).then().statusCode(200);
        // an event of an earlier assignment-service named the added unit in reason only
        caseEvent(id, "org.minhu.case.co-handler-added", HANDLER, Map.of("action", "add-co-handler", "reason", "500108-housing"));
        awaitReads(Tokens.staff("500108-housing"), id);
        read(Tokens.staff("500108-health"), id).then().statusCode(200);
        // the citizen's timeline does not show co-handlers
        read(Tokens.staff(HANDLER), id).then().statusCode(200).body("timeline.size()", equalTo(2));
    }

    @Test
    void theUnitSupervisingAnOverdueCaseReadsItWhileItSupervises() throws Exception {
        String id = file();
        String supervisor = "500108-transport-bureau";
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch"));
        awaitReads(Tokens.staff(HANDLER), id);
        assertNotFound(Tokens.staff(supervisor), id);
        caseEvent(id, "org.minhu.case.escalated", HANDLER, Map.of("action", "escalate", "escalatedTo", supervisor));
        awaitReads(Tokens.staff(supervisor), id).then().body("contact.phone", equalTo("13812341234"));
        // answered: the case leaves supervision, and so does the supervisor's view of the request
        caseEvent(id, "org.minhu.case.answered", HANDLER, Map.of("action", "answer", "reply", "已处理，违停车辆已移走。"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> read(Tokens.staff(supervisor), id).statusCode() == 404);
        read(Tokens.staff(HANDLER), id).then().statusCode(200);
    }

    @Test
    void aGovernanceCentreReadsItsRegionsRequestsAndAnotherRegionsCentreGets404() throws Exception {
        String id = file();
        caseEvent(id, "org.minhu.case.assigned", HANDLER, Map.of("action", "dispatch"));
        awaitReads(Tokens.staff(HANDLER), id);
        read(Tokens.governance("500108-gc", "centre-nanan"), id).then().statusCode(200)
                .body("contact.phone", equalTo("13812341234"));
        read(Tokens.governance("city-gc", "centre-city"), id).then().statusCode(200);
        assertNotFound(Tokens.governance("Z-WSJKQ-gc", "centre-wansheng"), id);
    }

    @Test
    void theRoleGovernanceActsOnlyForAGovernanceCentre() {
        String id = file();
        // not dispatched yet: the region's centre reads it, a governance token naming a department is refused
        read(Tokens.governance("500108-gc", "centre-nanan"), id).then().statusCode(200);
        read(Tokens.governance("500108-transport", "not-a-centre"), id).then().statusCode(403)
                .contentType("application/problem+json");
    }
}
