package org.minhu.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.ConsumerLag;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class NotificationFlowTest {

    static final List<String> TOPICS = List.of(UpstreamEvents.PETITIONS, UpstreamEvents.CASES, UpstreamEvents.FEEDBACK);

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonPath inbox(String token, String acceptLanguage) {
        return given().auth().oauth2(token).header("Accept-Language", acceptLanguage)
                .get("/api/v1/notifications?limit=50").then().statusCode(200).extract().jsonPath();
    }

    static void settle() {
        ConsumerLag.awaitCaughtUp(UpstreamEvents.bootstrap(), "notification-service", TOPICS);
    }

    /** Runs the whole life of one petition; returns it once every e-mail went out. */
    private UpstreamEvents.Case wholeLife(String citizenMail, String unitMail) {
        UpstreamEvents.Case c = new UpstreamEvents.Case(fresh("citizen"), fresh("unit"));
        Prefs.email(Tokens.citizen(c.petitioner), citizenMail);
        Prefs.email(Tokens.staff(c.unit), unitMail);
        Instant now = Instant.now();
        events.submitted(c, now.minus(60, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inbox(Tokens.citizen(c.petitioner), "zh-CN")
                .getList("items").size() == 1);
        events.assigned(c, now.minus(50, ChronoUnit.MINUTES));
        events.answered(c, now.minus(40, ChronoUnit.MINUTES), "路灯已于今日修复。");
        events.roundOpened(c, now.minus(40, ChronoUnit.MINUTES), now.plus(7, ChronoUnit.DAYS));
        events.reopened(c, now.minus(30, ChronoUnit.MINUTES));
        events.answered(c, now.minus(20, ChronoUnit.MINUTES), "已更换灯具并复查。");
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Mails.to(citizenMail).size() >= 5 && Mails.to(unitMail).size() >= 2);
        return c;
    }

    @Test
    void theWholeLifeOfOnePetitionSendsEachExpectedEmailOnceAndFillsTheInboxesInOrder() throws Exception {
        String citizenMail = fresh("wang") + "@example.com";
        String unitMail = fresh("unit") + "@example.gov.cn";
        UpstreamEvents.Case c = wholeLife(citizenMail, unitMail);
        settle();
        Thread.sleep(3000); // several dispatcher and reminder runs: nothing more may go out

        assertThat(Mails.subjectsTo(citizenMail)).containsExactlyInAnyOrder(
                "您的诉求已受理：" + c.trackingNumber, "诉求 " + c.trackingNumber + " 已交办", "诉求 " + c.trackingNumber + " 已答复",
                "诉求 " + c.trackingNumber + " 已重办", "诉求 " + c.trackingNumber + " 已答复");
        assertThat(Mails.subjectsTo(unitMail)).containsExactlyInAnyOrder(
                "新交办诉求 " + c.trackingNumber, "诉求 " + c.trackingNumber + " 重办");
        List<String> answers = Mails.to(citizenMail).stream().filter(m -> m.get("subject").endsWith("已答复"))
                .map(m -> m.get("body")).toList();
        assertThat(answers).anySatisfy(b -> assertThat(b).contains("路灯已于今日修复。")
                .contains("http://localhost:8080/requests/" + c.petitionId).contains("渝中区城管局"));
        assertThat(answers).anySatisfy(b -> assertThat(b).contains("已更换灯具并复查。"));
        assertThat(Mails.to(citizenMail)).allSatisfy(m -> assertThat(m.get("body")).doesNotContain("三栋门口"));

        JsonPath citizen = inbox(Tokens.citizen(c.petitioner), "zh-CN");
        assertThat(citizen.<String>getList("items.kind")).containsExactly("ANSWERED", "REOPENED", "ANSWERED", "ASSIGNED", "ACCEPTED");
        assertThat(citizen.getInt("unread")).isEqualTo(5);
        assertThat(citizen.getString("items[0].link")).isEqualTo("/requests/" + c.petitionId);
        assertThat(citizen.getString("items[0].body")).contains("已更换灯具并复查。");
        assertThat(citizen.getString("items[4].trackingNumber")).isEqualTo(c.trackingNumber);
        JsonPath english = inbox(Tokens.citizen(c.petitioner), "en-US,en;q=0.9");
        assertThat(english.getString("items[4].subject")).isEqualTo("Your request was accepted: " + c.trackingNumber);
        assertThat(english.getString("items[3].body")).contains("Yuzhong Urban Management Bureau");

        JsonPath unit = inbox(Tokens.staff(c.unit), "zh-CN");
        assertThat(unit.<String>getList("items.kind")).containsExactly("UNIT_REOPENED", "UNIT_NEW_CASE");

        given().auth().oauth2(Tokens.citizen(c.petitioner)).queryParam("petitionId", c.petitionId)
                .get("/api/v1/notification-deliveries").then().statusCode(200)
                .body("items.size()", equalTo(5)).body("items.status", org.hamcrest.Matchers.everyItem(equalTo("SENT")))
                .body("items.to", hasItem(citizenMail.charAt(0) + "***@example.com"));

        // reading
        String first = citizen.getString("items[4].id");
        given().auth().oauth2(Tokens.citizen(c.petitioner)).post("/api/v1/notifications/{id}/read", first).then().statusCode(204);
        JsonPath afterRead = given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/notifications?unreadOnly=true")
                .then().statusCode(200).extract().jsonPath();
        assertThat(afterRead.getInt("unread")).isEqualTo(4);
        assertThat(afterRead.<String>getList("items.id")).doesNotContain(first);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).post("/api/v1/notifications/read-all").then().statusCode(204);
        assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").getInt("unread")).isZero();

        // paging: two at a time, newest first, the cursor continuing where the page stopped
        JsonPath page1 = given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/notifications?limit=2")
                .then().statusCode(200).extract().jsonPath();
        JsonPath page2 = given().auth().oauth2(Tokens.citizen(c.petitioner)).queryParam("limit", 2)
                .queryParam("before", page1.getString("nextCursor")).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page2.<String>getList("items.kind")).containsExactly("ANSWERED", "ASSIGNED");
    }

    @Test
    void theSameEventsDeliveredTwiceSendNoSecondEmail() throws Exception {
        String citizenMail = fresh("li") + "@example.com";
        String unitMail = fresh("unit") + "@example.gov.cn";
        int before = events.sent.size();
        UpstreamEvents.Case c = wholeLife(citizenMail, unitMail);
        List<UpstreamEvents.Sent> once = List.copyOf(events.sent.subList(before, events.sent.size()));
        settle();
        Thread.sleep(2000);
        int citizenMails = Mails.to(citizenMail).size();
        int inboxSize = inbox(Tokens.citizen(c.petitioner), "zh-CN").getList("items").size();
        assertThat(citizenMails).isEqualTo(5);

        for (UpstreamEvents.Sent s : once) {
            events.raw(s.topic(), s.key(), s.value());
        }
        events.flush();
        settle();
        Thread.sleep(3000);
        assertThat(Mails.to(citizenMail)).hasSize(citizenMails);
        assertThat(Mails.to(unitMail)).hasSize(2);
        assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").getList("items")).hasSize(inboxSize);
    }

    @Test
    void aCaseEventBeforeItsPetitionIsAppliedOnceThePetitionArrivesEvenWhenBothHappenedHoursAgo() throws Exception {
        // as after an outage: the service catches up on events hours old, and the petition's is a moment behind on
        // its own topic; the wait is counted from the first attempt, not from when the case event happened
        UpstreamEvents.Case c = new UpstreamEvents.Case(fresh("citizen-early"), fresh("unit"));
        String mail = fresh("early") + "@example.com";
        Prefs.email(Tokens.citizen(c.petitioner), mail);
        Instant now = Instant.now();
        events.assigned(c, now.minus(3, ChronoUnit.HOURS));
        events.flush();
        Thread.sleep(3000);
        assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").getList("items")).isEmpty();

        events.submitted(c, now.minus(3, ChronoUnit.HOURS).minus(10, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").<String>getList("items.kind"))
                        .containsExactly("ASSIGNED", "ACCEPTED"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(mail).size() == 2);
        assertThat(inbox(Tokens.staff(c.unit), "zh-CN").<String>getList("items.kind")).containsExactly("UNIT_NEW_CASE");
    }

    @Test
    void theRatingClosingReminderIsSentOnceADayBeforeTheWindowCloses() throws Exception {
        UpstreamEvents.Case c = new UpstreamEvents.Case(fresh("citizen-rate"), fresh("unit"));
        String mail = fresh("rate") + "@example.com";
        Prefs.email(Tokens.citizen(c.petitioner), mail);
        Instant now = Instant.now();
        events.submitted(c, now.minus(7, ChronoUnit.DAYS));
        events.assigned(c, now.minus(7, ChronoUnit.DAYS).plusSeconds(60));
        events.answered(c, now.minus(6, ChronoUnit.DAYS), "已处理");
        events.roundOpened(c, now.minus(6, ChronoUnit.DAYS), now.plus(23, ChronoUnit.HOURS));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").<String>getList("items.kind")).contains("RATING_CLOSING"));
        Thread.sleep(3500); // three more reminder runs
        List<String> kinds = inbox(Tokens.citizen(c.petitioner), "zh-CN").getList("items.kind");
        assertThat(kinds.stream().filter("RATING_CLOSING"::equals)).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Mails.subjectsTo(mail).contains("诉求 " + c.trackingNumber + " 的评价即将截止"));
        assertThat(Mails.subjectsTo(mail).stream().filter(s -> s.contains("评价即将截止"))).hasSize(1);
        Map<String, String> reminder = Mails.to(mail).stream().filter(m -> m.get("subject").contains("评价即将截止")).findFirst().orElseThrow();
        assertThat(reminder.get("body")).contains("/requests/" + c.petitionId);
    }

    @Test
    void aUnitIsToldOnceWhenASignDeadlineIsNearUnlessItSignedFirst() throws Exception {
        Instant now = Instant.now();
        UpstreamEvents.Case late = new UpstreamEvents.Case(fresh("citizen-sign"), fresh("unit-late"));
        UpstreamEvents.Case signed = new UpstreamEvents.Case(fresh("citizen-sign"), fresh("unit-quick"));
        events.submitted(late, now.minus(90, ChronoUnit.MINUTES));
        events.submitted(signed, now.minus(90, ChronoUnit.MINUTES));
        events.flush();
        settle();
        events.assigned(signed, now.minus(80, ChronoUnit.MINUTES), now.plus(30, ChronoUnit.MINUTES));
        events.signed(signed, now.minus(70, ChronoUnit.MINUTES));
        events.assigned(late, now.minus(80, ChronoUnit.MINUTES), now.plus(30, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(inbox(Tokens.staff(late.unit), "zh-CN").<String>getList("items.kind"))
                        .containsExactly("UNIT_SIGN_DEADLINE", "UNIT_NEW_CASE"));
        settle();
        Thread.sleep(3000); // more reminder runs
        assertThat(inbox(Tokens.staff(late.unit), "zh-CN").<String>getList("items.kind"))
                .containsExactly("UNIT_SIGN_DEADLINE", "UNIT_NEW_CASE");
        assertThat(inbox(Tokens.staff(signed.unit), "zh-CN").<String>getList("items.kind")).containsExactly("UNIT_NEW_CASE");
    }

    @Test
    void aMessageThatIsNotAnEventGoesToTheNotificationDeadLetterTopicAndTheNextEventsFlow() {
        UpstreamEvents.Case c = new UpstreamEvents.Case(fresh("citizen-poison"), fresh("unit"));
        String key = c.petitionId.toString();
        try (org.minhu.testsupport.TopicReader dlq = org.minhu.testsupport.TopicReader.fromNow(UpstreamEvents.bootstrap(),
                "minhu.notification.dlq")) {
            events.raw(UpstreamEvents.CASES, key, "{\"not\": \"a cloud event\"}");
            events.flush();
            var dead = dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(org.minhu.testsupport.TopicReader.header(dead.get(0), "dead-letter-reason")).contains("specversion");
        }
        events.submitted(c, Instant.now().minus(2, ChronoUnit.MINUTES));
        events.assigned(c, Instant.now().minus(1, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").<String>getList("items.kind")).containsExactly("ASSIGNED", "ACCEPTED"));
        given().auth().oauth2(Tokens.admin("ops")).get("/api/v1/dead-letters/notification").then().statusCode(200);
    }
}
