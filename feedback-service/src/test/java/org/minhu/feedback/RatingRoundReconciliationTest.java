package org.minhu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.feedback.rating.AnswerRound;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * feedback-service's part in the reconciliation of answers: each rating round it opens is
 * announced by a round-opened event (the sign the other services wait for), and an answer
 * published again opens no second round but is confirmed by the same event again.
 */
@QuarkusTest
class RatingRoundReconciliationTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldAnnounceEachRoundItOpensAndConfirmAnAnswerPublishedAgainWithoutASecondRound() throws Exception {
        String region = UpstreamEvents.freshRegion();
        UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-round-opened", region, region + "-water", "water", "app");
        String key = c.petitionId.toString();
        Instant answeredAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        try (TopicReader feedback = TopicReader.fromNow(UpstreamEvents.bootstrap(), "minhu.feedback.events")) {
            events.submitted(c, answeredAt.minus(3, ChronoUnit.HOURS));
            events.assigned(c, answeredAt.minus(2, ChronoUnit.HOURS));
            events.answered(c, answeredAt);
            events.flush();
            List<ConsumerRecord<String, String>> opened = feedback.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode event = json.readTree(opened.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo("org.minhu.feedback.round-opened");
            assertThat(event.path("source").asText()).isEqualTo("/minhu/feedback-service");
            JsonNode data = event.path("data");
            assertThat(data.path("petitionId").asText()).isEqualTo(key);
            assertThat(data.path("caseId").asText()).isEqualTo(c.caseId.toString());
            assertThat(data.path("round").asInt()).isEqualTo(1);
            assertThat(OffsetDateTime.parse(data.path("answeredAt").asText()).toInstant()).isEqualTo(answeredAt);
            assertThat(OffsetDateTime.parse(data.path("windowClosesAt").asText()).toInstant())
                    .as("the rating window of the test profile, from the answer").isEqualTo(answeredAt.plus(Duration.ofDays(7)));

            // assignment-service's reconciliation publishes the same answer again, as a new event
            events.answered(c, answeredAt);
            events.flush();
            List<ConsumerRecord<String, String>> confirmed = feedback.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(30));
            JsonNode again = json.readTree(confirmed.get(1).value());
            assertThat(again.path("type").asText()).isEqualTo("org.minhu.feedback.round-opened");
            assertThat(again.path("data").path("round").asInt()).isEqualTo(1);
            assertThat(again.path("data").path("windowClosesAt").asText()).isEqualTo(data.path("windowClosesAt").asText());
        }
        long rounds = QuarkusTransaction.requiringNew().call(() -> AnswerRound.count("petitionId", c.petitionId));
        assertThat(rounds).as("one round for one answer, however often it is published").isEqualTo(1);
    }
}
