package org.minhu.petition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minhu.common.events.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes events onto the test's Kafka as the other services do: a structured CloudEvent keyed by
 * petition id (case events as assignment-service, feedback events as feedback-service).
 */
final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json = new ObjectMapper();

    EventPublisher() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PetitionResourceTest.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** Sends case event {@code eventId} of {@code type} about {@code petitionId} with {@code data}; returns the record's value. */
    String caseEvent(UUID eventId, String petitionId, String type, Map<String, Object> data) throws Exception {
        return publish(Topics.CASE_EVENTS, "/minhu/assignment-service", eventId, petitionId, type, data);
    }

    /** Sends feedback event {@code eventId} of {@code type} about {@code petitionId} with {@code data}. */
    String feedbackEvent(UUID eventId, String petitionId, String type, Map<String, Object> data) throws Exception {
        return publish(Topics.FEEDBACK_EVENTS, "/minhu/feedback-service", eventId, petitionId, type, data);
    }

    private String publish(String topic, String source, UUID eventId, String petitionId, String type, Map<String, Object> data)
            throws Exception {
        String value = json.writeValueAsString(Map.of("specversion", "1.0", "id", eventId.toString(),
                "source", source, "type", type, "subject", petitionId,
                "time", OffsetDateTime.now().toString(), "datacontenttype", "application/json", "data", data));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, petitionId, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        return value;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
