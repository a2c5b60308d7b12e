package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.Topics;
import org.minhu.common.events.CaseEvents;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.common.outbox.OutboxRelay;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedKafkaBroker;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

/**
 * A unit's action does not wait for Kafka: with the broker away it is answered, its event waits in the
 * outbox, and once Kafka is back the event is published exactly once. (The same profile as the other
 * tests of this module: no application start of its own.)
 */
@QuarkusTest
class KafkaOutageTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    /** The case events of {@code key} still waiting in the outbox, of type {@code type}. */
    private static long waiting(String key, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) PetitionCase.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE message_key = ?1 AND published_at IS NULL "
                                + "AND event_type = ?2")
                .setParameter(1, key).setParameter(2, type).getSingleResult()).longValue());
    }

    private boolean is(ConsumerRecord<String, String> record, String key, String type) {
        try {
            return key.equals(record.key()) && type.equals(json.readTree(record.value()).path("type").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldSignWhileKafkaIsDownAndPublishTheEventExactlyOnceWhenItIsBack() throws Exception {
        EmbeddedKafkaBroker kafka = EmbeddedInfra.shared().kafka();
        UUID petition = UUID.randomUUID();
        String key = petition.toString();
        try (TopicReader reader = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            // a dispatched case whose assignment was published: the relay's producer knows the topic, as in a running system
            events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "500119", null);
            PetitionCase c = PetitionPublisher.awaitCase(petition);
            assertThat(reader.await(r -> is(r, key, CaseEvents.ASSIGNED), 1, Duration.ofSeconds(30))).hasSize(1);

            kafka.stop();
            try {
                long start = System.nanoTime();
                given().auth().oauth2(Tokens.staff("500119-health")).post("/api/v1/cases/{id}/sign", c.id)
                        .then().statusCode(200).body("status", equalTo("SIGNED"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the action does not wait for Kafka")
                        .isLessThan(Duration.ofSeconds(5));
                // Kafka stays away until the relay has given up on an attempt that read this event (past the
                // producer's delivery timeout), so it goes out through a retry with a new producer, not from a
                // buffer. Attempts run one after another: the first failure counted from here may be of an
                // attempt begun before the commit, the second is of one begun after it.
                long failuresBefore = relay.failureCount();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> relay.failureCount() >= failuresBefore + 2);
                assertThat(waiting(key, CaseEvents.SIGNED)).as("the signed event waits in the outbox").isEqualTo(1);
            } finally {
                kafka.start();
            }
            assertThat(reader.await(r -> is(r, key, CaseEvents.SIGNED), 1, Duration.ofSeconds(90))).hasSize(1);
            // once the relay has marked it published, the topic holds all it will ever get for this event
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting(key, CaseEvents.SIGNED) == 0);
            List<ConsumerRecord<String, String>> signed = reader.readToEnd(r -> is(r, key, CaseEvents.SIGNED), Duration.ofSeconds(30));
            assertThat(signed).as("published exactly once").hasSize(1);
            assertThat(json.readTree(signed.get(0).value()).path("data").path("caseId").asText()).isEqualTo(c.id.toString());
        }
        // and dispatch consumes again: the next petition gets its case
        UUID next = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), next, "health", "NORMAL", "500119", null);
        assertThat(PetitionPublisher.awaitCase(next).leadUnitId).isEqualTo("500119-health");
    }
}
