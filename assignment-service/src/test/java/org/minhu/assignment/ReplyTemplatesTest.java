package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.Tokens;

/** 答复模板: a unit's templates, filled for a case as the draft of its answer. */
@QuarkusTest
class ReplyTemplatesTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    static final String HEALTH = "Z-WSJKQ-health";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static Map<String, Object> template(String categoryCode, String title, String body) {
        Map<String, Object> m = new HashMap<>();
        if (categoryCode != null) {
            m.put("categoryCode", categoryCode);
        }
        m.put("title", title);
        m.put("body", body);
        return m;
    }

    private static String add(String unit, Map<String, Object> body) {
        return as(Tokens.staff(unit)).body(body).post("/api/v1/units/{unit}/reply-templates", unit)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void theUnitsTemplateIsFilledForACaseAndSentAsTheAnswer() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        String id = add(HEALTH, template("health", "药品配备类答复",
                "您于{{filedDate}}提交的诉求（受理编号{{ trackingNumber }}）“{{title}}”已收悉。经{{unitName}}核实，已协调配备药品。"));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("categoryCode", "health")
                .get("/api/v1/units/{unit}/reply-templates", HEALTH).then().statusCode(200).body("id", hasItem(id));
        String unitName = QuarkusTransaction.requiringNew().call(() -> Unit.<Unit>findById(HEALTH).nameZh);
        String filed = ChinaTime.of(c.dispatchedAt).getYear() + "年" + ChinaTime.of(c.dispatchedAt).getMonthValue() + "月"
                + ChinaTime.of(c.dispatchedAt).getDayOfMonth() + "日";
        String draft = given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("templateId", id)
                .get("/api/v1/cases/{id}/reply-draft", c.id).then().statusCode(200)
                .body("caseId", equalTo(c.id.toString())).body("templateId", equalTo(id))
                .extract().path("reply");
        assertThat(draft).isEqualTo("您于" + filed + "提交的诉求（受理编号" + c.trackingNumber + "）“" + c.title + "”已收悉。经"
                + unitName + "核实，已协调配备药品。");
        // the clerk edits the draft and answers with it
        given().auth().oauth2(Tokens.staff(HEALTH)).post("/api/v1/cases/{id}/sign", c.id).then().statusCode(200);
        as(Tokens.staff(HEALTH)).body(Map.of("reply", draft + "如有疑问请致电12345。"))
                .post("/api/v1/cases/{id}/answer", c.id).then().statusCode(200).body("status", equalTo("ANSWERED"));
        // replaced, then deleted
        as(Tokens.staff(HEALTH)).body(template(null, "通用答复", "经{{unitName}}核实，问题已处理。"))
                .put("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id)
                .then().statusCode(200).body("title", equalTo("通用答复")).body("categoryCode", equalTo(null));
        given().auth().oauth2(Tokens.staff(HEALTH)).delete("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id)
                .then().statusCode(404);
    }

    @Test
    void anUnknownVariableIsRefusedNamingBodyAndTheVariable() {
        as(Tokens.staff(HEALTH)).body(template("health", "含未知变量", "尊敬的{{petitionerName}}，您的诉求已办理。"))
                .post("/api/v1/units/{unit}/reply-templates", HEALTH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("errors[0].reason", containsString("{{petitionerName}}"));
        as(Tokens.staff(HEALTH)).body(template(null, "未闭合变量", "受理编号{{trackingNumber，已办理。"))
                .post("/api/v1/units/{unit}/reply-templates", HEALTH)
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        String id = add(HEALTH, template(null, "通用", "经{{unitName}}核实，问题已处理。"));
        as(Tokens.staff(HEALTH)).body(template(null, "通用", "{{unitName}}于{{answerDate}}答复。"))
                .put("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id)
                .then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", containsString("{{answerDate}}"));
        as(Tokens.staff(HEALTH)).body(template("no-such-category", "类别不存在", "经{{unitName}}核实，问题已处理。"))
                .post("/api/v1/units/{unit}/reply-templates", HEALTH)
                .then().statusCode(422).body("errors[0].field", equalTo("categoryCode"));
    }

    @Test
    void anotherUnitsStaffGet404() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        String id = add(HEALTH, template("health", "本单位模板", "经{{unitName}}核实，问题已处理。"));
        String other = "500108-transport";
        given().auth().oauth2(Tokens.staff(other)).get("/api/v1/units/{unit}/reply-templates", HEALTH).then().statusCode(404);
        given().auth().oauth2(Tokens.staff(other)).get("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id).then().statusCode(404);
        as(Tokens.staff(other)).body(template(null, "越权", "经{{unitName}}核实，问题已处理。"))
                .post("/api/v1/units/{unit}/reply-templates", HEALTH).then().statusCode(404);
        as(Tokens.staff(other)).body(template(null, "越权", "经{{unitName}}核实，问题已处理。"))
                .put("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id).then().statusCode(404);
        given().auth().oauth2(Tokens.staff(other)).delete("/api/v1/units/{unit}/reply-templates/{t}", HEALTH, id).then().statusCode(404);
        // the template under another unit's path is not found either
        given().auth().oauth2(Tokens.staff(other)).get("/api/v1/units/{unit}/reply-templates/{t}", other, id).then().statusCode(404);
        // the case is not theirs; and the health unit cannot fill another unit's template
        given().auth().oauth2(Tokens.staff(other)).queryParam("templateId", id)
                .get("/api/v1/cases/{id}/reply-draft", c.id).then().statusCode(404).contentType("application/problem+json");
        String theirs = add(other, template(null, "交通模板", "经{{unitName}}核实，问题已处理。"));
        given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("templateId", theirs)
                .get("/api/v1/cases/{id}/reply-draft", c.id).then().statusCode(404);
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/units/{unit}/reply-templates", HEALTH)
                .then().statusCode(200).body("id", not(hasItem(theirs)));
        given().auth().oauth2(Tokens.staff(HEALTH)).get("/api/v1/cases/{id}/reply-draft", c.id)
                .then().statusCode(400).body("errors[0].field", equalTo("templateId"));
        // an administrator keeps any unit's templates; an auditor none
        as(Tokens.admin("city-gc")).body(template(null, "管理员添加", "经{{unitName}}核实，问题已处理。"))
                .post("/api/v1/units/{unit}/reply-templates", HEALTH).then().statusCode(201);
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/units/{unit}/reply-templates", HEALTH).then().statusCode(403);
    }

    @Test
    void aShortDraftIsStillRefusedByTheAnswersOwnRule() throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", null);
        String id = add(HEALTH, template(null, "过短", "已办结。"));
        String draft = given().auth().oauth2(Tokens.staff(HEALTH)).queryParam("templateId", id)
                .get("/api/v1/cases/{id}/reply-draft", c.id).then().statusCode(200).extract().path("reply");
        given().auth().oauth2(Tokens.staff(HEALTH)).post("/api/v1/cases/{id}/sign", c.id).then().statusCode(200);
        as(Tokens.staff(HEALTH)).body(Map.of("reply", draft)).post("/api/v1/cases/{id}/answer", c.id)
                .then().statusCode(400).body("errors[0].field", equalTo("reply"));
    }
}
