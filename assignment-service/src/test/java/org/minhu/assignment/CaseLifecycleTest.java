package org.minhu.assignment;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minhu.assignment.cases.CaseHistory;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.intake.FeedbackEventsConsumer;
import org.minhu.assignment.supervision.EscalationJob;
import org.minhu.testsupport.ConsumerLag;

/** Returns and rulings, the bounce cap, transfer, co-handling, extension, escalation and reopening. */
@QuarkusTest
class CaseLifecycleTest {

    static PetitionEvents events;

    @Inject
    EscalationJob escalation;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void producer() {
        events = new PetitionEvents();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private PetitionCase newCase(String category, String region, String town) throws Exception {
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, category, "NORMAL", region, town);
        PetitionCase found = PetitionEvents.awaitCase(petition);
        return found;
    }

    private static PetitionCase reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> PetitionCase.<PetitionCase>findById(id));
    }

    private static Response post(String unit, String path, Object body, UUID id) {
        var spec = given().auth().oauth2(Tokens.staff(unit)).contentType("application/json");
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post("/api/v1/cases/{id}/" + path, id);
    }

    private static Map<String, Object> giveBack() {
        return Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "停车位规划属于区城市管理局职责");
    }

    @Test
    void shouldReturnThenRedispatchOnTheGovernanceCentresRuling() throws Exception {
        PetitionCase c = newCase("traffic-parking", "500108", "500108-NANPING");
        post("500108-transport", "return", giveBack(), c.id).then().statusCode(200)
                .body("status", equalTo("RETURNED")).body("returnCount", equalTo(1));
        // the unit that returned it can no longer act; the centre sees ruling among its actions
        given().auth().oauth2(Tokens.staff("500108-gc")).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("allowedActions", hasItem("ruling"));
        post("500108-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", "500108-urban-management",
                "reason", "桥下空间停车属城市管理"), c.id)
                .then().statusCode(200).body("status", equalTo("ASSIGNED")).body("leadUnitId", equalTo("500108-urban-management"));
        post("500108-urban-management", "sign", null, c.id).then().statusCode(200).body("status", equalTo("SIGNED"));
        post("500108-transport", "sign", null, c.id).then().statusCode(404);
        given().auth().oauth2(Tokens.staff("500108-gc")).get("/api/v1/cases/{id}", c.id).then()
                .body("history.action", contains("dispatch", "return", "redispatch", "sign"))
                .body("history[1].reason", equalTo("NOT_OUR_JURISDICTION: 停车位规划属于区城市管理局职责"));
    }

    @Test
    void shouldInsistAndThenRefuseAnotherReturn() throws Exception {
        PetitionCase c = newCase("health", "500101", null);
        post("500101-health", "return", giveBack(), c.id).then().statusCode(200);
        post("500101-gc", "ruling", Map.of("decision", "INSIST", "reason", "属于卫健委职责"), c.id)
                .then().statusCode(200).body("leadUnitId", equalTo("500101-health")).body("finalRuling", equalTo(true));
        post("500101-health", "return", giveBack(), c.id).then().statusCode(409)
                .body("allowedActions", contains("sign", "add-co-handler"));
    }

    @Test
    void shouldFlagACaseReturnedMoreThanThreeTimes() throws Exception {
        PetitionCase c = newCase("housing", "500102", null);
        String[] units = {"500102-housing", "500102-urban-management", "500102-civil-affairs", "500102-economy"};
        for (int i = 0; i < units.length; i++) {
            post(units[i], "return", giveBack(), c.id).then().statusCode(200).body("returnCount", equalTo(i + 1));
            if (i + 1 < units.length) {
                post("500102-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", units[i + 1], "reason", "改派"), c.id)
                        .then().statusCode(200);
            }
        }
        given().auth().oauth2(Tokens.staff("500102-gc")).queryParam("flagged", true).get("/api/v1/cases")
                .then().statusCode(200).body("items.id", hasItem(c.id.toString()))
                .body("items.find { it.id == '" + c.id + "' }.flagged", equalTo(true));
        post("500102-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", "500102-housing", "reason", "终裁"), c.id)
                .then().statusCode(200).body("finalRuling", equalTo(true)).body("allowedActions", not(hasItem("return")));
    }

    @Test
    void shouldRefuseAReturnAfterTheReturnLimit() throws Exception {
        PetitionCase c = newCase("health", "500104", null);
        post("500104-health", "sign", null, c.id).then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> PetitionCase.update("returnDeadline = ?1 where id = ?2",
                java.time.Instant.now().minusSeconds(60), c.id));
        post("500104-health", "return", giveBack(), c.id).then().statusCode(409)
                .body("allowedActions", not(hasItem("return")));
    }

    @Test
    void shouldTransferAndLetACoHandlerSeeTheCase() throws Exception {
        PetitionCase c = newCase("environment", "500105", null);
        post("500105-ecology", "transfer", Map.of("unitId", "500105-water", "reason", "x"), c.id).then().statusCode(409);
        post("500105-gc", "transfer", Map.of("unitId", "500105-water", "reason", "河道排污由水利局牵头"), c.id)
                .then().statusCode(200).body("leadUnitId", equalTo("500105-water"));
        given().auth().oauth2(Tokens.staff("500105-housing")).get("/api/v1/cases/{id}", c.id).then().statusCode(404);
        post("500105-water", "co-handlers", Map.of("unitId", "500105-housing"), c.id)
                .then().statusCode(200).body("coUnitIds", contains("500105-housing"));
        given().auth().oauth2(Tokens.staff("500105-housing")).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("allowedActions", equalTo(List.of()));
        post("500105-gc", "transfer", Map.of("unitId", "no-such-unit", "reason", "x"), c.id).then().statusCode(422)
                .body("errors[0].field", equalTo("unitId"));
    }

    @Test
    void shouldExtendTheAnswerDeadlineWhenTheSupervisorApproves() throws Exception {
        PetitionCase c = newCase("education", "500106", null);
        post("500106-education", "sign", null, c.id).then().statusCode(200);
        post("500106-education", "extension", Map.of("workingDays", 11, "reason", "需现场勘查"), c.id).then().statusCode(400)
                .body("errors[0].field", equalTo("workingDays"));
        post("500106-education", "extension", Map.of("workingDays", 5, "reason", "需现场勘查"), c.id).then().statusCode(200)
                .body("extensionStatus", equalTo("PENDING"));
        post("500106-education", "extension/decision", Map.of("approve", true, "reason", "自批"), c.id).then().statusCode(409);
        OffsetDateTime before = OffsetDateTime.parse(reload(c.id).answerDeadline.atOffset(java.time.ZoneOffset.ofHours(8)).toString());
        post("500106-gc", "extension/decision", Map.of("approve", true, "reason", "同意延期"), c.id).then().statusCode(200)
                .body("extensionStatus", equalTo("APPROVED"));
        assertThat(reload(c.id).answerDeadline).isAfter(before.toInstant().plus(Duration.ofDays(6)));
    }

    @Test
    void shouldGiveACentresPowersOnlyToTheGovernanceRoleOfACentre() throws Exception {
        PetitionCase c = newCase("education", "500115", null);
        post("500115-education", "sign", null, c.id).then().statusCode(200);
        post("500115-education", "extension", Map.of("workingDays", 3, "reason", "需现场勘查"), c.id).then().statusCode(200);
        Map<String, Object> approve = Map.of("approve", true, "reason", "同意延期");
        // unit staff whose token names the governance centre: neither the centre's powers nor its supervision
        String unitStaffOfCentre = org.minhu.testsupport.LocalIdentity.shared()
                .token("clerk@500115-gc", "unit_staff", "500115-gc", Duration.ofHours(1));
        given().auth().oauth2(unitStaffOfCentre).contentType("application/json").body(approve)
                .post("/api/v1/cases/{id}/extension/decision", c.id).then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("role governance"));
        given().auth().oauth2(unitStaffOfCentre).get("/api/v1/cases/{id}", c.id).then().statusCode(403);
        // the role governance naming a department: no centre there
        String governanceOfDepartment = org.minhu.testsupport.LocalIdentity.shared()
                .token("chief@500115-housing", "governance", "500115-housing", Duration.ofHours(1));
        given().auth().oauth2(governanceOfDepartment).contentType("application/json").body(approve)
                .post("/api/v1/cases/{id}/extension/decision", c.id).then().statusCode(403)
                .contentType("application/problem+json");
        // an administrator naming a centre sees the case but decides nothing for the centre
        given().auth().oauth2(Tokens.admin("500115-gc")).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                .body("allowedActions", equalTo(List.of()));
        given().auth().oauth2(Tokens.admin("500115-gc")).contentType("application/json").body(approve)
                .post("/api/v1/cases/{id}/extension/decision", c.id).then().statusCode(org.hamcrest.Matchers.not(200));
        assertThat(reload(c.id).extensionStatus).isEqualTo("PENDING");
        // both: the role governance and a governance centre
        post("500115-gc", "extension/decision", approve, c.id).then().statusCode(200).body("extensionStatus", equalTo("APPROVED"));
    }

    @Test
    void shouldKeepADistrictCentresTransfersAndRedispatchesWithinItsRegion() throws Exception {
        PetitionCase c = newCase("environment", "500107", null);
        post("500107-gc", "transfer", Map.of("unitId", "500108-water", "reason", "交南岸区水利局"), c.id).then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("unitId"))
                .body("detail", org.hamcrest.Matchers.containsString("500107"));
        post("500107-gc", "transfer", Map.of("unitId", "city-water", "reason", "交市水利局"), c.id).then().statusCode(403)
                .body("errors[0].field", equalTo("unitId"));
        assertThat(reload(c.id).leadUnitId).isEqualTo("500107-ecology");
        // its own region: departments and towns
        post("500107-gc", "transfer", Map.of("unitId", "500107-XIPENG-office", "reason", "属地镇街处理"), c.id).then()
                .statusCode(200).body("leadUnitId", equalTo("500107-XIPENG-office"));
        // a returned case: the district centre redispatches within its region only
        post("500107-XIPENG-office", "return", giveBack(), c.id).then().statusCode(200);
        post("500107-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", "500109-water", "reason", "改派"), c.id)
                .then().statusCode(403).body("errors[0].field", equalTo("unitId"));
        post("500107-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", "500107-water", "reason", "改派"), c.id)
                .then().statusCode(200).body("leadUnitId", equalTo("500107-water"));
        // the city's centre transfers across regions
        post("city-gc", "transfer", Map.of("unitId", "500108-water", "reason", "跨区协调"), c.id).then().statusCode(200)
                .body("leadUnitId", equalTo("500108-water"));
    }

    @Test
    void shouldRemindThenEscalateOnceEach() throws Exception {
        PetitionCase c = newCase("market-supervision", "500110", null);
        // several passes inside the reminder window (the deadline is near, not yet passed): only the first reminds
        escalation.runOnce(c.answerDeadline.minus(Duration.ofHours(3)));
        Instant reminded = reload(c.id).remindedAt;
        assertThat(reminded).isNotNull();
        escalation.runOnce(c.answerDeadline.minus(Duration.ofHours(2)));
        escalation.runOnce(c.answerDeadline.minus(Duration.ofMinutes(1)));
        assertThat(reload(c.id).remindedAt).isEqualTo(reminded);
        assertThat(historyCount(c.id, "remind")).isEqualTo(1);
        // past the deadline: escalated once, however often the job runs
        escalation.runOnce(c.answerDeadline.plus(Duration.ofMinutes(1)));
        escalation.runOnce(c.answerDeadline.plus(Duration.ofMinutes(2)));
        PetitionCase after = reload(c.id);
        assertThat(after.escalatedAt).isNotNull();
        assertThat(after.escalatedTo).isEqualTo("500110-gc");
        assertThat(historyCount(c.id, "escalate")).isEqualTo(1);
        assertThat(historyCount(c.id, "remind")).isEqualTo(1);
    }

    private static long historyCount(UUID caseId, String action) {
        return QuarkusTransaction.requiringNew().call(() -> CaseHistory.count("caseId = ?1 and action = ?2", caseId, action));
    }

    @Test
    void shouldReopenAnAnsweredCaseAfterAnUnsatisfiedRatingOnce() throws Exception {
        PetitionCase c = newCase("health", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
        post("Z-WSJKQ-health", "sign", null, c.id).then().statusCode(200);
        post("Z-WSJKQ-health", "answer", Map.of("reply", "已协调增加降压药配备，请留意。"), c.id).then().statusCode(200);
        String rating = json.writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "/minhu/feedback-service", "type", FeedbackEventsConsumer.RECORDED,
                "subject", c.petitionId.toString(), "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json",
                "data", Map.of("petitionId", c.petitionId.toString(), "round", 1,
                        "satisfaction", "UNSATISFIED", "solved", "NOT_SOLVED", "reopens", true)));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", PetitionEvents.bootstrap(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            send(producer, c.petitionId, rating);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reload(c.id).reopenCount == 1);
            PetitionCase reopened = reload(c.id);
            assertThat(reopened.status.name()).isEqualTo("REOPENED");
            assertThat(reopened.supervisedBy).isEqualTo("Z-WSJKQ-gc");
            assertThat(reopened.leadUnitId).isEqualTo("Z-WSJKQ-health");
            post("Z-WSJKQ-health", "answer", Map.of("reply", "已再次核实，卫生院已常备三种降压药。"), c.id).then().statusCode(200)
                    .body("status", equalTo("ANSWERED")).body("reopenCount", equalTo(1));

            // the same rating event delivered again, now that the case is answered again and could be reopened:
            // only its id, already processed, keeps it from reopening the case a second time
            send(producer, c.petitionId, rating);
            ConsumerLag.awaitCaughtUp(PetitionEvents.bootstrap(), "assignment-service", List.of(FeedbackEventsConsumer.TOPIC));
        }
        PetitionCase after = reload(c.id);
        assertThat(after.status.name()).isEqualTo("ANSWERED");
        assertThat(after.reopenCount).isEqualTo(1);
        assertThat(historyCount(c.id, "reopen")).isEqualTo(1);
    }

    private static void send(org.apache.kafka.clients.producer.Producer<String, String> producer, UUID petitionId, String event)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(FeedbackEventsConsumer.TOPIC, petitionId.toString(), event);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record).get();
    }
}
