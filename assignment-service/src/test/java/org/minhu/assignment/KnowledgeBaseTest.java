package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.Tokens;

/** 知识库: kept by the owning unit, searched by staff, its public and valid entries read by anyone. */
@QuarkusTest
class KnowledgeBaseTest {

    static final String HEALTH = "Z-WSJKQ-health";
    static final LocalDate TODAY = LocalDate.now(ChinaTime.ZONE);

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    /** Six random common Chinese characters: text no other entry holds. */
    private static String unique() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.appendCodePoint(ThreadLocalRandom.current().nextInt(0x4E00, 0x9FA6));
        }
        return s.toString();
    }

    private static Map<String, Object> entry(String question, boolean isPublic, LocalDate from, LocalDate until, LocalDate reviewBy) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", "health");
        m.put("unitId", HEALTH);
        m.put("question", question);
        m.put("answer", "乡镇卫生院按国家基本药物目录配备降压、降糖等慢性病常用药，缺药时登记后由区药品配送企业补送。");
        m.put("policyBasis", "《国家基本药物目录（2018年版）》");
        m.put("validFrom", from.toString());
        if (until != null) {
            m.put("validUntil", until.toString());
        }
        m.put("public", isPublic);
        m.put("reviewBy", reviewBy.toString());
        return m;
    }

    private static String add(Map<String, Object> body) {
        return as(Tokens.staff(HEALTH)).body(body).post("/api/v1/knowledge").then().statusCode(201).extract().path("id");
    }

    @Test
    void staffFindAChineseEntryByASubstringOfItsQuestion() {
        String marker = unique();
        String id = add(entry("乡镇卫生院能否常备" + marker + "降压药？", false, TODAY.minusDays(1), null, TODAY.plusMonths(6)));
        // any unit's staff read every entry
        given().auth().oauth2(Tokens.staff("500108-transport")).queryParam("q", marker.substring(1, 4))
                .get("/api/v1/knowledge").then().statusCode(200)
                .body("items.id", contains(id)).body("items[0].public", equalTo(false))
                .body("items[0].createdBy", equalTo("staff@" + HEALTH));
        // two characters, the length of most Chinese search words
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker.substring(3, 5)).get("/api/v1/knowledge")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker.substring(2)).queryParam("categoryCode", "health")
                .queryParam("unitId", HEALTH).get("/api/v1/knowledge").then().statusCode(200).body("items.id", contains(id));
        // the pattern characters are text, not wildcards
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker.charAt(0) + "%" + marker.charAt(5))
                .get("/api/v1/knowledge").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker).queryParam("categoryCode", "water")
                .get("/api/v1/knowledge").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/knowledge/{id}", id).then().statusCode(200)
                .body("question", containsString(marker));
    }

    @Test
    void thePublicSearchShowsOnlyPublicEntriesValidTodayWithoutTheirAuthor() {
        String marker = unique();
        String shown = add(entry("公开且有效" + marker, true, TODAY, TODAY.plusDays(30), TODAY.plusMonths(6)));
        String internal = add(entry("内部口径" + marker, false, TODAY.minusDays(10), null, TODAY.plusMonths(6)));
        String expired = add(entry("已过期政策" + marker, true, TODAY.minusDays(60), TODAY.minusDays(1), TODAY.plusMonths(6)));
        String future = add(entry("尚未施行" + marker, true, TODAY.plusDays(1), null, TODAY.plusMonths(6)));
        given().queryParam("q", marker).get("/api/v1/knowledge/public").then().statusCode(200)
                .body("items.id", contains(shown))
                .body("items.id", not(hasItem(internal))).body("items.id", not(hasItem(expired))).body("items.id", not(hasItem(future)))
                .body("items[0].unitName", org.hamcrest.Matchers.notNullValue())
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("createdBy")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("updatedBy")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("reviewBy")))
                .body(not(containsString("staff@")));
        // staff see all four
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker).get("/api/v1/knowledge").then().statusCode(200)
                .body("items", hasSize(4));
        given().queryParam("limit", 0).get("/api/v1/knowledge/public").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().get("/api/v1/knowledge").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/knowledge").then().statusCode(403);
    }

    @Test
    void anotherUnitCannotEditOrDeleteAnEntry403NamingUnitId() {
        String marker = unique();
        Map<String, Object> body = entry("本单位条目" + marker, true, TODAY, null, TODAY.plusMonths(6));
        String id = add(body);
        String other = "500108-transport";
        as(Tokens.staff(other)).body(body).put("/api/v1/knowledge/{id}", id)
                .then().statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("unitId"));
        given().auth().oauth2(Tokens.staff(other)).delete("/api/v1/knowledge/{id}", id).then().statusCode(403);
        as(Tokens.staff(other)).body(body).post("/api/v1/knowledge").then().statusCode(403).body("errors[0].field", equalTo("unitId"));
        // the owner may not give it away; an administrator may change it
        Map<String, Object> moved = new HashMap<>(body);
        moved.put("unitId", other);
        as(Tokens.staff(HEALTH)).body(moved).put("/api/v1/knowledge/{id}", id).then().statusCode(403);
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("question", "本单位条目（修订）" + marker);
        as(Tokens.admin("city-gc")).body(changed).put("/api/v1/knowledge/{id}", id).then().statusCode(200)
                .body("question", equalTo("本单位条目（修订）" + marker)).body("updatedBy", equalTo("admin@city-gc"));
        given().auth().oauth2(Tokens.staff(HEALTH)).delete("/api/v1/knowledge/{id}", id).then().statusCode(204);
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/knowledge/{id}", id).then().statusCode(404);
    }

    @Test
    void anEntryPastItsReviewDateIsFlaggedAndFiltered() {
        String marker = unique();
        String overdue = add(entry("待复核" + marker, true, TODAY.minusMonths(6), null, TODAY.minusDays(1)));
        String current = add(entry("无需复核" + marker, true, TODAY.minusMonths(6), null, TODAY));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("q", marker).queryParam("overdueReview", true)
                .get("/api/v1/knowledge").then().statusCode(200)
                .body("items.id", contains(overdue)).body("items[0].reviewOverdue", equalTo(true));
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/knowledge/{id}", current).then().statusCode(200)
                .body("reviewOverdue", equalTo(false));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("overdueReview", "maybe").get("/api/v1/knowledge")
                .then().statusCode(400);
    }

    @Test
    void badDatesAndFieldsAreRefusedNamingTheField() {
        Map<String, Object> body = entry("日期错误" + unique(), true, TODAY, TODAY.minusDays(1), TODAY.plusMonths(6));
        as(Tokens.staff(HEALTH)).body(body).post("/api/v1/knowledge").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("validUntil"));
        Map<String, Object> noReview = entry("缺少复核日期" + unique(), true, TODAY, null, TODAY);
        noReview.remove("reviewBy");
        as(Tokens.staff(HEALTH)).body(noReview).post("/api/v1/knowledge").then().statusCode(400)
                .body("errors.field", hasItem("reviewBy"));
        Map<String, Object> badDate = entry("日期格式错误" + unique(), true, TODAY, null, TODAY);
        badDate.put("validFrom", "2026-13-45");
        as(Tokens.staff(HEALTH)).body(badDate).post("/api/v1/knowledge").then().statusCode(400);
        Map<String, Object> unknown = entry("类别不存在" + unique(), true, TODAY, null, TODAY);
        unknown.put("categoryCode", "no-such-category");
        as(Tokens.staff(HEALTH)).body(unknown).post("/api/v1/knowledge").then().statusCode(422)
                .body("errors[0].field", equalTo("categoryCode"));
    }
}
