package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.test.junit.QuarkusTest;

import org.awaitility.Awaitility;
import org.minhu.common.outbox.OutboxRelay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.minhu.common.events.Topics;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedKafkaBroker;
import org.minhu.testsupport.TopicReader;

/** Intake keeps answering while Kafka is away; every accepted request's event arrives once it is back. */
@QuarkusTest
class KafkaOutageTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    private long unpublished(Set<String> petitionIds) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL "
                        + "AND message_key IN (:keys)")
                .setParameter("keys", petitionIds).getSingleResult()).longValue();
    }

    @Test
    void shouldAcceptWhileKafkaIsDownAndPublishEachEventExactlyOnceWhenItIsBack() throws Exception {
        EmbeddedKafkaBroker kafka = EmbeddedInfra.shared().kafka();
        String citizen = Petitions.newCitizen();
        Set<String> ids = new HashSet<>();
        try (TopicReader reader = TopicReader.fromNow(PetitionResourceTest.bootstrap(), Topics.PETITION_EVENTS)) {
            // The relay has published before (its producer knows the topic), as in a running system.
            String before = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                    .then().statusCode(201).extract().path("id");
            assertThat(reader.await(r -> before.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);

            kafka.stop();
            try {
                for (int i = 0; i < 50; i++) {
                    long start = System.nanoTime();
                    String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                            .then().statusCode(201).extract().path("id");
                    ids.add(id);
                    assertThat(Duration.ofNanos(System.nanoTime() - start))
                            .as("intake does not wait for Kafka").isLessThan(Duration.ofSeconds(5));
                }
                // Keep Kafka away until the relay has given up on at least one attempt (past the
                // producer's delivery timeout), so the events go out through a retry, not a buffer.
                long failuresBefore = relay.failureCount();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> relay.failureCount() > failuresBefore);
                assertThat(unpublished(ids)).as("events of accepted requests wait in the outbox").isEqualTo(50);
                // still ready: a load balancer keeps sending requests, which are accepted; Kafka's state shows in the details
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.find { it.name == '" + HealthTest.KAFKA_CHECK + "' }.data.kafka", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Outbox relay' }.data.backlog", greaterThanOrEqualTo(50));
            } finally {
                kafka.start();
            }
            List<ConsumerRecord<String, String>> events = reader.await(r -> ids.contains(r.key()), 50, Duration.ofSeconds(90));
            assertThat(events).hasSize(50);
            // nothing more trickles in afterwards
            events = reader.drain(r -> ids.contains(r.key()), Duration.ofSeconds(3));
            assertThat(events).hasSize(50);
            Set<String> eventIds = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (ConsumerRecord<String, String> e : events) {
                eventIds.add(json.readTree(e.value()).path("id").asText());
                keys.add(e.key());
            }
            assertThat(eventIds).hasSize(50);
            assertThat(keys).isEqualTo(ids);
        }
    }
}
