package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.Topics;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.assignment.cases.AnswerReconciliation;
import org.minhu.common.events.CaseEvents;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.intake.FeedbackEventsConsumer;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An answer whose rating round never opened in feedback-service (its event was dead-lettered
 * there, say) has its case.answered event published again, as it was, after the configured time,
 * and once per waiting time; an answer whose round-opened event came back, or that is still
 * recent, is left alone.
 */
@QuarkusTest
class AnswerReconciliationTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AnswerReconciliation reconciliation;

    private static PetitionCase answeredCase(String reply) throws Exception {
        PetitionCase c = events.dispatched("health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json")
                .post("/api/v1/cases/{id}/sign", c.id).then().statusCode(200);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("application/json")
                .body(Map.of("reply", reply)).post("/api/v1/cases/{id}/answer", c.id).then().log().ifValidationFails().statusCode(200);
        return reload(c.id);
    }

    private static PetitionCase reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> PetitionCase.<PetitionCase>findById(id));
    }

    private static void answeredAgo(UUID caseId, Duration age) {
        QuarkusTransaction.requiringNew().run(() -> PetitionCase.getEntityManager().createNativeQuery(
                        "UPDATE petition_case SET answered_at = answered_at - make_interval(secs => ?2) WHERE id = ?1")
                .setParameter(1, caseId).setParameter(2, (double) age.toSeconds()).executeUpdate());
    }

    private static void awaitOutboxPublished(UUID petitionId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) PetitionCase.getEntityManager().createNativeQuery(
                                "SELECT count(*) FROM outbox_event WHERE message_key = ?1 AND published_at IS NULL")
                        .setParameter(1, petitionId.toString()).getSingleResult()).longValue()) == 0);
    }

    private void roundOpened(PetitionCase c, int round) throws Exception {
        String event = json.writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "/minhu/feedback-service", "type", FeedbackEvents.ROUND_OPENED,
                "subject", c.petitionId.toString(), "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json",
                "data", Map.of("petitionId", c.petitionId.toString(), "caseId", c.id.toString(), "round", round,
                        "answeredAt", ChinaTime.of(c.answeredAt).toString(),
                        "windowClosesAt", ChinaTime.of(c.answeredAt.plus(Duration.ofDays(7))).toString())));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", PetitionPublisher.bootstrap(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FEEDBACK_EVENTS, c.petitionId.toString(), event);
            record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    @Test
    void shouldPublishAnAnswerWithoutARatingRoundAgainAsItWasAndOnlyOnce() throws Exception {
        PetitionCase lost = answeredCase("已协调增加降压药配备，请留意。");
        PetitionCase rated = answeredCase("关坝镇卫生院已常备三种降压药。");
        PetitionCase recent = answeredCase("已转告关坝镇中心卫生院，请留意。");
        roundOpened(rated, 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reload(rated.id).ratingRoundOpened == 1);
        awaitOutboxPublished(lost.petitionId);
        awaitOutboxPublished(rated.petitionId);
        awaitOutboxPublished(recent.petitionId);
        answeredAgo(lost.id, Duration.ofHours(1));
        answeredAgo(rated.id, Duration.ofHours(1));
        List<String> keys = List.of(lost.petitionId.toString(), rated.petitionId.toString(), recent.petitionId.toString());

        try (TopicReader cases = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            assertThat(reconciliation.run()).isGreaterThanOrEqualTo(1);
            List<ConsumerRecord<String, String>> again = cases.await(r -> lost.petitionId.toString().equals(r.key()), 1,
                    Duration.ofSeconds(30));
            JsonNode event = json.readTree(again.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo(CaseEvents.ANSWERED);
            JsonNode data = event.path("data");
            PetitionCase now = reload(lost.id);
            assertThat(data.path("caseId").asText()).isEqualTo(lost.id.toString());
            assertThat(data.path("unitId").asText()).isEqualTo("Z-WSJKQ-health");
            assertThat(data.path("reply").asText()).isEqualTo("已协调增加降压药配备，请留意。");
            assertThat(data.path("reopenCount").asInt()).isZero();
            assertThat(OffsetDateTime.parse(data.path("occurredAt").asText()).toInstant())
                    .as("the answer's own time, not the time of the repair").isEqualTo(now.answeredAt);
            assertThat(now.answerRepublishedAt).isNotNull();

            // a second pass inside the waiting time publishes nothing more
            reconciliation.run();
            awaitOutboxPublished(lost.petitionId);
            List<ConsumerRecord<String, String>> all = cases.readToEnd(r -> keys.contains(r.key()), Duration.ofSeconds(10));
            assertThat(all).as("only the answer without a round, once").hasSize(1);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Reconciliation (informational)' }.data.republishedWithoutRatingRound",
                        Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void shouldNeverLowerTheRoundFeedbackReportedOpen() throws Exception {
        PetitionCase c = answeredCase("已处理，卫生院已补齐药品。");
        roundOpened(c, 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reload(c.id).ratingRoundOpened == 2);
        roundOpened(c, 1);
        org.minhu.testsupport.ConsumerLag.awaitCaughtUp(PetitionPublisher.bootstrap(), "assignment-service",
                List.of(Topics.FEEDBACK_EVENTS));
        assertThat(reload(c.id).ratingRoundOpened).isEqualTo(2);
    }
}
