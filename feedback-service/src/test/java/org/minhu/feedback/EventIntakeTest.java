package org.minhu.feedback;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.TopicReader;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventIntakeTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    @Test
    void caseEventsThatArriveBeforeTheirPetitionAreKeptAndAppliedInOrderWhenItArrives() {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-early", region, region + "-water", "water", "hotline");
        events.assigned(c, now.minus(50, ChronoUnit.MINUTES));
        events.signed(c, now.minus(40, ChronoUnit.MINUTES));
        events.answered(c, now.minus(30, ChronoUnit.MINUTES));
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", List.of(UpstreamEvents.CASES));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                .then().statusCode(404);

        events.submitted(c, now.minus(60, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                        .then().statusCode(200).body("openRound", equalTo(1)));
        // from the day of the earliest event: just after midnight in China it is yesterday's
        String firstDay = ChinaTime.of(now.minus(60, ChronoUnit.MINUTES)).toLocalDate().toString();
        String today = ChinaTime.of(Instant.now()).toLocalDate().toString();
        given().queryParam("region", region).queryParam("from", firstDay).queryParam("to", today)
                .queryParam("channel", "hotline").get("/api/v1/stats/handling").then().statusCode(200)
                .body("total.dispatched", equalTo(1)).body("total.signed", equalTo(1))
                .body("total.signedWithinLimit", equalTo(1)).body("total.answered", equalTo(1))
                .body("total.answeredOnTime", equalTo(1)).body("total.averageHops", equalTo(1));
    }

    @Test
    void aMessageThatIsNotACaseEventGoesToTheDeadLetterTopicWithItsReason() {
        // the bad messages and the valid events that follow share one key, so one partition: the
        // valid ones are applied only if that partition keeps flowing past the dead letters
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-after-poison", region, region + "-water", "water", "app");
        String key = c.petitionId.toString();
        try (TopicReader dlq = TopicReader.fromNow(UpstreamEvents.bootstrap(), "minhu.feedback.dlq")) {
            events.raw(UpstreamEvents.CASES, key, "{\"not\": \"a cloud event\"}");
            events.raw(UpstreamEvents.CASES, key, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"source\":\"/minhu/assignment-service\",\"type\":\"org.minhu.case.answered\",\"data\":{\"petitionId\":\"" + key + "\"}}");
            events.flush();
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(30));
            assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).contains("specversion");
            assertThat(TopicReader.header(dead.get(1), "dead-letter-reason")).contains("missing caseId");
        }
        events.submitted(c, now.minus(60, ChronoUnit.MINUTES));
        events.assigned(c, now.minus(50, ChronoUnit.MINUTES));
        events.signed(c, now.minus(40, ChronoUnit.MINUTES));
        events.answered(c, now.minus(30, ChronoUnit.MINUTES));
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                        .then().statusCode(200).body("openRound", equalTo(1)));
    }
}
