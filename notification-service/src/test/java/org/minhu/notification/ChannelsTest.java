package org.minhu.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ChannelsTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static JsonPath deliveries(String token, UpstreamEvents.Case c) {
        return given().auth().oauth2(token).queryParam("petitionId", c.petitionId)
                .get("/api/v1/notification-deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aWebhookCarriesAValidHmacOfTheTimestampAndTheBody() throws Exception {
        UpstreamEvents.Case c = new UpstreamEvents.Case(NotificationFlowTest.fresh("citizen-hook"), "unit-x");
        String path = "/ok/" + c.petitioner;
        Prefs.set(Tokens.citizen(c.petitioner), null, receiver.url(path), "00:00", "00:00");
        events.submitted(c, Instant.now());
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(path).isEmpty());
        WebhookReceiver.Received hook = receiver.at(path).get(0);
        String timestamp = hook.header("Minhu-Timestamp");
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().minusSeconds(60).getEpochSecond(), Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(hook.header("Minhu-Signature")).isEqualTo(expected);
        JsonNode body = new ObjectMapper().readTree(hook.body());
        assertThat(body.path("kind").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("trackingNumber").asText()).isEqualTo(c.trackingNumber);
        assertThat(body.path("subject").asText()).isEqualTo("您的诉求已受理：" + c.trackingNumber);
        assertThat(body.path("link").asText()).isEqualTo("http://localhost:8080/requests/" + c.petitionId);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath d = deliveries(Tokens.citizen(c.petitioner), c);
            assertThat(d.getString("items[0].status")).isEqualTo("SENT");
            assertThat(d.getString("items[0].channel")).isEqualTo("WEBHOOK");
            assertThat(d.getString("items[0].to")).isEqualTo(receiver.url("/***"));
        });
        Thread.sleep(2000);
        assertThat(receiver.at(path)).hasSize(1);
    }

    @Test
    void aFailingWebhookIsRetriedWithBackOffThenFailedWithItsLastErrorAndCounted() {
        UpstreamEvents.Case c = new UpstreamEvents.Case(NotificationFlowTest.fresh("citizen-fail"), "unit-x");
        String path = "/fail/" + c.petitioner;
        Prefs.set(Tokens.citizen(c.petitioner), null, receiver.url(path), "00:00", "00:00");
        events.submitted(c, Instant.now());
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath d = deliveries(Tokens.citizen(c.petitioner), c);
            assertThat(d.getString("items[0].status")).isEqualTo("FAILED");
            assertThat(d.getInt("items[0].attempts")).isEqualTo(3);
            assertThat(d.getString("items[0].lastError")).contains("HTTP 500");
        });
        assertThat(receiver.at(path)).hasSize(3);
        // admins see every delivery record, this one among them
        JsonPath all = given().auth().oauth2(Tokens.admin("ops")).queryParam("petitionId", c.petitionId)
                .get("/api/v1/notification-deliveries").then().statusCode(200).extract().jsonPath();
        assertThat(all.<String>getList("items.status")).containsExactly("FAILED");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("minhu_notification_deliveries_total")
                && l.contains("channel=\"WEBHOOK\"") && l.contains("outcome=\"failed\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void quietHoursHoldAWebhookButNotTheEmailNorAnUrgentRequestsWebhook() throws Exception {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        ZonedDateTime now = Instant.now().atZone(ChinaTime.ZONE);
        String start = hhmm.format(now.minusMinutes(60));
        String end = hhmm.format(now.plusMinutes(60));

        UpstreamEvents.Case normal = new UpstreamEvents.Case(NotificationFlowTest.fresh("citizen-quiet"), "unit-x");
        String normalPath = "/ok/" + normal.petitioner;
        String normalMail = normal.petitioner + "@example.com";
        Prefs.set(Tokens.citizen(normal.petitioner), normalMail, receiver.url(normalPath), start, end);
        UpstreamEvents.Case urgent = new UpstreamEvents.Case(NotificationFlowTest.fresh("citizen-urgent"), "unit-x");
        urgent.handling = "URGENT";
        String urgentPath = "/ok/" + urgent.petitioner;
        Prefs.set(Tokens.citizen(urgent.petitioner), null, receiver.url(urgentPath), start, end);

        events.submitted(normal, Instant.now());
        events.submitted(urgent, Instant.now());
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> byChannel = channelStatus(deliveries(Tokens.citizen(normal.petitioner), normal));
            assertThat(byChannel).containsEntry("EMAIL", "SENT").containsEntry("WEBHOOK", "HELD");
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at(urgentPath).size() == 1);
        assertThat(Mails.to(normalMail)).hasSize(1);
        Thread.sleep(2000);
        assertThat(receiver.at(normalPath)).isEmpty();
        assertThat(channelStatus(deliveries(Tokens.citizen(normal.petitioner), normal))).containsEntry("WEBHOOK", "HELD");
    }

    private static Map<String, String> channelStatus(JsonPath d) {
        List<String> channels = d.getList("items.channel");
        List<String> statuses = d.getList("items.status");
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            map.put(channels.get(i), statuses.get(i));
        }
        return map;
    }

    static Instant minutesAgo(int minutes) {
        return Instant.now().minus(minutes, ChronoUnit.MINUTES);
    }
}
