package org.minhu.assignment;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.common.events.Topics;
import org.minhu.testsupport.TestProducer;

/**
 * Publishes petition events as petition-service does (CloudEvents JSON, key = petition id), with a real producer.
 * A test class holds one as {@code @RegisterExtension static final PetitionPublisher events = new PetitionPublisher();}
 * ({@link TestProducer}: the producer opens on the first event and closes after the class's last test).
 */
public final class PetitionPublisher extends TestProducer {

    private final ObjectMapper json = new ObjectMapper();

    public PetitionPublisher() {
        super(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
    }

    /** A submitted event for a new petition; returns the CloudEvent as JSON. */
    public String submitted(UUID eventId, UUID petitionId, String category, String handling, String region, String town)
            throws Exception {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("petitionId", petitionId.toString());
        data.put("trackingNumber", "CQ-20261124-" + (100000 + (int) (Math.random() * 800000)));
        data.put("petitionerId", "citizen-" + UUID.randomUUID());
        data.put("title", "测试诉求 " + category);
        data.put("description", "测试诉求的描述");
        data.put("categoryCode", category);
        data.put("handling", handling);
        data.put("regionCode", region);
        if (town != null) {
            data.put("townCode", town);
        }
        data.put("hasAddress", false);
        data.put("channel", "app");
        data.put("submittedAt", OffsetDateTime.now().toString());
        Map<String, Object> event = Map.of("specversion", "1.0", "id", eventId.toString(),
                "source", "/minhu/petition-service", "type", "org.minhu.petition.submitted",
                "subject", petitionId.toString(), "time", OffsetDateTime.now().toString(),
                "datacontenttype", "application/json", "partitionkey", petitionId.toString(), "data", data);
        return send(petitionId.toString(), json.writeValueAsString(event));
    }

    public String send(String key, String value) throws Exception {
        // with the header petition-service's outbox relay sets, so the consumer sees what it sees in production
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PETITION_EVENTS, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer().send(record).get();
        return value;
    }

    /** Submits a new petition and waits until dispatch has created its case, which it returns. */
    public PetitionCase dispatched(String category, String handling, String region, String town) throws Exception {
        UUID petition = UUID.randomUUID();
        submitted(UUID.randomUUID(), petition, category, handling, region, town);
        return awaitCase(petition);
    }

    /** Waits until dispatch has created the petition's case, and returns it. */
    public static PetitionCase awaitCase(UUID petitionId) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                        () -> PetitionCase.<PetitionCase>find(
                                "petitionId", petitionId).firstResult()),
                c -> c != null);
    }
}
