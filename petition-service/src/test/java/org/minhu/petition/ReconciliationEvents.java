package org.minhu.petition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.minhu.testsupport.DatabaseFaults;

/**
 * The upstream services' events as they reach petition-service (case events from
 * assignment-service, feedback events from feedback-service), for the reconciliation and consumer
 * failure tests; and database faults on petition-service's own database.
 */
final class ReconciliationEvents implements AutoCloseable {

    static final String CASES = "minhu.case.events";
    static final String FEEDBACK = "minhu.feedback.events";

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, String> producer;

    ReconciliationEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PetitionResourceTest.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** A case event of 万盛's health commission for the petition; returns its event id. */
    UUID caseEvent(String petitionId, String type, Map<String, Object> extra) throws Exception {
        Map<String, Object> data = new HashMap<>(Map.of("caseId", UUID.randomUUID().toString(), "petitionId", petitionId,
                "unitId", "Z-WSJKQ-health", "unitNameZh", "万盛经济技术开发区卫生健康委员会",
                "unitNameEn", "Wansheng Economic and Technological Development Zone Health Commission",
                "occurredAt", OffsetDateTime.now().toString()));
        data.put("regionCode", "Z-WSJKQ");
        data.put("categoryCode", "health");
        data.putAll(extra);
        return send(CASES, "/minhu/assignment-service", "org.minhu.case." + type, petitionId, data);
    }

    /** A feedback event (recorded, not-rated, round-opened) for the petition; returns its event id. */
    UUID feedbackEvent(String petitionId, String type, Map<String, Object> data) throws Exception {
        Map<String, Object> withPetition = new HashMap<>(data);
        withPetition.put("petitionId", petitionId);
        return send(FEEDBACK, "/minhu/feedback-service", "org.minhu.feedback." + type, petitionId, withPetition);
    }

    private UUID send(String topic, String source, String type, String petitionId, Map<String, Object> data) throws Exception {
        UUID id = UUID.randomUUID();
        String value = json.writeValueAsString(Map.of("specversion", "1.0", "id", id.toString(), "source", source,
                "type", type, "subject", petitionId, "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json", "data", data));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, petitionId, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        return id;
    }

    /** Faults on inserts into one table of petition-service's database. */
    static DatabaseFaults faults(String table) throws Exception {
        var config = ConfigProvider.getConfig();
        return DatabaseFaults.on(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""), table);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
