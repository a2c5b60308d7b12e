package org.minhu.petition;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.minhu.common.events.Topics;
import org.minhu.testsupport.TestProducer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes events onto the test's Kafka as the other services do: a structured CloudEvent keyed by
 * petition id (case events as assignment-service, feedback events as feedback-service). A test class holds
 * one as {@code @RegisterExtension static final EventPublisher events = new EventPublisher();}
 * ({@link TestProducer}: the producer opens on the first event and closes after the class's last test).
 */
final class EventPublisher extends TestProducer {

    private final ObjectMapper json = new ObjectMapper();

    EventPublisher() {
        super(Map.of());
    }

    /** Sends case event {@code eventId} of {@code type} about {@code petitionId} with {@code data}; returns the record's value. */
    String caseEvent(UUID eventId, String petitionId, String type, Map<String, Object> data) throws Exception {
        return publish(Topics.CASE_EVENTS, "/minhu/assignment-service", eventId, petitionId, type, data);
    }

    /**
     * Sends case event {@code eventId} of {@code type} about {@code petitionId} from 万盛's health commission
     * (region Z-WSJKQ, category health), its data completed (or overridden) by {@code extra}; returns the record's value.
     */
    String healthCommissionEvent(UUID eventId, String petitionId, String type, Map<String, Object> extra) throws Exception {
        Map<String, Object> data = new HashMap<>(Map.of("caseId", UUID.randomUUID().toString(), "petitionId", petitionId,
                "unitId", "Z-WSJKQ-health", "unitNameZh", "万盛经济技术开发区卫生健康委员会",
                "unitNameEn", "Wansheng Economic and Technological Development Zone Health Commission",
                "occurredAt", OffsetDateTime.now().toString()));
        data.put("regionCode", "Z-WSJKQ");
        data.put("categoryCode", "health");
        data.putAll(extra);
        return caseEvent(eventId, petitionId, type, data);
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
        producer().send(record).get();
        return value;
    }
}
