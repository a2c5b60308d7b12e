package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.Topics;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.assignment.intake.FeedbackEventsConsumer;
import org.minhu.assignment.intake.PetitionEventsConsumer;
import org.minhu.common.inbox.DeadLetterStrategy;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What dispatch does when the database fails under it: transient failures (a dropped connection,
 * a serialization failure) are retried in place and the event is applied once, never
 * dead-lettered; a message that can never be processed is dead-lettered with its reason; one
 * that fails for an unknown reason (a bug) is dead-lettered after a few attempts, and an admin
 * replays it once the bug is fixed.
 */
@QuarkusTest
class ConsumerFailuresTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private static long casesOf(UUID petition) {
        return QuarkusTransaction.requiringNew().call(() -> org.minhu.assignment.cases.PetitionCase.count("petitionId", petition));
    }

    private static TopicReader deadLetters() {
        return TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ);
    }

    @Test
    void shouldRetryDispatchWhenPostgresDropsTheConnectionAndCreateTheCaseOnce() throws Exception {
        UUID petition = UUID.randomUUID();
        try (DatabaseFaults faults = TestInfra.faults("petition_case").dropConnections(2); TopicReader dlq = deadLetters()) {
            events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
            PetitionPublisher.awaitCase(petition);
            assertThat(faults.attempts()).as("two failed inserts, then the one that passed").isEqualTo(3);
            assertThat(casesOf(petition)).isEqualTo(1);
            assertThat(dlq.readToEnd(r -> petition.toString().equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void shouldRetryDispatchOnSerializationFailuresAndCreateTheCaseOnce() throws Exception {
        UUID petition = UUID.randomUUID();
        try (DatabaseFaults faults = TestInfra.faults("petition_case").serializationFailures(3); TopicReader dlq = deadLetters()) {
            events.submitted(UUID.randomUUID(), petition, "traffic-parking", "NORMAL", "500108", "500108-NANPING");
            PetitionPublisher.awaitCase(petition);
            assertThat(faults.attempts()).isEqualTo(4);
            assertThat(casesOf(petition)).isEqualTo(1);
            assertThat(dlq.readToEnd(r -> petition.toString().equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void shouldRetryARatingEventWhenPostgresDropsTheConnection() throws Exception {
        UUID petition = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String rating = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/minhu/feedback-service\","
                + "\"type\":\"" + FeedbackEvents.RECORDED + "\",\"data\":{\"petitionId\":\"" + petition
                + "\",\"satisfaction\":\"SATISFIED\",\"solved\":\"SOLVED\",\"reopens\":false,\"round\":1,\"channel\":\"app\",\"ratedAt\":\"2026-12-01T20:05:12+08:00\"}}";
        try (DatabaseFaults faults = TestInfra.faults("processed_event").dropConnections(1); TopicReader dlq = deadLetters();
             KafkaProducer<String, String> producer = kafkaProducer()) {
            producer.send(new ProducerRecord<>(Topics.FEEDBACK_EVENTS, petition.toString(), rating)).get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    ((Number) org.minhu.assignment.cases.PetitionCase.getEntityManager()
                            .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                            .setParameter(1, eventId).getSingleResult()).longValue() == 1));
            assertThat(faults.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(dlq.readToEnd(r -> petition.toString().equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAPoisonMessageAtOnceWithItsReasonAndListItForAdmins() throws Exception {
        UUID petition = UUID.randomUUID();
        String noPetitionId = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/minhu/petition-service\","
                + "\"type\":\"" + PetitionEvents.SUBMITTED + "\",\"data\":{\"trackingNumber\":\"CQ-1\"}}";
        try (TopicReader dlq = deadLetters()) {
            events.send(petition.toString(), noPetitionId);
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> petition.toString().equals(r.key()), 1, Duration.ofSeconds(30));
            ConsumerRecord<String, String> letter = dead.get(0);
            assertThat(TopicReader.header(letter, DeadLetterStrategy.KIND)).isEqualTo("POISON");
            assertThat(TopicReader.header(letter, DeadLetterStrategy.ATTEMPTS)).isEqualTo("1");
            assertThat(TopicReader.header(letter, DeadLetterStrategy.FIRST_FAILURE)).isNotBlank();
            assertThat(TopicReader.header(letter, "dead-letter-reason")).contains("missing petitionId");
            assertThat(TopicReader.header(letter, "dead-letter-topic")).isEqualTo(Topics.PETITION_EVENTS);
            assertThat(TopicReader.header(letter, "dead-letter-offset")).matches("\\d+");
        }
        JsonPath listed = awaitListed("POISON", petition);
        assertThat(listed.getString("reason")).contains("missing petitionId");
        assertThat(listed.getString("topic")).isEqualTo(Topics.PETITION_EVENTS);
        assertThat(listed.getString("status")).isEqualTo("OPEN");
        given().auth().oauth2(Tokens.staff("500108-transport")).get("/api/v1/dead-letters/assignment").then().statusCode(403);
        given().get("/api/v1/dead-letters/assignment").then().statusCode(401);
    }

    @Test
    void shouldDeadLetterAnEventFromASourceThatMayNotProduceItsTypeAndNeverApplyIt() throws Exception {
        UUID petition = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        // a well-formed petition.submitted, but from feedback-service's name: only petition-service files petitions
        String forged = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/minhu/feedback-service\","
                + "\"type\":\"" + PetitionEvents.SUBMITTED + "\",\"data\":{\"petitionId\":\"" + petition
                + "\",\"trackingNumber\":\"CQ-20261124-000001\",\"petitionerId\":\"citizen-forged\",\"title\":\"伪造\","
                + "\"categoryCode\":\"health\",\"handling\":\"NORMAL\",\"regionCode\":\"Z-WSJKQ\",\"channel\":\"app\",\"submittedAt\":\"2026-11-24T10:15:30+08:00\"}}";
        try (TopicReader dlq = deadLetters()) {
            events.send(petition.toString(), forged);
            ConsumerRecord<String, String> letter = dlq.await(r -> petition.toString().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(TopicReader.header(letter, DeadLetterStrategy.KIND)).isEqualTo("POISON");
            assertThat(TopicReader.header(letter, DeadLetterStrategy.ATTEMPTS)).isEqualTo("1");
            assertThat(TopicReader.header(letter, "dead-letter-reason"))
                    .contains("forged source").contains("/minhu/feedback-service").contains("/minhu/petition-service");
        }
        assertThat(casesOf(petition)).as("never applied").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) org.minhu.assignment.cases.PetitionCase.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue())).as("not even remembered as processed").isZero();
        assertThat(awaitListed("POISON", petition).getString("reason")).contains("forged source");
        // the same event from its real producer is dispatched
        events.send(petition.toString(), forged.replace("/minhu/feedback-service", "/minhu/petition-service"));
        PetitionPublisher.awaitCase(petition);
    }

    @Test
    void shouldDeadLetterAMessageFailingForAnUnknownReasonAfterFiveAttemptsAndReplayItAfterTheFix() throws Exception {
        UUID petition = UUID.randomUUID();
        try (DatabaseFaults faults = TestInfra.faults("petition_case").bugs(); TopicReader dlq = deadLetters()) {
            events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
            ConsumerRecord<String, String> letter = dlq.await(r -> petition.toString().equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            assertThat(TopicReader.header(letter, DeadLetterStrategy.KIND)).isEqualTo("UNEXPECTED");
            assertThat(TopicReader.header(letter, DeadLetterStrategy.ATTEMPTS)).isEqualTo("5");
            assertThat(faults.attempts()).isEqualTo(5);
            assertThat(casesOf(petition)).isZero();
        } // the fix: the trigger is gone
        long id = awaitListed("UNEXPECTED", petition).getLong("id");

        String admin = Tokens.admin("city-gc");
        given().auth().oauth2(admin).post("/api/v1/dead-letters/assignment/" + id + "/replay")
                .then().statusCode(200).body("summary.status", equalTo("REPLAYED"))
                .body("actions[0].action", equalTo("REPLAYED")).body("actions[0].actor", equalTo(subjectOf(admin)));
        PetitionPublisher.awaitCase(petition);
        assertThat(casesOf(petition)).isEqualTo(1);

        // once replayed, it is neither replayed nor discarded again
        given().auth().oauth2(admin).post("/api/v1/dead-letters/assignment/" + id + "/replay").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "late"))
                .post("/api/v1/dead-letters/assignment/" + id + "/discard").then().statusCode(409);
        given().auth().oauth2(admin).get("/api/v1/dead-letters/assignment/999999999").then().statusCode(404);
    }

    @Test
    void shouldDiscardAnOpenDeadLetterOnlyWithAReason() throws Exception {
        UUID petition = UUID.randomUUID();
        events.send(petition.toString(), "not json at all");
        long id = awaitListed("POISON", petition).getLong("id");
        String admin = Tokens.admin("city-gc");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of())
                .post("/api/v1/dead-letters/assignment/" + id + "/discard").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "a test message, not an event"))
                .post("/api/v1/dead-letters/assignment/" + id + "/discard").then().statusCode(200)
                .body("summary.status", equalTo("DISCARDED")).body("actions[0].note", equalTo("a test message, not an event"));
    }

    /** The admin API's entry for the dead letter keyed by {@code petition}, once captured. */
    private static JsonPath awaitListed(String kind, UUID petition) {
        String admin = Tokens.admin("city-gc");
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath page = given().auth().oauth2(admin).queryParam("kind", kind).queryParam("limit", 500)
                    .get("/api/v1/dead-letters/assignment").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> rows = page.getList("findAll { it.key == '" + petition + "' }");
            return rows.isEmpty() ? null : new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rows.get(0)));
        }, p -> p != null);
    }

    private static String subjectOf(String token) throws Exception {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(claims).path("sub").asText();
    }

    private static KafkaProducer<String, String> kafkaProducer() {
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PetitionPublisher.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
