package org.minhu.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.TestProducer;

/**
 * Publishes events as petition-service, assignment-service and feedback-service do (CloudEvents
 * JSON, key = petition id), with a real producer, and keeps what it sent so that a test can send
 * the very same events again. Held as {@code @RegisterExtension static final UpstreamEvents events = new UpstreamEvents();}.
 */
public final class UpstreamEvents extends TestProducer {

    public static final String PETITIONS = "minhu.petition.events";
    public static final String CASES = "minhu.case.events";
    public static final String FEEDBACK = "minhu.feedback.events";

    /** One petition and its case. */
    public static final class Case {
        public final UUID petitionId = UUID.randomUUID();
        public final UUID caseId = UUID.randomUUID();
        public final String petitioner;
        public final String unit;
        public final String trackingNumber = "CQ-20261203-" + String.format("%06d", (int) (Math.random() * 999999));
        public String handling = "NORMAL";
        public String title = "小区路灯不亮";
        public int reopenCount;
        public Instant dispatchedAt;

        public Case(String petitioner, String unit) {
            this.petitioner = petitioner;
            this.unit = unit;
        }
    }

    public record Sent(String topic, String key, String value) {
    }

    private final ObjectMapper json = new ObjectMapper();
    public final List<Sent> sent = new ArrayList<>();

    public UpstreamEvents() {
        super(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    public void submitted(Case c, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("petitionId", c.petitionId.toString());
        data.put("trackingNumber", c.trackingNumber);
        data.put("petitionerId", c.petitioner);
        data.put("title", c.title);
        data.put("description", "三栋门口的路灯坏了两周");
        data.put("categoryCode", "municipal");
        data.put("handling", c.handling);
        data.put("regionCode", "yuzhong");
        data.put("hasAddress", false);
        data.put("channel", "app");
        data.put("submittedAt", ChinaTime.of(at).toString());
        send(PETITIONS, "/minhu/petition-service", "org.minhu.petition.submitted", c.petitionId, at, data);
    }

    public void assigned(Case c, Instant at) {
        c.dispatchedAt = at;
        caseEvent(c, "assigned", "ASSIGNED", at, Map.of("action", "dispatch"));
    }

    /** case.assigned whose sign deadline is {@code signDeadline} (an urgent request's is two hours away). */
    public void assigned(Case c, Instant at, Instant signDeadline) {
        c.dispatchedAt = at;
        caseEvent(c, "assigned", "ASSIGNED", at, Map.of("action", "dispatch", "signDeadline", ChinaTime.of(signDeadline).toString()));
    }

    public void signed(Case c, Instant at) {
        caseEvent(c, "signed", "SIGNED", at, Map.of("action", "sign", "actor", c.unit));
    }

    public void answered(Case c, Instant at, String reply) {
        caseEvent(c, "answered", "ANSWERED", at, Map.of("action", "answer", "actor", c.unit, "reply", reply));
    }

    public void reopened(Case c, Instant at) {
        c.reopenCount++;
        c.dispatchedAt = at;
        caseEvent(c, "reopened", "REOPENED", at, Map.of("action", "reopen", "actor", "system"));
    }

    public void caseEvent(Case c, String type, String status, Instant at, Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("caseId", c.caseId.toString());
        data.put("petitionId", c.petitionId.toString());
        data.put("trackingNumber", c.trackingNumber);
        data.put("categoryCode", "municipal");
        data.put("regionCode", "yuzhong");
        data.put("status", status);
        data.put("unitId", c.unit);
        data.put("unitNameZh", "渝中区城管局");
        data.put("unitNameEn", "Yuzhong Urban Management Bureau");
        Instant dispatched = c.dispatchedAt == null ? at : c.dispatchedAt;
        data.put("dispatchedAt", ChinaTime.of(dispatched).toString());
        data.putIfAbsent("signDeadline", ChinaTime.of(dispatched.plus(1, ChronoUnit.DAYS)).toString());
        data.putIfAbsent("answerDeadline", ChinaTime.of(dispatched.plus(5, ChronoUnit.DAYS)).toString());
        data.put("occurredAt", ChinaTime.of(at).toString());
        data.put("reopenCount", c.reopenCount);
        send(CASES, "/minhu/assignment-service", "org.minhu.case." + type, c.petitionId, at, data);
    }

    public void roundOpened(Case c, Instant answeredAt, Instant closesAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("petitionId", c.petitionId.toString());
        data.put("caseId", c.caseId.toString());
        data.put("round", c.reopenCount + 1);
        data.put("answeredAt", ChinaTime.of(answeredAt).toString());
        data.put("windowClosesAt", ChinaTime.of(closesAt).toString());
        send(FEEDBACK, "/minhu/feedback-service", "org.minhu.feedback.round-opened", c.petitionId, answeredAt, data);
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
