package org.minhu.petition;

import org.minhu.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minhu.common.events.Topics;
import org.minhu.testsupport.TopicReader;

@QuarkusTest
class PetitionResourceTest {

    private final ObjectMapper json = new ObjectMapper();

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void shouldAcceptRequestAndPublishSubmittedEventWithCloudEventsAttributes() throws Exception {
        String citizen = Petitions.newCitizen();
        try (TopicReader reader = TopicReader.fromNow(bootstrap(), Topics.PETITION_EVENTS)) {
            Response created = Petitions.as(citizen).body(Petitions.parkingRequest())
                    .post("/api/v1/petitions")
                    .then().statusCode(201)
                    .header("Location", matchesPattern(".*/api/v1/petitions/[0-9a-f-]{36}"))
                    .contentType("application/json")
                    .body("status", equalTo("SUBMITTED"))
                    .body("trackingNumber", matchesPattern("CQ-\\d{8}-\\d{6,}"))
                    .body("category.code", equalTo("traffic-parking"))
                    .body("region.name.zh", equalTo("南岸区"))
                    .body("town.code", equalTo("500108-NANPING"))
                    .body("timeline", hasSize(1))
                    .body("timeline[0].status", equalTo("SUBMITTED"))
                    .extract().response();
            String id = created.path("id");
            String tracking = created.path("trackingNumber");

            List<ConsumerRecord<String, String>> events = reader.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            ConsumerRecord<String, String> record = events.get(0);
            assertThat(TopicReader.header(record, "content-type")).startsWith("application/cloudevents+json");
            JsonNode event = json.readTree(record.value());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("org.minhu.petition.submitted");
            assertThat(event.path("source").asText()).isEqualTo("/minhu/petition-service");
            assertThat(event.path("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.path("subject").asText()).isEqualTo(id);
            assertThat(event.path("partitionkey").asText()).isEqualTo(id);
            assertThat(event.path("time").asText()).isNotBlank();
            assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
            JsonNode data = event.path("data");
            assertThat(data.path("petitionId").asText()).isEqualTo(id);
            assertThat(data.path("trackingNumber").asText()).isEqualTo(tracking);
            assertThat(data.path("petitionerId").asText()).isEqualTo(citizen);
            assertThat(data.path("categoryCode").asText()).isEqualTo("traffic-parking");
            assertThat(data.path("regionCode").asText()).isEqualTo("500108");
            assertThat(data.path("townCode").asText()).isEqualTo("500108-NANPING");
            assertThat(data.path("channel").asText()).isEqualTo("app");
            assertThat(data.path("title").asText()).isEqualTo(Petitions.parkingRequest().get("title"));
            assertThat(data.path("latitude").decimalValue()).isEqualByComparingTo("29.5253");
            // personal data stays in petition-service
            assertThat(record.value()).doesNotContain("王小明").doesNotContain("13812341234").doesNotContain("江南大道");
        }
    }

    @Test
    void shouldShowRequestWithTimelineToItsPetitioner() {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");

        Petitions.as(citizen).get("/api/v1/petitions/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("contact.phone", equalTo("13812341234"))
                .body("location.address", equalTo("南岸区南坪街道江南大道8号附近"))
                .body("submittedAt", matchesPattern(".*\\+08:00"))
                .body("timeline[0].status", equalTo("SUBMITTED"))
                .body("timeline[0].actorType", equalTo("CITIZEN"))
                .body("timeline[0].at", notNullValue());
    }

    @Test
    void shouldNotShowRequestToAnotherCitizen() {
        String id = Petitions.as(Petitions.newCitizen()).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");

        Petitions.as(Petitions.newCitizen()).get("/api/v1/petitions/{id}", id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shouldAnswerUnknownIdWithNotFoundProblem() {
        Petitions.as(Petitions.newCitizen()).get("/api/v1/petitions/{id}", "8d7a4d8e-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:not-found"));
        // an id that is no UUID names the parameter (RESTEasy's default was an empty 404)
        Petitions.as(Petitions.newCitizen()).get("/api/v1/petitions/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id")).body("errors[0].reason", equalTo("must be a UUID"));
    }

    @Test
    void shouldRefuseCallsWithoutCitizenIdentity() {
        io.restassured.RestAssured.given().contentType("application/json").body(Petitions.parkingRequest())
                .post("/api/v1/petitions")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseExpiredForeignAndUnsignedTokensAndOtherRoles() {
        String citizen = Petitions.newCitizen();
        org.minhu.localservers.LocalIdentity identity = org.minhu.localservers.LocalIdentity.shared();
        for (String bad : java.util.List.of(
                identity.token(citizen, "citizen", null, java.time.Duration.ofMinutes(-5)),
                org.minhu.localservers.LocalIdentity.signedByStranger(citizen, "citizen"),
                org.minhu.localservers.LocalIdentity.unsigned(citizen, "citizen"),
                "not.a.token")) {
            io.restassured.RestAssured.given().auth().oauth2(bad).get("/api/v1/petitions")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:minhu:problem:unauthenticated"));
        }
        io.restassured.RestAssured.given().auth().oauth2(identity.staff("500108-transport")).get("/api/v1/petitions")
                .then().statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(identity.citizen(citizen)).get("/api/v1/petitions")
                .then().statusCode(200);
    }

    @Test
    void shouldRefuseTokensIssuedInTheFutureLivingTooLongOrNotMeantForMinhu() {
        String citizen = Petitions.newCitizen();
        org.minhu.localservers.LocalIdentity identity = org.minhu.localservers.LocalIdentity.shared();
        java.time.Instant now = java.time.Instant.now();
        for (String bad : java.util.List.of(
                identity.token(citizen, "citizen", null, now.plusSeconds(600), now.plusSeconds(4000), "minhu"),
                identity.token(citizen, "citizen", null, now, now.plus(Duration.ofHours(25)), "minhu"),
                identity.token("auditor-long", "auditor", null, now, now.plus(Duration.ofHours(13)), "minhu"),
                identity.token(citizen, "citizen", null, now, now.plusSeconds(3600), null),
                identity.token(citizen, "citizen", null, now, now.plusSeconds(3600), "another-platform"))) {
            io.restassured.RestAssured.given().auth().oauth2(bad).get("/api/v1/petitions")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:minhu:problem:unauthenticated"));
        }
        // within the limits: a citizen's 20 hours, an issuer's clock 30 s ahead, an auditor's 12 hours
        io.restassured.RestAssured.given().auth().oauth2(identity.token(citizen, "citizen", null, now.plusSeconds(30),
                now.plus(Duration.ofHours(20)), "minhu")).get("/api/v1/petitions").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(identity.token("auditor-ok", "auditor", null, now,
                now.plus(Duration.ofHours(12)), "minhu")).get("/api/v1/petitions").then().statusCode(200);
    }

    @Test
    void shouldSayNosniffEverywhereAndNoStoreOnPersonalDataEvenWhenCalledDirectly() {
        String citizen = Petitions.newCitizen();
        Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions").then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        Petitions.as(citizen).get("/api/v1/petitions").then().statusCode(200).header("Cache-Control", "no-store");
        // failures too
        io.restassured.RestAssured.given().get("/api/v1/petitions").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        // the public catalogue may be cached
        io.restassured.RestAssured.given().get("/api/v1/categories").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", org.hamcrest.Matchers.not("no-store"));
        io.restassured.RestAssured.given().get("/q/health/live").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void shouldShowAnAuditorAnyRequestWithPersonalDataMasked() {
        String id = Petitions.as(Petitions.newCitizen()).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
        String body = io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1"))
                .get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("contact.name", equalTo("王**")).body("contact.phone", equalTo("138****1234"))
                .body("location.address", org.hamcrest.Matchers.nullValue())
                .body("location.latitude", org.hamcrest.Matchers.nullValue())
                .body("town.code", equalTo("500108-NANPING"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContainPattern("1[3-9]\\d{9}").doesNotContain("王小明")
                .doesNotContain("江南大道");
        io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1")).queryParam("limit", 100)
                .get("/api/v1/petitions").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id));
        io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1")).contentType("application/json")
                .body(Petitions.parkingRequest()).post("/api/v1/petitions").then().statusCode(403);
    }

    @Test
    void shouldMaskPersonalDataTypedIntoFreeTextForAuditors() {
        String citizen = Petitions.newCitizen();
        Map<String, Object> request = Petitions.parkingRequest();
        request.put("title", "停车难，请回电13987654321");
        request.put("description", "我住南坪正街12号3栋2单元501室，身份证50010819900101123X，邮箱wang.xm@example.com，"
                + "座机023-62345678，或者 I live at 221 Baker Street. 希望增设停车位。");
        String id = Petitions.as(citizen).body(request).post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        // a unit's reply and a timeline note with a phone number in them
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            org.minhu.petition.petition.Petition p = org.minhu.petition.petition.Petition.findById(java.util.UUID.fromString(id));
            p.reply = "已联系您（13987654321），车位将于下月增设。";
            org.minhu.petition.petition.TimelineEntry e = new org.minhu.petition.petition.TimelineEntry();
            e.petitionId = p.id;
            e.status = org.minhu.petition.petition.PetitionStatus.ANSWERED;
            e.occurredAt = java.time.Instant.now();
            e.actorType = "UNIT";
            e.actorName = "南岸区交通局";
            e.note = "答复：请拨打 138 1234 5678 联系王师傅，或发邮件至 li@example.org";
            e.persist();
        });
        String audited = io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1"))
                .get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("title", equalTo("停车难，请回电139****4321"))
                .extract().asString();
        assertThat(audited).doesNotContainPattern("1[3-9]\\d{9}").doesNotContain("13987654321").doesNotContain("138 1234 5678")
                .doesNotContain("50010819900101123X").doesNotContain("wang.xm@").doesNotContain("li@example.org")
                .doesNotContain("62345678").doesNotContain("南坪正街12号").doesNotContain("501室").doesNotContain("221 Baker Street")
                .contains("**************123X").contains("w***@example.com").contains("023-****5678").contains("[address]")
                .contains("希望增设停车位").contains("车位将于下月增设");
        // the auditor's list shows the title masked too
        io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1")).queryParam("q", "回电")
                .queryParam("limit", 100).get("/api/v1/petitions").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.title", equalTo("停车难，请回电139****4321"));
        // the petitioner still reads what they wrote
        String own = Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200).extract().asString();
        assertThat(own).contains("13987654321").contains("50010819900101123X").contains("wang.xm@example.com")
                .contains("南坪正街12号3栋2单元501室").contains("138 1234 5678");
    }

    @Test
    void shouldRefuseAnAuditorsSearchByPersonalData() {
        String citizen = Petitions.newCitizen();
        Map<String, Object> request = Petitions.parkingRequest();
        request.put("description", "请联系13812341234，身份证50010819900101123X，邮箱wang.xm@example.com。希望增设停车位。");
        Petitions.as(citizen).body(request).post("/api/v1/petitions").then().statusCode(201);
        for (String q : List.of("13812341234", "1381234", "50010819900101123X", "wang.xm@example.com", "@example.com",
                "南坪正街12号")) {
            io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1")).queryParam("q", q)
                    .get("/api/v1/petitions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("q"));
        }
        io.restassured.RestAssured.given().auth().oauth2(Tokens.auditor("auditor-1")).queryParam("q", "停车")
                .get("/api/v1/petitions").then().statusCode(200);
        // a citizen searches their own requests as they like
        Petitions.as(citizen).queryParam("q", "13812341234").get("/api/v1/petitions").then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void shouldListOwnRequestsNewestFirstWithFiltersAndPages() {
        String citizen = Petitions.newCitizen();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = Petitions.parkingRequest();
            body.put("title", "停车请求 " + i);
            if (i == 4) {
                body.put("categoryCode", "health");
                body.put("regionCode", "Z-WSJKQ");
                body.put("townCode", "Z-WSJKQ-GUANBA");
                body.put("title", "卫生院降压药不足");
            }
            Petitions.as(citizen).body(body).post("/api/v1/petitions").then().statusCode(201);
        }
        Petitions.as(Petitions.newCitizen()).body(Petitions.parkingRequest()).post("/api/v1/petitions").then().statusCode(201);

        Response first = Petitions.as(citizen).queryParam("limit", 2).get("/api/v1/petitions")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].title", equalTo("卫生院降压药不足"))
                .body("items[1].title", equalTo("停车请求 3"))
                .body("nextCursor", notNullValue())
                .header("Link", startsWith("<"))
                .extract().response();
        Petitions.as(citizen).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .get("/api/v1/petitions")
                .then().statusCode(200)
                .body("items.title", equalTo(List.of("停车请求 2", "停车请求 1")));
        Petitions.as(citizen).queryParam("limit", 10).get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(5)).body("nextCursor", nullValue());

        Petitions.as(citizen).queryParam("category", "health").get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(1));
        Petitions.as(citizen).queryParam("region", "Z-WSJKQ-GUANBA").get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(1));
        Petitions.as(citizen).queryParam("q", "降压").get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].category.code", equalTo("health"));
        Petitions.as(citizen).queryParam("status", "SUBMITTED").queryParam("from", "2020-01-01").get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(5));
        Petitions.as(citizen).queryParam("to", "2020-01-01").get("/api/v1/petitions")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldRefuseListLimitOverOneHundred() {
        Petitions.as(Petitions.newCitizen()).queryParam("limit", 101).get("/api/v1/petitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void shouldRefuseInvalidListFilters() {
        Petitions.as(Petitions.newCitizen()).queryParam("status", "LOST").get("/api/v1/petitions")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        Petitions.as(Petitions.newCitizen()).queryParam("from", "yesterday").get("/api/v1/petitions")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        Petitions.as(Petitions.newCitizen()).queryParam("cursor", "garbage").get("/api/v1/petitions")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        Petitions.as(Petitions.newCitizen()).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/api/v1/petitions")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    /**
     * A failure nobody foresaw (here a database error no retry can fix, injected on the petition
     * table) answers 500 problem+json with an incident id and nothing of the failure itself; the
     * next request, the fault gone, is served.
     */
    @Test
    void shouldAnswerAnUnexpectedFailureWithAnIncidentIdAndNoInternals() throws Exception {
        var config = ConfigProvider.getConfig();
        String citizen = Petitions.newCitizen();
        try (org.minhu.testsupport.DatabaseFaults faults = org.minhu.testsupport.DatabaseFaults.on(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""), "petition").bugs()) {
            String body = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                    .then().statusCode(500).contentType("application/problem+json")
                    .body("status", equalTo(500)).body("type", equalTo("urn:minhu:problem:internal"))
                    .body("detail", matchesPattern(".*Incident [0-9a-f-]{36} has been logged.*"))
                    .extract().asString();
            assertThat(body).doesNotContain("injected", "P0001", "Exception", "org.", "SQL", "at ");
        }
        Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions").then().statusCode(201);
    }
}
