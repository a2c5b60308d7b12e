package org.minhu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.minhu.system.SharedSuite.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;


import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A request's whole life across the packaged services, driven over HTTP as a citizen and unit
 * staff would, with only Kafka events between the services: file, dispatch, sign, answer, rate,
 * reopen after an unsatisfied rating, answer again, rate the second round, count it.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(SharedSuite.class)
@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: its event check covers every class's lives
class RequestLifeTest {

    private static JsonPath petition(String citizen, String id) {
        return given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen))
                .get("/api/v1/petitions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitStatus(String citizen, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(petition(citizen, id).getString("status")));
    }

    private static String caseOf(String unit, String petitionId) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(assignment.baseUrl())
                .auth().oauth2(infra.identity().staff(unit)).queryParam("limit", 100).get("/api/v1/cases")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.petitionId == '" + petitionId + "' }.id")
                .stream().findFirst().orElse(null), id -> id != null);
    }

    private static void act(String unit, String caseId, String action, Object body) {
        var spec = given().baseUri(assignment.baseUrl()).auth().oauth2(infra.identity().staff(unit)).contentType(ContentType.JSON);
        if (body != null) {
            spec = spec.body(body);
        }
        spec.post("/api/v1/cases/{id}/" + action, caseId).then().statusCode(200);
    }

    @Test
    void shouldCarryARequestFromSubmissionThroughExtensionToTheAnswer() {
        String citizen = "citizen-life-1";
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "关坝镇中心卫生院降压药不足",
                        "description", "卫生院常用降压药经常缺货，老人需要到城区购买，希望增加高血压药品的配备。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA",
                        "channel", "app", "contact", Map.of("name", "王小明", "phone", "13812341234")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");

        awaitStatus(citizen, id, "ASSIGNED");
        String caseId = caseOf("Z-WSJKQ-health", id);
        act("Z-WSJKQ-health", caseId, "sign", null);
        awaitStatus(citizen, id, "ACCEPTED");
        act("Z-WSJKQ-health", caseId, "extension", Map.of("workingDays", 3, "reason", "需协调区药品配送"));
        act("Z-WSJKQ-gc", caseId, "extension/decision", Map.of("approve", true, "reason", "同意"));
        awaitStatus(citizen, id, "EXTENDED");
        act("Z-WSJKQ-health", caseId, "answer", Map.of("reply", "已协调增加降压药配备，下周起卫生院常备三种降压药。"));
        awaitStatus(citizen, id, "ANSWERED");

        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/petitions/{id}", id)
                .then().statusCode(200)
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ACCEPTED", "EXTENDED", "ANSWERED"))
                .body("handlingUnit.zh", equalTo("万盛经济技术开发区卫生健康委员会"))
                .body("reply", equalTo("已协调增加降压药配备，下周起卫生院常备三种降压药。"))
                .body("answerDeadline", notNullValue());

        awaitOpenRound(citizen, id, 1);
        rate(citizen, id, "SATISFIED", "SOLVED").statusCode(201).body("round", equalTo(1)).body("reopensCase", equalTo(false));
        awaitStatus(citizen, id, "RATED");
    }

    @Test
    void shouldShowAReturnAndTheCentresRedispatchToTheCitizen() {
        String citizen = "citizen-life-2";
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "南坪片区夜间停车难", "description", "小区周边车位严重不足，希望在桥下空地增设停车位。",
                        "categoryCode", "traffic-parking", "regionCode", "500108", "channel", "web",
                        "contact", Map.of("name", "李四", "phone", "13900001111")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        awaitStatus(citizen, id, "ASSIGNED");
        String caseId = caseOf("500108-transport", id);
        act("500108-transport", caseId, "return", Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "桥下空间停车属城市管理"));
        awaitStatus(citizen, id, "RETURNED");
        act("500108-gc", caseId, "ruling", Map.of("decision", "REDISPATCH", "unitId", "500108-urban-management", "reason", "改派城管"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                "南岸区城市管理局".equals(petition(citizen, id).getString("handlingUnit.zh")));
        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/petitions/{id}", id)
                .then().body("timeline.status", contains("SUBMITTED", "ASSIGNED", "RETURNED", "ASSIGNED"))
                .body("timeline[3].note", equalTo("Re-dispatched to 南岸区城市管理局"));
    }

    @Test
    void shouldLetThePetitionerAddInformationAndWithdrawBeforeTheUnitSigns() {
        String citizen = "citizen-life-withdraw";
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "关坝镇路灯不亮", "description", "关坝镇场镇主街路灯已经坏了一周，晚上出行不便。",
                        "categoryCode", "urban-management", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA",
                        "channel", "app", "contact", Map.of("name", "赵敏", "phone", "13700002222", "hideName", true)))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        awaitStatus(citizen, id, "ASSIGNED");
        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("text", "补充：坏的是主街东段靠近卫生院的几盏。")).post("/api/v1/petitions/{id}/additions", id)
                .then().statusCode(201);
        String caseId = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(assignment.baseUrl())
                .auth().oauth2(infra.identity().governance("Z-WSJKQ-gc", "centre-life")).queryParam("limit", 100)
                .queryParam("petition", id).get("/api/v1/cases").then().statusCode(200).extract().jsonPath()
                .<String>getString("items[0].id"), c -> c != null);
        // the handling unit reads the addition in the case history
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(assignment.baseUrl())
                .auth().oauth2(infra.identity().governance("Z-WSJKQ-gc", "centre-life")).get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).extract().jsonPath().<String>getList("history.action").contains("addition"));

        given().baseUri(assignment.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("reasonCode", "RESOLVED", "reason", "社区已经修好了")).post("/api/v1/petitions/{id}/withdrawal", id)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        awaitStatus(citizen, id, "WITHDRAWN");
        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/petitions/{id}", id)
                .then().body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ASSIGNED", "WITHDRAWN"))
                .body("timeline.kind", contains("STATUS", "STATUS", "ADDITION", "STATUS"))
                .body("allowedActions", org.hamcrest.Matchers.empty());
    }

    /** The e-mails that reached {@code address}, by subject. */
    private static List<String> subjectsMailedTo(String address) throws jakarta.mail.MessagingException {
        List<String> subjects = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessagesForDomain(address)) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    private static JsonPath deliveries(String citizen, String petitionId) {
        return given().baseUri(notification.baseUrl()).auth().oauth2(infra.identity().citizen(citizen))
                .queryParam("petitionId", petitionId).get("/api/v1/notification-deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    private static void awaitMailed(String citizen, String petitionId, String address, List<String> kinds) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath d = deliveries(citizen, petitionId);
            org.assertj.core.api.Assertions.assertThat(d.<String>getList("items.findAll { it.channel == 'EMAIL' && it.status == 'SENT' }.kind"))
                    .containsExactlyInAnyOrderElementsOf(kinds);
            org.assertj.core.api.Assertions.assertThat(subjectsMailedTo(address)).hasSize(kinds.size());
        });
    }

    @Test
    void shouldMailTheCitizenEachStepOnceEvenWhenTheNotificationServiceIsKilledMidWay() throws Exception {
        String citizen = "citizen-life-mail";
        String address = "citizen-life-mail@example.test";
        given().baseUri(notification.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("locale", "zh-CN", "email", Map.of("address", address, "enabled", true)))
                .put("/api/v1/notification-preferences").then().statusCode(200);
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "关坝镇场镇自来水浑浊", "description", "最近一周关坝镇场镇自来水发黄浑浊，希望尽快检查水厂和管网。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA",
                        "channel", "app", "contact", Map.of("name", "钱七", "phone", "13700003333")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String tracking = petition(citizen, id).getString("trackingNumber");
        awaitMailed(citizen, id, address, List.of("ACCEPTED", "ASSIGNED"));

        // killed where it stands (both messages already marked sent): what happens meanwhile waits in Kafka
        notification.kill();
        String caseId = caseOf("Z-WSJKQ-health", id);
        act("Z-WSJKQ-health", caseId, "sign", null);
        act("Z-WSJKQ-health", caseId, "answer", Map.of("reply", "已检测水厂出水，更换了场镇主管网滤芯，水质已恢复。"));
        awaitStatus(citizen, id, "ANSWERED");
        notification = notification.restart().awaitReady(Duration.ofSeconds(120));
        awaitMailed(citizen, id, address, List.of("ACCEPTED", "ASSIGNED", "ANSWERED"));

        awaitOpenRound(citizen, id, 1);
        rate(citizen, id, "UNSATISFIED", "NOT_SOLVED").statusCode(201);
        awaitStatus(citizen, id, "REOPENED");
        act("Z-WSJKQ-health", caseId, "answer", Map.of("reply", "复查管网后更换了一段老化水管，已请社区回访确认。"));
        awaitMailed(citizen, id, address, List.of("ACCEPTED", "ASSIGNED", "ANSWERED", "REOPENED", "ANSWERED"));
        // and nothing more comes after a while: each message once
        Thread.sleep(3000);
        List<String> subjects = subjectsMailedTo(address);
        org.assertj.core.api.Assertions.assertThat(subjects).hasSize(5);
        org.assertj.core.api.Assertions.assertThat(subjects).allSatisfy(s -> org.assertj.core.api.Assertions.assertThat(s).contains(tracking));
        // the in-app inbox has the same steps, newest first
        given().baseUri(notification.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/notifications")
                .then().statusCode(200)
                .body("items.findAll { it.petitionId == '" + id + "' }.kind", contains("ANSWERED", "REOPENED", "ANSWERED", "ASSIGNED", "ACCEPTED"));
        // another citizen sees none of it: nothing listed for that request, or no such request for them
        io.restassured.response.Response other = given().baseUri(notification.baseUrl())
                .auth().oauth2(infra.identity().citizen("citizen-life-other")).queryParam("petitionId", id)
                .get("/api/v1/notification-deliveries");
        org.assertj.core.api.Assertions.assertThat(other.statusCode()).isIn(200, 404);
        if (other.statusCode() == 200) {
            org.assertj.core.api.Assertions.assertThat(other.jsonPath().<Object>getList("items")).isEmpty();
        }
    }

    private static io.restassured.response.ValidatableResponse rate(String citizen, String id, String satisfaction, String solved) {
        return given().baseUri(feedback.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", satisfaction, "solved", solved)).post("/api/v1/petitions/{id}/feedback", id).then();
    }

    private static void awaitOpenRound(String citizen, String id, int round) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                Integer.valueOf(round).equals(given().baseUri(feedback.baseUrl()).auth().oauth2(infra.identity().citizen(citizen))
                        .get("/api/v1/petitions/{id}/feedback", id).then().extract().path("openRound")));
    }

    @Test
    void shouldReopenAnUnsatisfiedAnswerAndCountBothRoundsInTheStatistics() {
        // the statistics are asked from the day the test began to the day it ends: across midnight in
        // China the ratings still fall inside
        String firstDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String citizen = "citizen-life-3";
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "千秋村丝瓜新品种减产", "description", "今年种的丝瓜新品种大面积减产，希望派农技人员指导。",
                        "categoryCode", "agriculture", "regionCode", "500107", "townCode", "500107-XIPENG", "channel", "app",
                        "contact", Map.of("name", "张三", "phone", "13700002222")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        awaitStatus(citizen, id, "ASSIGNED");
        // routing: agriculture in 西彭镇 has a town rule (V3__routing_rules.sql), so the town's office leads, not the district
        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/petitions/{id}", id)
                .then().statusCode(200)
                .body("handlingUnit.zh", equalTo("西彭镇人民政府")).body("handlingUnit.en", equalTo("Xipeng Town Government"));
        String caseId = caseOf("500107-XIPENG-office", id);
        act("500107-XIPENG-office", caseId, "sign", null);
        act("500107-XIPENG-office", caseId, "answer", Map.of("reply", "已联系区农技站，下周到村指导。"));
        awaitOpenRound(citizen, id, 1);
        rate(citizen, id, "UNSATISFIED", "NOT_SOLVED").statusCode(201).body("reopensCase", equalTo(true));
        rate(citizen, id, "SATISFIED", "SOLVED").statusCode(409);

        // 重办: assignment-service reopens the case from the rating event; the citizen sees it
        awaitStatus(citizen, id, "REOPENED");
        act("500107-XIPENG-office", caseId, "answer", Map.of("reply", "农技人员已到村，更换了适合本地的品种。"));
        awaitOpenRound(citizen, id, 2);
        rate(citizen, id, "SATISFIED", "SOLVED").statusCode(201).body("round", equalTo(2));
        awaitStatus(citizen, id, "RATED");
        given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).get("/api/v1/petitions/{id}", id).then()
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ACCEPTED", "ANSWERED", "RATED", "REOPENED",
                        "ANSWERED", "RATED"));

        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonPath stats = given().baseUri(feedback.baseUrl()).queryParam("unit", "500107-XIPENG-office")
                .queryParam("from", firstDay).queryParam("to", today).get("/api/v1/stats/satisfaction")
                .then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(stats.getInt("total.rated")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(stats.getInt("total.satisfied")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(stats.getInt("total.reReviewed")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(stats.getInt("total.closedAfterReReview")).isEqualTo(1);
        given().baseUri(feedback.baseUrl()).queryParam("unit", "500107-XIPENG-office")
                .queryParam("from", firstDay).queryParam("to", today).get("/api/v1/stats/handling").then().statusCode(200)
                .body("total.dispatched", equalTo(1)).body("total.answered", equalTo(2))
                .body("total.reopened", equalTo(1)).body("total.signed", equalTo(1));
    }
    static final List<String> EVENT_TOPICS = List.of("minhu.petition.events", "minhu.case.events", "minhu.feedback.events");
    static final List<String> DEAD_LETTER_TOPICS = List.of("minhu.petition.dlq", "minhu.assignment.dlq", "minhu.feedback.dlq",
            "minhu.notification.dlq");

    /**
     * Every event written to the Minhu topics by the shared suite (the lives of every system test class
     * that ran before it and this class's, as it runs last here; and one of its own: file, sign, extension asked and granted, answer,
     * an unsatisfied rating, 重办) read back from Kafka and checked against docs/asyncapi.yaml
     * ({@link EventContract}): a type the document does not have, a message on another channel's
     * topic, a payload or header its schema refuses, a key that is not the petition's, all fail;
     * nothing was dead-lettered. The same events against copies of the document changed in memory
     * (a required field of CaseEventData renamed; the FeedbackRecorded message removed) must fail,
     * so the check is shown able to.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void everyEventOnTheMinhuTopicsMatchesItsMessageInTheAsyncApiDocument() throws java.io.IOException {
        String citizen = "citizen-life-contract";
        String id = given().baseUri(petitions.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", "关坝镇卫生院缺少儿童退烧药", "description", "卫生院儿童退烧药经常缺货，希望增加配备。",
                        "categoryCode", "health", "regionCode", "Z-WSJKQ", "townCode", "Z-WSJKQ-GUANBA", "channel", "web",
                        "location", Map.of("latitude", 28.9553, "longitude", 106.9267),
                        "contact", Map.of("name", "刘芳", "phone", "13600003333")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String caseId = caseOf("Z-WSJKQ-health", id);
        act("Z-WSJKQ-health", caseId, "sign", null);
        act("Z-WSJKQ-health", caseId, "extension", Map.of("workingDays", 2, "reason", "需区药品配送企业排期"));
        act("Z-WSJKQ-gc", caseId, "extension/decision", Map.of("approve", true, "reason", "同意"));
        act("Z-WSJKQ-health", caseId, "answer", Map.of("reply", "已协调配送，卫生院下周起常备儿童退烧药。"));
        awaitOpenRound(citizen, id, 1);
        rate(citizen, id, "UNSATISFIED", "NOT_SOLVED").statusCode(201);
        // petition-service shows REOPENED once assignment-service's case.reopened reached it: every event is written
        awaitStatus(citizen, id, "REOPENED");

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> events = new java.util.ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            try (org.minhu.testsupport.TopicReader reader = org.minhu.testsupport.TopicReader.fromBeginning(
                    infra.kafkaBootstrapServers(), topic)) {
                events.addAll(reader.readToEnd(r -> true, Duration.ofSeconds(30)));
            }
        }
        var asyncApi = EventContract.readYaml(java.nio.file.Files.readString(root.resolve("docs/asyncapi.yaml")));
        EventContract contract = new EventContract(asyncApi);
        List<String> problems = events.stream().flatMap(e -> contract.check(e).stream()).toList();
        org.assertj.core.api.Assertions.assertThat(problems).as("events that break docs/asyncapi.yaml, of " + events.size()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(EventContract.types(events)).as("event types read").contains(
                "org.minhu.petition.submitted", "org.minhu.case.assigned", "org.minhu.case.signed",
                "org.minhu.case.extension-requested", "org.minhu.case.extended", "org.minhu.case.answered",
                "org.minhu.feedback.recorded", "org.minhu.case.reopened", "org.minhu.petition.information-added",
                "org.minhu.case.withdrawn");
        for (String topic : DEAD_LETTER_TOPICS) {
            try (org.minhu.testsupport.TopicReader reader = org.minhu.testsupport.TopicReader.fromBeginning(
                    infra.kafkaBootstrapServers(), topic)) {
                org.assertj.core.api.Assertions.assertThat(reader.readToEnd(r -> true, Duration.ofSeconds(30))
                                .stream().map(r -> r.value() + " (" + org.minhu.testsupport.TopicReader.header(r, "dead-letter-reason") + ")")
                                .toList()).as("dead letters on " + topic).isEmpty();
            }
        }

        // the check can fail: a required field renamed in a copy of the document refuses every case event ...
        var renamed = asyncApi.deepCopy();
        var caseData = (tools.jackson.databind.node.ObjectNode) renamed.path("components").path("schemas").path("CaseEventData");
        var required = (tools.jackson.databind.node.ArrayNode) caseData.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asString().equals("trackingNumber")) {
                required.set(i, "trackingNo");
            }
        }
        var properties = (tools.jackson.databind.node.ObjectNode) caseData.get("properties");
        properties.set("trackingNo", properties.remove("trackingNumber"));
        EventContract broken = new EventContract(renamed);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> caseEvents = events.stream()
                .filter(e -> e.topic().equals("minhu.case.events")).toList();
        org.assertj.core.api.Assertions.assertThat(caseEvents).isNotEmpty().allSatisfy(e -> org.assertj.core.api.Assertions
                .assertThat(broken.check(e)).anyMatch(p -> p.contains("trackingNo")));
        // ... and a message taken out of it leaves its events without a contract
        var shorter = asyncApi.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) shorter.path("components").path("messages")).remove("FeedbackRecorded");
        EventContract without = new EventContract(shorter);
        List<List<String>> unknownType = events.stream().filter(e -> e.topic().equals("minhu.feedback.events"))
                .filter(e -> e.value().contains("\"org.minhu.feedback.recorded\"")).map(without::check).toList();
        org.assertj.core.api.Assertions.assertThat(unknownType).isNotEmpty().allSatisfy(p -> org.assertj.core.api.Assertions
                .assertThat(p).singleElement().asString().contains("org.minhu.feedback.recorded is not a message of docs/asyncapi.yaml"));
    }
}
