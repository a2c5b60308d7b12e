package org.minhu.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.events.Topics;
import org.minhu.common.inbox.DeadLetterStrategy;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumers apply the events of one poll in one transaction (one commit, not one per event),
 * and an event that fails inside such a batch costs the others nothing: the batch is rolled back,
 * each event is applied again on its own, the good ones once, the bad one alone to the dead-letter
 * topic. The events are ratings that reopen nothing and round-opened events, which assignment-service
 * records by event id; one round-opened names a petition that has no case, which can never be applied.
 */
@QuarkusTest
class BatchConsumptionTest {

    private static KafkaProducer<String, String> producer() {
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PetitionPublisher.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // the burst reaches the broker as one produce batch, so the consumer fetches it in one poll
        p.put(ProducerConfig.LINGER_MS_CONFIG, 200);
        return new KafkaProducer<>(p);
    }

    private static String rating(UUID eventId, String key) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/minhu/feedback-service\","
                + "\"type\":\"" + FeedbackEvents.RECORDED + "\",\"data\":{\"petitionId\":\"" + key
                + "\",\"round\":1,\"satisfaction\":\"SATISFIED\",\"solved\":\"SOLVED\",\"channel\":\"app\",\"reopens\":false,"
                + "\"ratedAt\":\"" + OffsetDateTime.now() + "\"}}";
    }

    private static String roundOpenedWithoutCase(UUID eventId, String key) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/minhu/feedback-service\","
                + "\"type\":\"" + FeedbackEvents.ROUND_OPENED + "\",\"data\":{\"petitionId\":\"" + key
                + "\",\"caseId\":\"" + UUID.randomUUID() + "\",\"round\":1,\"answeredAt\":\"" + OffsetDateTime.now()
                + "\",\"windowClosesAt\":\"" + OffsetDateTime.now().plusDays(7) + "\"}}";
    }

    /** How many of {@code events} are recorded as processed, and in how many transactions (processed_at is the transaction's start). */
    private static long[] processed(List<UUID> events) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) org.minhu.assignment.cases.PetitionCase.getEntityManager()
                    .createNativeQuery("SELECT count(*), count(DISTINCT processed_at) FROM processed_event WHERE event_id = ANY(?1)")
                    .setParameter(1, events.toArray(new UUID[0])).getSingleResult();
            return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
        });
    }

    @Test
    void appliesTheEventsOfAPollInOneTransaction() throws Exception {
        String key = UUID.randomUUID().toString(); // one key: one partition, one poll
        List<UUID> events = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                UUID id = UUID.randomUUID();
                events.add(id);
                producer.send(new ProducerRecord<>(Topics.FEEDBACK_EVENTS, key, rating(id, key)));
            }
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(events)[0] == events.size());
        assertThat(processed(events)[1]).as("transactions for 30 events sent in one burst").isLessThan(events.size() / 2);
    }

    @Test
    void anEventThatFailsInABatchIsDeadLetteredAloneAndTheOthersAreAppliedOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        List<UUID> good = new ArrayList<>();
        UUID bad = UUID.randomUUID();
        try (TopicReader dlq = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ);
             KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 20; i++) {
                if (i == 10) {
                    producer.send(new ProducerRecord<>(Topics.FEEDBACK_EVENTS, key, roundOpenedWithoutCase(bad, key)));
                }
                UUID id = UUID.randomUUID();
                good.add(id);
                producer.send(new ProducerRecord<>(Topics.FEEDBACK_EVENTS, key, rating(id, key)));
            }
            producer.flush();
            List<ConsumerRecord<String, String>> letters = dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.value()).contains(bad.toString());
                assertThat(TopicReader.header(letter, DeadLetterStrategy.KIND)).isEqualTo("POISON");
                assertThat(TopicReader.header(letter, "dead-letter-reason")).contains("no case for petition");
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(good)[0] == good.size());
            assertThat(processed(List.of(bad))[0]).as("the bad event is not recorded as processed").isZero();
            assertThat(dlq.readToEnd(r -> key.equals(r.key()), Duration.ofSeconds(3))).as("no other dead letter").hasSize(1);
        }
    }
}
