package org.minhu.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ApiTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    @Test
    void anotherCitizenGets404OnSomeonesNotificationAndSeesNoneOfThem() {
        UpstreamEvents.Case c = new UpstreamEvents.Case(NotificationFlowTest.fresh("citizen-a"), "unit-y");
        c.title = "路灯不亮 请回电13812341234";
        String other = NotificationFlowTest.fresh("citizen-b");
        events.submitted(c, Instant.now());
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                NotificationFlowTest.inbox(Tokens.citizen(c.petitioner), "zh-CN").getList("items").size() == 1);
        String id = NotificationFlowTest.inbox(Tokens.citizen(c.petitioner), "zh-CN").getString("items[0].id");

        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/notifications/{id}", id).then().statusCode(200)
                .body("kind", equalTo("ACCEPTED"))
                // no digit of the phone: the message carries the tracking number, and 查询 asks for the phone's last four
                .body("body", org.hamcrest.Matchers.containsString("请回电***********”"))
                .body("body", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("13812341234")));
        given().auth().oauth2(Tokens.citizen(other)).get("/api/v1/notifications/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(other)).post("/api/v1/notifications/{id}/read", id).then().statusCode(404);
        given().auth().oauth2(Tokens.staff("unit-y")).get("/api/v1/notifications/{id}", id).then().statusCode(404);
        given().auth().oauth2(Tokens.citizen(other)).get("/api/v1/notifications").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("unread", equalTo(0));
        given().auth().oauth2(Tokens.citizen(other)).queryParam("petitionId", c.petitionId).get("/api/v1/notification-deliveries")
                .then().statusCode(200).body("items.size()", equalTo(0));
        // the other citizen's read did not mark it
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/notifications/{id}", id).then().statusCode(200)
                .body("readAt", equalTo(null));
        given().auth().oauth2(Tokens.auditor("aud-1")).get("/api/v1/notifications").then().statusCode(403);
        given().get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void badPreferencesGet400ProblemJsonNamingEachField() {
        String citizen = Tokens.citizen(NotificationFlowTest.fresh("citizen-prefs"));
        Map<String, Object> body = Map.of(
                "locale", "fr",
                "email", Map.of("address", "not-an-address", "enabled", true),
                "webhook", Map.of("url", "http://hooks.example.com/minhu", "enabled", true),
                "quietHours", Map.of("start", "25:00", "end", "8am"));
        given().auth().oauth2(citizen).contentType(ContentType.JSON).body(body).put("/api/v1/notification-preferences")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("locale", "email.address", "webhook.url", "quietHours.start", "quietHours.end"));
        given().auth().oauth2(citizen).contentType(ContentType.JSON)
                .body(Map.of("locale", "en", "webhook", Map.of("url", "ftp://example.com/x", "enabled", false)))
                .put("/api/v1/notification-preferences").then().statusCode(400).body("errors.field", hasItems("webhook.url"));
        given().auth().oauth2(citizen).contentType(ContentType.JSON).body(Map.of("locale", "en", "colour", "red"))
                .put("/api/v1/notification-preferences").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(citizen).get("/api/v1/notifications?limit=0").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(citizen).get("/api/v1/notifications?before=garbage!").then().statusCode(400)
                .body("errors[0].field", equalTo("before"));
        // a well-formed cursor for a time no record has (PostgreSQL would refuse it): still the caller's error
        String farPast = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("-9000000000000000000_" + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(citizen).queryParam("before", farPast).get("/api/v1/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("before"));

        // nothing was stored; a valid body is, and reads back
        given().auth().oauth2(citizen).get("/api/v1/notification-preferences").then().statusCode(200)
                .body("locale", equalTo("zh-CN")).body("email.enabled", equalTo(false))
                .body("quietHours.start", equalTo("22:00")).body("quietHours.end", equalTo("08:00"));
        given().auth().oauth2(citizen).contentType(ContentType.JSON).body(Map.of("locale", "en",
                        "email", Map.of("address", "zhao@example.com", "enabled", true),
                        "webhook", Map.of("url", "https://hooks.example.com/minhu", "enabled", false),
                        "quietHours", Map.of("start", "23:30", "end", "07:00")))
                .put("/api/v1/notification-preferences").then().statusCode(200);
        given().auth().oauth2(citizen).get("/api/v1/notification-preferences").then().statusCode(200)
                .body("locale", equalTo("en")).body("email.address", equalTo("zhao@example.com"))
                .body("webhook.url", equalTo("https://hooks.example.com/minhu")).body("webhook.enabled", equalTo(false))
                .body("quietHours.start", equalTo("23:30"));
    }

    @Test
    void unitStaffPreferencesAreTheirUnits() {
        String unit = NotificationFlowTest.fresh("unit-pref");
        Prefs.email(Tokens.staff(unit), "office@" + unit + ".gov.cn");
        // another staff member of the same unit reads the unit's preferences; a citizen does not
        String colleague = org.minhu.localservers.LocalIdentity.shared().token("colleague@" + unit, "unit_staff", unit, Duration.ofHours(1));
        given().auth().oauth2(colleague).get("/api/v1/notification-preferences").then().statusCode(200)
                .body("email.address", equalTo("office@" + unit + ".gov.cn"));
        given().auth().oauth2(Tokens.citizen("colleague@" + unit)).get("/api/v1/notification-preferences").then().statusCode(200)
                .body("email.address", equalTo(null));
    }
}
