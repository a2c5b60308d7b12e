package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.common.events.Topics;
import org.minhu.petition.progress.Reconciliation;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A petition whose case never came (its event was dead-lettered downstream, say), or whose answer
 * never got a rating round in feedback-service, has its submitted event published again after the
 * configured time, once; one still inside that time, already assigned, or whose round is open, is
 * left alone.
 */
@QuarkusTest
class ReconciliationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Reconciliation reconciliation;

    @Inject
    EntityManager em;

    private String file(String citizen) {
        return Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    private void ageBy(String id, Duration age) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE petition SET submitted_at = submitted_at - make_interval(secs => ?2) WHERE id = ?1")
                .setParameter(1, UUID.fromString(id)).setParameter(2, (double) age.toSeconds()).executeUpdate());
    }

    private void awaitPublished(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE message_key = ?1 AND published_at IS NULL")
                        .setParameter(1, id).getSingleResult()).longValue() == 0));
    }

    @Test
    void shouldPublishTheSubmittedEventAgainForAPetitionLeftWithoutACaseAndOnlyOnce() throws Exception {
        String citizen = Petitions.newCitizen();
        String stuck = file(citizen);
        String fresh = file(citizen);
        String assigned = file(citizen);
        awaitPublished(stuck);
        awaitPublished(fresh);
        awaitPublished(assigned);
        ageBy(stuck, Duration.ofHours(1));
        ageBy(assigned, Duration.ofHours(1));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE petition SET status = 'ASSIGNED' WHERE id = ?1")
                .setParameter(1, UUID.fromString(assigned)).executeUpdate());

        try (TopicReader reader = TopicReader.fromNow(PetitionResourceTest.bootstrap(), Topics.PETITION_EVENTS)) {
            assertThat(reconciliation.run()).isGreaterThanOrEqualTo(1);
            List<ConsumerRecord<String, String>> again = reader.await(r -> stuck.equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode event = json.readTree(again.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo("org.minhu.petition.submitted");
            assertThat(event.path("data").path("petitionId").asText()).isEqualTo(stuck);
            assertThat(event.path("data").path("petitionerId").asText()).isEqualTo(citizen);

            // a second pass inside the waiting time does not publish it again
            reconciliation.run();
            awaitPublished(stuck);
            List<ConsumerRecord<String, String>> all = reader.readToEnd(
                    r -> stuck.equals(r.key()) || fresh.equals(r.key()) || assigned.equals(r.key()), Duration.ofSeconds(10));
            assertThat(all).as("only the stuck petition's one republished event").hasSize(1);
            assertThat(all.get(0).key()).isEqualTo(stuck);
        }
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Reconciliation (informational)' }.data.republished", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    private void answer(String id) throws Exception {
        try (ReconciliationEvents events = new ReconciliationEvents()) {
            events.caseEvent(id, "assigned", java.util.Map.of());
            events.caseEvent(id, "answered", java.util.Map.of("reply", "已协调增加停车位。"));
        }
    }

    private void awaitAnswered(String citizen, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "ANSWERED".equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
    }

    private void answeredAgo(String id, Duration age) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE petition SET answered_at = answered_at - make_interval(secs => ?2), "
                                + "rating_answer_at = rating_answer_at - make_interval(secs => ?2) WHERE id = ?1")
                .setParameter(1, UUID.fromString(id)).setParameter(2, (double) age.toSeconds()).executeUpdate());
    }

    @Test
    void shouldPublishThePetitionAgainForAnAnswerWithoutARatingRoundAndShowTheRatingDeadlineOfOneWithARound() throws Exception {
        String citizen = Petitions.newCitizen();
        String noRound = file(citizen);
        String withRound = file(citizen);
        answer(noRound);
        answer(withRound);
        awaitAnswered(citizen, noRound);
        awaitAnswered(citizen, withRound);
        String answeredAt = Petitions.as(citizen).get("/api/v1/petitions/{id}", withRound).path("answeredAt");
        String closesAt = java.time.OffsetDateTime.parse(answeredAt).plusDays(7).toString();
        try (ReconciliationEvents events = new ReconciliationEvents()) {
            events.feedbackEvent(withRound, "round-opened", java.util.Map.of("round", 1, "caseId", UUID.randomUUID().toString(),
                    "answeredAt", answeredAt, "windowClosesAt", closesAt));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Petitions.as(citizen).get("/api/v1/petitions/{id}", withRound).path("ratingOpenUntil") != null);
        assertThat(java.time.OffsetDateTime.parse(Petitions.as(citizen).get("/api/v1/petitions/{id}", withRound)
                .path("ratingOpenUntil")).toInstant()).isEqualTo(java.time.OffsetDateTime.parse(closesAt).toInstant());
        assertThat((Object) Petitions.as(citizen).get("/api/v1/petitions/{id}", noRound).path("ratingOpenUntil")).isNull();
        awaitPublished(noRound);
        awaitPublished(withRound);
        answeredAgo(noRound, Duration.ofHours(1));
        answeredAgo(withRound, Duration.ofHours(1));

        try (TopicReader reader = TopicReader.fromNow(PetitionResourceTest.bootstrap(), Topics.PETITION_EVENTS)) {
            assertThat(reconciliation.run()).isGreaterThanOrEqualTo(1);
            List<ConsumerRecord<String, String>> again = reader.await(r -> noRound.equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode event = json.readTree(again.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo("org.minhu.petition.submitted");
            assertThat(event.path("data").path("petitionId").asText()).isEqualTo(noRound);

            reconciliation.run();
            awaitPublished(noRound);
            List<ConsumerRecord<String, String>> all = reader.readToEnd(
                    r -> noRound.equals(r.key()) || withRound.equals(r.key()), Duration.ofSeconds(10));
            assertThat(all).as("only the answer without a round, once").hasSize(1);
            assertThat(all.get(0).key()).isEqualTo(noRound);
        }
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Reconciliation (informational)' }.data.republishedWithoutRatingRound",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }
}
