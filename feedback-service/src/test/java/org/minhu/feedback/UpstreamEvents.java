package org.minhu.feedback;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.TestProducer;

/**
 * Publishes events as petition-service and assignment-service do (CloudEvents JSON with the
 * relay's content-type header, key = petition id), with a real producer. Keeps what it sent, so a
 * test can send the very same events again. A test class holds one as
 * {@code @RegisterExtension static final UpstreamEvents events = new UpstreamEvents();} ({@link TestProducer}:
 * the producer opens on the first event and closes after the class's last test).
 */
public final class UpstreamEvents extends TestProducer {

    public static final String PETITIONS = "minhu.petition.events";
    public static final String CASES = "minhu.case.events";

    /** One petition's case, as assignment-service would describe it. */
    public static final class Case {
        public final UUID petitionId = UUID.randomUUID();
        public final UUID caseId = UUID.randomUUID();
        public final String petitioner;
        public final String region;
        public String unit;
        public final String category;
        public final String channel;
        public Instant dispatchedAt;
        /** The town (街道/镇) the petition names; none when null. */
        public String town;
        public int reopenCount;
        public int returnCount;

        public Case(String petitioner, String region, String unit, String category, String channel) {
            this.petitioner = petitioner;
            this.region = region;
            this.unit = unit;
            this.category = category;
            this.channel = channel;
        }
    }

    public record Sent(String topic, String key, String value) {
    }

    private final ObjectMapper json = new ObjectMapper();
    public final java.util.List<Sent> sent = new java.util.ArrayList<>();

    public UpstreamEvents() {
        super(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /** A region of its own per test, so that statistics of one test are not another's. */
    public static String freshRegion() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void submitted(Case c, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("petitionId", c.petitionId.toString());
        data.put("trackingNumber", "CQ-" + ChinaTime.of(at).toLocalDate().toString().replace("-", "") + "-"
                + String.format("%06d", (int) (Math.random() * 999999)));
        data.put("petitionerId", c.petitioner);
        data.put("title", "测试诉求");
        data.put("description", "测试诉求的描述");
        data.put("categoryCode", c.category);
        data.put("handling", "NORMAL");
        data.put("regionCode", c.region);
        if (c.town != null) {
            data.put("townCode", c.town);
        }
        data.put("hasAddress", false);
        data.put("channel", c.channel);
        data.put("submittedAt", ChinaTime.of(at).toString());
        send(PETITIONS, "/minhu/petition-service", "org.minhu.petition.submitted", c.petitionId, at, data);
    }

    /** case.assigned: the clock starts; sign within 1 day and answer within 5 (in these tests). */
    public void assigned(Case c, Instant at) {
        c.dispatchedAt = at;
        caseEvent(c, "assigned", "ASSIGNED", at, Map.of("action", "dispatch"));
    }

    public void signed(Case c, Instant at) {
        caseEvent(c, "signed", "SIGNED", at, Map.of("action", "sign", "actor", c.unit));
    }

    public void returned(Case c, Instant at) {
        c.returnCount++;
        caseEvent(c, "returned", "RETURNED", at, Map.of("action", "return", "actor", c.unit, "reasonCode", "NOT_OUR_JURISDICTION"));
    }

    public void answered(Case c, Instant at) {
        caseEvent(c, "answered", "ANSWERED", at, Map.of("action", "answer", "actor", c.unit, "reply", "已处理"));
    }

    public void reopened(Case c, Instant at) {
        c.reopenCount++;
        c.dispatchedAt = at;
        caseEvent(c, "reopened", "REOPENED", at, Map.of("action", "reopen", "actor", "system"));
    }

    /** 撤回 by the petitioner from {@code previousStatus} (ASSIGNED or RETURNED). */
    public void withdrawn(Case c, Instant at, String previousStatus) {
        caseEvent(c, "withdrawn", "WITHDRAWN", at, Map.of("action", "withdraw", "actor", "petitioner",
                "reasonCode", "DUPLICATE", "previousStatus", previousStatus));
    }

    public void escalated(Case c, Instant at) {
        caseEvent(c, "escalated", "ASSIGNED", at, Map.of("action", "escalate", "actor", "system", "escalatedTo", c.region + "-gc"));
    }

    public void caseEvent(Case c, String type, String status, Instant at, Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("caseId", c.caseId.toString());
        data.put("petitionId", c.petitionId.toString());
        data.put("trackingNumber", "CQ-20261124-000001");
        data.put("categoryCode", c.category);
        data.put("regionCode", c.region);
        data.put("status", status);
        data.put("unitId", c.unit);
        data.put("unitNameZh", c.unit);
        data.put("unitNameEn", c.unit);
        Instant dispatched = c.dispatchedAt == null ? at : c.dispatchedAt;
        data.put("dispatchedAt", ChinaTime.of(dispatched).toString());
        data.put("signDeadline", ChinaTime.of(dispatched.plus(1, ChronoUnit.DAYS)).toString());
        data.put("answerDeadline", ChinaTime.of(dispatched.plus(5, ChronoUnit.DAYS)).toString());
        data.put("calendarIncomplete", false);
        data.put("occurredAt", ChinaTime.of(at).toString());
        data.put("returnCount", c.returnCount);
        data.put("reopenCount", c.reopenCount);
        send(CASES, "/minhu/assignment-service", "org.minhu.case." + type, c.petitionId, at, data);
    }

    private void send(String topic, String source, String type, UUID petitionId, Instant at, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", source);
        event.put("type", type);
        event.put("subject", petitionId.toString());
        event.put("time", ChinaTime.of(at).toString());
        event.put("datacontenttype", "application/json");
        event.put("partitionkey", petitionId.toString());
        event.put("data", data);
        try {
            raw(topic, petitionId.toString(), json.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a value as is (also to replay what was sent). */
    public void raw(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        producer().send(record);
        sent.add(new Sent(topic, key, value));
    }
}
