package org.minhu.assignment;

import org.minhu.common.events.Topics;
import org.minhu.common.events.FeedbackEvents;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.calendar.WorkingCalendar;
import org.minhu.common.events.CaseEvents;
import org.minhu.assignment.cases.CaseHistory;
import org.minhu.assignment.cases.CasePolicy;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.assignment.config.AssignmentConfig;
import org.minhu.assignment.intake.FeedbackEventsConsumer;
import org.minhu.assignment.supervision.EscalationJob;
import org.minhu.assignment.unit.Unit;
import org.minhu.testsupport.ConsumerLag;
import org.minhu.testsupport.TopicReader;

/** Returns and rulings, the bounce cap, transfer, co-handling, extension, escalation and reopening. */
@QuarkusTest
class CaseLifecycleTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    @Inject
    EscalationJob escalation;

    @Inject
    WorkingCalendar calendar;

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Inject
    AssignmentConfig config;

    private final ObjectMapper json = new ObjectMapper();

    private PetitionCase newCase(String category, String region, String town) throws Exception {
        return events.dispatched(category, "NORMAL", region, town);
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
        post("500104-health", "sign", null, c.id).then().statusCode(200).body("allowedActions", hasItem("return"));
        // the limit comes from the configuration (minhu.assignment.limits.return-working-days, 2 by default),
        // counted by the working calendar from the assignment, and the API shows it
        PetitionCase signed = reload(c.id);
        assertThat(config.limits().returnWorkingDays()).isEqualTo(2);
        Instant limit = calendar.plusWorkingDays(signed.assignedAt, 2).at();
        assertThat(signed.returnDeadline).isEqualTo(limit);
        assertThat(instant(given().auth().oauth2(Tokens.staff("500104-health")).get("/api/v1/cases/{id}", c.id)
                .then().statusCode(200).extract().path("returnDeadline"))).isEqualTo(limit);
        // Two working days cannot pass in a test, and the service reads the clock itself (Instant.now() in
        // CaseService.actionable): so the policy every action applies is asked at the limit's last moment and
        // at the limit, on the case as dispatch stored it. No stored value is changed.
        assertThat(allowedAt(signed, "500104-health", limit.minusNanos(1_000))).contains("return", "answer");
        assertThat(allowedAt(signed, "500104-health", limit)).doesNotContain("return").contains("answer");
        assertThat(allowedAt(signed, "500104-health", limit.plus(Duration.ofDays(1)))).doesNotContain("return");
    }

    /** What the unit may do on the case at {@code now}, as {@link CasePolicy} (checked by every action) says. */
    private static List<String> allowedAt(PetitionCase c, String unitId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() ->
                CasePolicy.allowedActions(c, UnitCaller.of(Unit.findById(unitId), false), now));
    }

    private static Instant instant(String isoDateTime) {
        return OffsetDateTime.parse(isoDateTime).toInstant();
    }

    /** The case's clock as the API shows it. */
    private record Clock(Instant assignedAt, Instant signDeadline, Instant answerDeadline, Instant returnDeadline,
                         String extensionStatus) {
        static Clock of(Response view) {
            return new Clock(instant(view.path("assignedAt")), instant(view.path("signDeadline")),
                    instant(view.path("answerDeadline")), instant(view.path("returnDeadline")), view.path("extensionStatus"));
        }
    }

    private static Clock clockOf(String unitId, UUID caseId) {
        return Clock.of(given().auth().oauth2(Tokens.staff(unitId)).get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).extract().response());
    }

    private static Instant historyAt(UUID caseId, String action) {
        return QuarkusTransaction.requiringNew().call(() -> CaseHistory.<CaseHistory>find(
                "caseId = ?1 and action = ?2", caseId, action).singleResult().occurredAt);
    }

    /**
     * Signs, then has the centre grant {@code days} more working days: the answer deadline then lies
     * beyond anything counted from a later assignment, whatever the day of the week the test runs on.
     */
    private static void signAndExtend(String unitId, String centreId, UUID caseId, int days) {
        post(unitId, "sign", null, caseId).then().statusCode(200);
        post(unitId, "extension", Map.of("workingDays", days, "reason", "需现场勘查"), caseId).then().statusCode(200);
        post(centreId, "extension/decision", Map.of("approve", true, "reason", "同意延期"), caseId).then().statusCode(200)
                .body("extensionStatus", equalTo("APPROVED"));
    }

    /** The new unit's limits, counted from the moment of the new assignment on the working calendar. */
    private void assertClockRestartedAt(Clock after, Instant assigned, Clock before) {
        assertThat(after.assignedAt()).isEqualTo(assigned).isAfter(before.assignedAt());
        assertThat(after.signDeadline()).isEqualTo(calendar.plusWorkingDays(assigned, 1).at());
        assertThat(after.answerDeadline()).isEqualTo(calendar.plusWorkingDays(assigned, 5).at())
                .isBefore(before.answerDeadline());
        assertThat(after.returnDeadline()).isEqualTo(calendar.plusWorkingDays(assigned, 2).at());
        assertThat(after.extensionStatus()).as("the old unit's extension does not pass to the new one").isNull();
    }

    @Test
    void shouldRestartTheDeadlinesFromTheRedispatch() throws Exception {
        PetitionCase c = newCase("health", "500116", null);
        signAndExtend("500116-health", "500116-gc", c.id, 3);
        Clock before = clockOf("500116-gc", c.id);
        post("500116-health", "return", giveBack(), c.id).then().statusCode(200);
        Response ruled = post("500116-gc", "ruling", Map.of("decision", "REDISPATCH", "unitId", "500116-civil-affairs",
                "reason", "改派民政局"), c.id);
        ruled.then().statusCode(200).body("leadUnitId", equalTo("500116-civil-affairs")).body("status", equalTo("ASSIGNED"));
        Instant redispatched = historyAt(c.id, "redispatch");
        assertClockRestartedAt(Clock.of(ruled), redispatched, before);
        // what the new unit reads in its own view
        assertClockRestartedAt(clockOf("500116-civil-affairs", c.id), redispatched, before);
    }

    @Test
    void shouldRestartTheDeadlinesFromTheTransfer() throws Exception {
        PetitionCase c = newCase("health", "500117", null);
        signAndExtend("500117-health", "500117-gc", c.id, 3);
        Clock before = clockOf("500117-gc", c.id);
        Response moved = post("500117-gc", "transfer", Map.of("unitId", "500117-hrss", "reason", "转人社局办理"), c.id);
        moved.then().statusCode(200).body("leadUnitId", equalTo("500117-hrss")).body("status", equalTo("ASSIGNED"));
        Instant transferred = historyAt(c.id, "transfer");
        assertClockRestartedAt(Clock.of(moved), transferred, before);
        assertClockRestartedAt(clockOf("500117-hrss", c.id), transferred, before);
    }

    @Test
    void shouldKeepTheClockWhenTheCentreInsists() throws Exception {
        PetitionCase c = newCase("health", "500118", null);
        signAndExtend("500118-health", "500118-gc", c.id, 3);
        Clock before = clockOf("500118-gc", c.id);
        post("500118-health", "return", giveBack(), c.id).then().statusCode(200);
        Response insisted = post("500118-gc", "ruling", Map.of("decision", "INSIST", "reason", "属于卫健委职责"), c.id);
        insisted.then().statusCode(200).body("leadUnitId", equalTo("500118-health"));
        assertThat(historyAt(c.id, "insist")).isAfter(before.assignedAt());
        // the clock ran on while the case was away: every limit, the extension included, stands as it was
        assertThat(Clock.of(insisted)).isEqualTo(before);
        assertThat(clockOf("500118-health", c.id)).isEqualTo(before);
        assertThat(before.extensionStatus()).isEqualTo("APPROVED");
    }

    @Test
    void shouldTransferAndLetACoHandlerSeeTheCase() throws Exception {
        PetitionCase c = newCase("environment", "500105", null);
        post("500105-ecology", "transfer", Map.of("unitId", "500105-water", "reason", "x"), c.id).then().statusCode(409);
        post("500105-gc", "transfer", Map.of("unitId", "500105-water", "reason", "河道排污由水利局牵头"), c.id)
                .then().statusCode(200).body("leadUnitId", equalTo("500105-water"));
        given().auth().oauth2(Tokens.staff("500105-housing")).get("/api/v1/cases/{id}", c.id).then().statusCode(404);
        try (TopicReader reader = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            post("500105-water", "co-handlers", Map.of("unitId", "500105-housing"), c.id)
                    .then().statusCode(200).body("coUnitIds", contains("500105-housing"));
            // the event lists every co-handling unit: petition-service lets their staff read the request by it
            var data = json.readTree(reader.await(r -> isEvent(r, c.petitionId, CaseEvents.CO_HANDLER_ADDED), 1,
                    Duration.ofSeconds(30)).get(0).value()).path("data");
            assertThat(data.path("unitId").asText()).isEqualTo("500105-water");
            assertThat(data.path("coUnitIds").toString()).isEqualTo("[\"500105-housing\"]");
        }
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
        String unitStaffOfCentre = org.minhu.localservers.LocalIdentity.shared()
                .token("clerk@500115-gc", "unit_staff", "500115-gc", Duration.ofHours(1));
        given().auth().oauth2(unitStaffOfCentre).contentType("application/json").body(approve)
                .post("/api/v1/cases/{id}/extension/decision", c.id).then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("role governance"));
        given().auth().oauth2(unitStaffOfCentre).get("/api/v1/cases/{id}", c.id).then().statusCode(403);
        // the role governance naming a department: no centre there
        String governanceOfDepartment = org.minhu.localservers.LocalIdentity.shared()
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

    @Test
    void shouldShowAnEscalatedCaseToItsSupervisingUnitAndPublishOneEscalationEvent() throws Exception {
        // A section supervised by a department (not by a governance centre, which sees its whole region anyway):
        // only the escalation can put the case in the department's queue.
        String section = "500113-health-S" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.admin("city-gc")).contentType("application/json")
                .body(Map.of("id", section, "nameZh", "巴南区卫生健康委员会基层卫生科", "nameEn", "Banan primary care section",
                        "level", "DISTRICT", "kind", "DEPARTMENT", "department", "health", "regionCode", "500113",
                        "parentId", "500113-health"))
                .post("/api/v1/units").then().statusCode(201);
        PetitionCase c = newCase("health", "500113", null);
        post("500113-gc", "transfer", Map.of("unitId", section, "reason", "基层卫生科办理"), c.id).then().statusCode(200)
                .body("leadUnitId", equalTo(section));
        String supervisor = "500113-health";
        assertThat(queueOf(supervisor, c.petitionId)).as("not escalated yet").isEmpty();
        given().auth().oauth2(Tokens.staff(supervisor)).get("/api/v1/cases/{id}", c.id).then().statusCode(404);

        Instant overdue = reload(c.id).answerDeadline.plus(Duration.ofMinutes(1));
        try (TopicReader reader = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            escalation.runOnce(overdue);

            // the supervising unit finds the case in its queue, and the API shows it escalated to it
            assertThat(queueOf(supervisor, c.petitionId)).containsExactly(c.id.toString());
            Response seen = given().auth().oauth2(Tokens.staff(supervisor)).get("/api/v1/cases/{id}", c.id);
            seen.then().statusCode(200).body("escalatedTo", equalTo(supervisor))
                    .body("leadUnitId", equalTo(section)).body("history.action", hasItem("escalate"));
            assertThat(instant(seen.path("escalatedAt"))).isEqualTo(overdue);
            // the lead unit still has the case to handle
            given().auth().oauth2(Tokens.staff(section)).get("/api/v1/cases/{id}", c.id).then().statusCode(200)
                    .body("escalatedTo", equalTo(supervisor)).body("allowedActions", hasItem("sign"));

            // one escalation event, which petition-service turns into the citizen's ESCALATED
            List<ConsumerRecord<String, String>> escalated = reader.await(r -> isEvent(r, c.petitionId, CaseEvents.ESCALATED),
                    1, Duration.ofSeconds(30));
            assertThat(escalated).hasSize(1);
            var data = json.readTree(escalated.get(0).value()).path("data");
            assertThat(data.path("escalatedTo").asText()).isEqualTo(supervisor);
            assertThat(data.path("action").asText()).isEqualTo("escalate");
            assertThat(data.path("caseId").asText()).isEqualTo(c.id.toString());

            // a second pass, later, adds nothing: no history, no event, the same escalation time
            escalation.runOnce(overdue.plus(Duration.ofHours(1)));
            awaitOutboxPublished(List.of(c.petitionId.toString()));
            assertThat(reader.readToEnd(r -> isEvent(r, c.petitionId, CaseEvents.ESCALATED), Duration.ofSeconds(30))).hasSize(1);
        }
        assertThat(historyCount(c.id, "escalate")).isEqualTo(1);
        assertThat(reload(c.id).escalatedAt).isEqualTo(overdue);
    }

    @Test
    void shouldEscalateEachOverdueCaseOnceWhenTwoReplicasRunTheJobAtOnce() throws Exception {
        List<PetitionCase> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cases.add(newCase("health", "500114", null));
        }
        Set<String> petitions = cases.stream().map(c -> c.petitionId.toString()).collect(Collectors.toSet());
        Instant overdue = cases.stream().map(c -> reload(c.id).answerDeadline).max(Instant::compareTo).orElseThrow()
                .plus(Duration.ofMinutes(1));
        try (TopicReader reader = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            // two replicas' passes started at the same instant, each in its own thread and transaction; this
            // instance's own schedule (a third pass, with the real time) is paused meanwhile, so that its claim
            // cannot leave both passes idle
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            scheduler.pause();
            try {
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> pass = () -> {
                    start.await();
                    return escalation.runOnce(overdue);
                };
                Future<Integer> first = replicas.submit(pass);
                Future<Integer> second = replicas.submit(pass);
                start.countDown();
                int done = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
                assertThat(done).as("between them, the passes escalated every overdue case").isGreaterThanOrEqualTo(cases.size());
            } finally {
                scheduler.resume();
                replicas.shutdownNow();
            }
            for (PetitionCase c : cases) {
                assertThat(historyCount(c.id, "escalate")).as("escalations of case %s", c.id).isEqualTo(1);
                assertThat(reload(c.id).escalatedTo).isEqualTo("500114-gc");
            }
            assertThat(reader.await(r -> petitions.contains(r.key()) && CaseEvents.ESCALATED.equals(typeOf(r)),
                    cases.size(), Duration.ofSeconds(30))).hasSize(cases.size());
            awaitOutboxPublished(petitions);
            List<ConsumerRecord<String, String>> escalated = reader.readToEnd(
                    r -> petitions.contains(r.key()) && CaseEvents.ESCALATED.equals(typeOf(r)), Duration.ofSeconds(30));
            assertThat(escalated.stream().map(ConsumerRecord::key).toList()).as("one event per case")
                    .hasSize(cases.size()).containsExactlyInAnyOrderElementsOf(petitions);
        }
    }

    /** The ids of the petition's case in the unit's queue (empty when the unit does not see it). */
    private static List<String> queueOf(String unitId, UUID petitionId) {
        return given().auth().oauth2(Tokens.staff(unitId)).queryParam("petition", petitionId.toString())
                .get("/api/v1/cases").then().statusCode(200).extract().path("items.id");
    }

    private String typeOf(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).path("type").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean isEvent(ConsumerRecord<String, String> record, UUID petitionId, String type) {
        return petitionId.toString().equals(record.key()) && type.equals(typeOf(record));
    }

    /** Waits until the relay has published every event written so far under these keys: the topic then holds them all. */
    private static void awaitOutboxPublished(java.util.Collection<String> keys) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) PetitionCase.getEntityManager().createNativeQuery(
                                "SELECT count(*) FROM outbox_event WHERE message_key IN (:keys) AND published_at IS NULL")
                        .setParameter("keys", keys).getSingleResult()).longValue()) == 0);
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
                "source", "/minhu/feedback-service", "type", FeedbackEvents.RECORDED,
                "subject", c.petitionId.toString(), "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json",
                "data", Map.of("petitionId", c.petitionId.toString(), "round", 1,
                        "satisfaction", "UNSATISFIED", "solved", "NOT_SOLVED", "reopens", true,
                        "channel", "app", "ratedAt", OffsetDateTime.now().toString())));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", PetitionPublisher.bootstrap(),
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
            ConsumerLag.awaitCaughtUp(PetitionPublisher.bootstrap(), "assignment-service", List.of(Topics.FEEDBACK_EVENTS));
        }
        PetitionCase after = reload(c.id);
        assertThat(after.status.name()).isEqualTo("ANSWERED");
        assertThat(after.reopenCount).isEqualTo(1);
        assertThat(historyCount(c.id, "reopen")).isEqualTo(1);
    }

    private static void send(org.apache.kafka.clients.producer.Producer<String, String> producer, UUID petitionId, String event)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FEEDBACK_EVENTS, petitionId.toString(), event);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record).get();
    }
}
