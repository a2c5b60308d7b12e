package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.CaseHistory;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.common.events.CaseEvents;
import org.minhu.testsupport.Tokens;

/** 批量签收: a unit signs several cases of its queue at once, each as the single sign does, each reported. */
@QuarkusTest
class BulkSignTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static final String UNIT = "500101-health";

    private static PetitionCase healthCase() throws Exception {
        return events.dispatched("health", "NORMAL", "500101", null);
    }

    private static JsonPath bulkSign(String token, List<?> ids) {
        return given().auth().oauth2(token).contentType("application/json").body(Map.of("caseIds", ids))
                .post("/api/v1/cases/sign").then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static PetitionCase reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> PetitionCase.<PetitionCase>findById(id));
    }

    private static long signEntries(UUID caseId) {
        return QuarkusTransaction.requiringNew().call(() -> CaseHistory.count("caseId = ?1 and action = 'sign'", caseId));
    }

    @Test
    void threeCasesAreSignedAtOnceEachWithItsHistoryEntryAndOneEvent() throws Exception {
        List<PetitionCase> cases = List.of(healthCase(), healthCase(), healthCase());
        JsonPath r = bulkSign(Tokens.staff(UNIT), cases.stream().map(c -> c.id.toString()).toList());
        assertThat(r.<String>getList("results.caseId")).containsExactly(
                cases.stream().map(c -> c.id.toString()).toArray(String[]::new));
        assertThat(r.<String>getList("results.outcome")).containsExactly("SIGNED", "SIGNED", "SIGNED");
        assertThat(r.<String>getList("results.status")).containsExactly("SIGNED", "SIGNED", "SIGNED");
        for (PetitionCase c : cases) {
            PetitionCase after = reload(c.id);
            assertThat(after.status.name()).isEqualTo("SIGNED");
            assertThat(after.signedAt).isNotNull();
            assertThat(signEntries(c.id)).as("sign entries of " + c.id).isEqualTo(1);
            assertThat(OutboxRows.count(c.petitionId, CaseEvents.SIGNED)).as("case.signed of " + c.id).isEqualTo(1);
            Map<?, ?> data = OutboxRows.onlyData(c.petitionId, CaseEvents.SIGNED);
            assertThat(data.get("action")).isEqualTo("sign");
            assertThat(data.get("actor")).isEqualTo(UNIT);
            assertThat(data.get("status")).isEqualTo("SIGNED");
        }
        // the same history as a single sign
        given().auth().oauth2(Tokens.staff(UNIT)).get("/api/v1/cases/{id}", cases.get(0).id).then().statusCode(200)
                .body("history.action", contains("dispatch", "sign")).body("history[1].unitId", equalTo(UNIT));
    }

    @Test
    void oneBadIdNeverBlocksTheRestAndAnotherUnitsCaseIsNotFound() throws Exception {
        PetitionCase mine = healthCase();
        PetitionCase signedBefore = healthCase();
        given().auth().oauth2(Tokens.staff(UNIT)).post("/api/v1/cases/{id}/sign", signedBefore.id).then().statusCode(200);
        PetitionCase returned = healthCase();
        given().auth().oauth2(Tokens.staff(UNIT)).contentType("application/json")
                .body(Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "不属于卫健委职责"))
                .post("/api/v1/cases/{id}/return", returned.id).then().statusCode(200);
        PetitionCase others = events.dispatched("traffic-parking", "NORMAL", "500108", "500108-NANPING");
        UUID unknown = UUID.randomUUID();

        JsonPath r = bulkSign(Tokens.staff(UNIT), List.of(others.id.toString(), unknown.toString(),
                signedBefore.id.toString(), returned.id.toString(), mine.id.toString(), mine.id.toString()));

        // one result per distinct id, in the order sent
        assertThat(r.<String>getList("results.caseId")).containsExactly(others.id.toString(), unknown.toString(),
                signedBefore.id.toString(), returned.id.toString(), mine.id.toString());
        assertThat(r.<String>getList("results.outcome"))
                .containsExactly("NOT_FOUND", "NOT_FOUND", "ALREADY_SIGNED", "CONFLICT", "SIGNED");
        // another unit's case is told apart from an unknown one by nothing: no status, the same problem
        for (int i : new int[] {0, 1}) {
            assertThat(r.getMap("results[" + i + "]")).doesNotContainKey("status");
            assertThat(r.getInt("results[" + i + "].problem.status")).isEqualTo(404);
        }
        assertThat(r.getString("results[0].problem.detail")).doesNotContain("500108").doesNotContain("ASSIGNED");
        assertThat(r.getString("results[2].status")).isEqualTo("SIGNED");
        assertThat(r.getMap("results[2]")).doesNotContainKey("problem");
        assertThat(r.getString("results[3].status")).isEqualTo("RETURNED");
        assertThat(r.getInt("results[3].problem.status")).isEqualTo(409);
        assertThat(r.getString("results[3].problem.type")).isEqualTo("urn:minhu:problem:conflict");
        assertThat(r.getString("results[4].status")).isEqualTo("SIGNED");

        // the other unit's case is untouched, the mix wrote exactly one sign (the case that could be signed)
        assertThat(reload(others.id).status.name()).isEqualTo("ASSIGNED");
        assertThat(OutboxRows.count(others.petitionId, CaseEvents.SIGNED)).isZero();
        assertThat(reload(returned.id).status.name()).isEqualTo("RETURNED");
        assertThat(OutboxRows.count(returned.petitionId, CaseEvents.SIGNED)).isZero();
        assertThat(OutboxRows.count(signedBefore.petitionId, CaseEvents.SIGNED)).isEqualTo(1);
        assertThat(signEntries(signedBefore.id)).isEqualTo(1);
        assertThat(OutboxRows.count(mine.petitionId, CaseEvents.SIGNED)).isEqualTo(1);
        assertThat(signEntries(mine.id)).isEqualTo(1);
    }

    @Test
    void aRetryReportsAlreadySignedAndWritesNothingNew() throws Exception {
        List<PetitionCase> cases = List.of(healthCase(), healthCase());
        List<String> ids = cases.stream().map(c -> c.id.toString()).toList();
        assertThat(bulkSign(Tokens.staff(UNIT), ids).<String>getList("results.outcome")).containsExactly("SIGNED", "SIGNED");
        List<Long> eventsBefore = new ArrayList<>();
        for (PetitionCase c : cases) {
            eventsBefore.add(OutboxRows.countAll(c.petitionId));
        }

        JsonPath retry = bulkSign(Tokens.staff(UNIT), ids);

        assertThat(retry.<String>getList("results.outcome")).containsExactly("ALREADY_SIGNED", "ALREADY_SIGNED");
        assertThat(retry.<String>getList("results.status")).containsExactly("SIGNED", "SIGNED");
        for (int i = 0; i < cases.size(); i++) {
            PetitionCase c = cases.get(i);
            assertThat(OutboxRows.countAll(c.petitionId)).as("events of " + c.id).isEqualTo(eventsBefore.get(i));
            assertThat(OutboxRows.count(c.petitionId, CaseEvents.SIGNED)).isEqualTo(1);
            assertThat(signEntries(c.id)).isEqualTo(1);
        }
        // the single sign still refuses a second sign, as before
        given().auth().oauth2(Tokens.staff(UNIT)).post("/api/v1/cases/{id}/sign", cases.get(0).id).then().statusCode(409)
                .body("allowedActions", hasItem("answer"));
    }

    @Test
    void moreThanFiftyIdsNoIdsOrABadIdAreRefusedNamingCaseIds() {
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID().toString()).toList();
        given().auth().oauth2(Tokens.staff(UNIT)).contentType("application/json").body(Map.of("caseIds", fiftyOne))
                .post("/api/v1/cases/sign").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("caseIds"));
        given().auth().oauth2(Tokens.staff(UNIT)).contentType("application/json").body(Map.of("caseIds", List.of()))
                .post("/api/v1/cases/sign").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("caseIds"));
        given().auth().oauth2(Tokens.staff(UNIT)).contentType("application/json").body(Map.of())
                .post("/api/v1/cases/sign").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("caseIds"));
        given().auth().oauth2(Tokens.staff(UNIT)).contentType("application/json")
                .body(Map.of("caseIds", List.of(UUID.randomUUID().toString(), "not-a-case-id")))
                .post("/api/v1/cases/sign").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("caseIds[1]"));
        // fifty is allowed: each unknown id reported, none of them a 400
        List<String> fifty = fiftyOne.subList(0, 50);
        assertThat(bulkSign(Tokens.staff(UNIT), fifty).<String>getList("results.outcome")).hasSize(50).containsOnly("NOT_FOUND");
    }

    @Test
    void auditorsAndCitizensAreForbiddenAndNobodyIsUnauthorized() throws Exception {
        PetitionCase c = healthCase();
        Map<String, Object> body = Map.of("caseIds", List.of(c.id.toString()));
        given().auth().oauth2(Tokens.auditor("auditor-1")).contentType("application/json").body(body)
                .post("/api/v1/cases/sign").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(c.petitionerId)).contentType("application/json").body(body)
                .post("/api/v1/cases/sign").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(body).post("/api/v1/cases/sign").then().statusCode(401);
        assertThat(reload(c.id).status.name()).isEqualTo("ASSIGNED");
        assertThat(OutboxRows.count(c.petitionId, CaseEvents.SIGNED)).isZero();
    }
}
