package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;

/** 补充诉求 (the petitioner's additions) and 撤回 (withdrawal) as the petitioner's request shows them. */
@QuarkusTest
class AdditionsAndWithdrawalTest {

    @RegisterExtension
    static final EventPublisher events = new EventPublisher();

    @Inject
    EntityManager em;

    private static String file(String citizen) {
        return Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    private static void awaitStatus(String citizen, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                status.equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
    }

    @Test
    void anAdditionJoinsTheTimelineWithoutChangingTheStatusAndIsPublished() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        Petitions.as(citizen).body(Map.of("text", "  补充：桥下空地晚上十点后也没有照明。  ")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(201).body("petitionId", equalTo(id)).body("text", equalTo("补充：桥下空地晚上十点后也没有照明。"))
                .body("addedAt", org.hamcrest.Matchers.notNullValue());
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("timeline.kind", contains("STATUS", "ADDITION"))
                .body("timeline[1].status", equalTo("SUBMITTED"))
                .body("timeline[1].actorType", equalTo("CITIZEN"))
                .body("timeline[1].note", equalTo("补充：桥下空地晚上十点后也没有照明。"))
                .body("allowedActions", contains("add-information"));

        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT cloud_event FROM outbox_event WHERE message_key = ?1 AND event_type = 'org.minhu.petition.information-added'")
                .setParameter(1, id).getResultList());
        assertThat(rows).hasSize(1);
        Map<?, ?> data = (Map<?, ?>) new ObjectMapper().readValue((String) rows.get(0), Map.class).get("data");
        assertThat(data.get("petitionId")).isEqualTo(id);
        assertThat(data.get("text")).isEqualTo("补充：桥下空地晚上十点后也没有照明。");
    }

    @Test
    void theHandlingUnitReadsTheAdditionAndAnAuditorSeesItMasked() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        awaitStatus(citizen, id, "ASSIGNED");
        Petitions.as(citizen).body(Map.of("text", "我的另一个电话是13987654321，白天可以打。")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(201);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.find { it.kind == 'ADDITION' }.note", containsString("13987654321"))
                .body("allowedActions", empty());
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.find { it.kind == 'ADDITION' }.note", not(containsString("13987654321")))
                .body("allowedActions", empty());
    }

    @Test
    void onlyThePetitionerAddsAndBadTextIsNamed() {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        Petitions.as(Petitions.newCitizen()).body(Map.of("text", "不是我的诉求，但我想补充。")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json").body(Map.of("text", "单位不能替群众补充。"))
                .post("/api/v1/petitions/{id}/additions", id).then().statusCode(403);
        Petitions.as(citizen).body(Map.of("text", "  短  ")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        Petitions.as(citizen).body(Map.of()).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        Petitions.as(citizen).body(Map.of("text", "长".repeat(2001))).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("timeline.kind", not(hasItem("ADDITION")));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAddsOnce() {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("text", "补充：停车难主要在晚上七点以后。");
        String first = Petitions.as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(201).extract().asString();
        Petitions.as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(equalTo(first));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("timeline.kind", contains("STATUS", "ADDITION"));
    }

    @Test
    void noAdditionOnceAnsweredNorBeyondTheLimit() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        for (int i = 1; i <= 20; i++) {
            Petitions.as(citizen).body(Map.of("text", "第" + i + "次补充的内容")).post("/api/v1/petitions/{id}/additions", id)
                    .then().statusCode(201);
        }
        Petitions.as(citizen).body(Map.of("text", "第21次补充的内容")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("20 additions"));

        String answered = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), answered, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(UUID.randomUUID(), answered, "org.minhu.case.answered", Map.of("reply", "已在桥下划出临时停车位。"));
        awaitStatus(citizen, answered, "ANSWERED");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", answered).then().body("allowedActions", empty());
        Petitions.as(citizen).body(Map.of("text", "答复以后再补充的内容")).post("/api/v1/petitions/{id}/additions", answered)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("ANSWERED"));
    }

    @Test
    void aRefusalShowsItsReasonAndTheRouteToTakeAndAHandOffItsTarget() throws Exception {
        String citizen = Petitions.newCitizen();
        String refused = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), refused, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(UUID.randomUUID(), refused, "org.minhu.case.refused", Map.of("status", "REFUSED",
                "previousStatus", "ASSIGNED", "action", "refuse", "actor", "Z-WSJKQ-gc", "reasonCode", "LITIGATION_OR_ARBITRATION",
                "route", "ARBITRATION", "reason", "请通过劳动仲裁解决。"));
        awaitStatus(citizen, refused, "REJECTED");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", refused).then()
                .body("timeline[2].status", equalTo("REJECTED"))
                .body("timeline[2].actorType", equalTo("GOVERNANCE_CENTRE"))
                .body("timeline[2].reasonCode", equalTo("LITIGATION_OR_ARBITRATION"))
                .body("timeline[2].route", equalTo("ARBITRATION"))
                .body("timeline[2].note", containsString("请通过劳动仲裁解决。"))
                .body("allowedActions", empty());

        String handedOff = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), handedOff, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(UUID.randomUUID(), handedOff, "org.minhu.case.handed-off", Map.of("status", "HANDED_OFF",
                "previousStatus", "ASSIGNED", "action", "hand-off", "actor", "Z-WSJKQ-gc", "reasonCode", "UTILITY_HOTLINE",
                "route", "国网重庆电力 95598", "reason", "已转供电公司抢修。"));
        awaitStatus(citizen, handedOff, "HANDED_OFF");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", handedOff).then()
                .body("timeline[2].reasonCode", equalTo("UTILITY_HOTLINE"))
                .body("timeline[2].route", equalTo("国网重庆电力 95598"))
                .body("timeline[2].note", equalTo("Handed to 国网重庆电力 95598: 已转供电公司抢修。"))
                .body("allowedActions", empty());
        Petitions.as(citizen).body(Map.of("text", "移交以后再补充的内容")).post("/api/v1/petitions/{id}/additions", handedOff)
                .then().statusCode(409);
    }

    @Test
    void theRequestOffersWithdrawalWhileWaitingForTheUnitAndShowsTheWithdrawal() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("allowedActions", not(hasItem("withdraw")));
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        awaitStatus(citizen, id, "ASSIGNED");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("allowedActions", contains("add-information", "withdraw"));

        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.withdrawn", Map.of("status", "WITHDRAWN",
                "previousStatus", "ASSIGNED", "action", "withdraw", "actor", "petitioner", "reasonCode", "DUPLICATE",
                "reason", "昨天已经提交过"));
        awaitStatus(citizen, id, "WITHDRAWN");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then()
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "WITHDRAWN"))
                .body("timeline[2].actorType", equalTo("CITIZEN"))
                .body("timeline[2].note", equalTo("Withdrawn by the petitioner (DUPLICATE): 昨天已经提交过"))
                .body("timeline[2].reasonCode", equalTo("DUPLICATE"))
                .body("allowedActions", empty());
        Petitions.as(citizen).body(Map.of("text", "撤回以后再补充的内容")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(409);
    }
}
