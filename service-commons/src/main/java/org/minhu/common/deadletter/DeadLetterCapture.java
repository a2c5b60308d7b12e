package org.minhu.common.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.common.inbox.DeadLetterStrategy;
import org.minhu.common.inbox.EventConsumption;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import org.minhu.common.persistence.NativeWrites;

/**
 * Copies each message of this service's dead-letter topic into its {@code dead_letter} table,
 * where the admin API lists, replays and discards them. The topic stays the record; the copy is
 * idempotent by the original topic, partition and offset.
 */
@ApplicationScoped
public class DeadLetterCapture {

    /** The channel; each service points it at its own dead-letter topic. */
    public static final String CHANNEL = "minhu-dead-letters";

    private final EntityManager em;
    private final EventConsumption consumption;
    private final ObjectMapper mapper;

    public DeadLetterCapture(EntityManager em, EventConsumption consumption, ObjectMapper mapper) {
        this.em = em;
        this.consumption = consumption;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void capture(ConsumerRecord<String, String> record) {
        String payload = record.value() == null ? "" : record.value();
        String topic = header(record, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, record.topic());
        int partition = parseInt(header(record, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, null), record.partition());
        long offset = parseLong(header(record, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, null), record.offset());
        String reason = header(record, KafkaDeadLetterQueue.DEAD_LETTER_REASON, "no reason given");
        String exception = header(record, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME,
                header(record, KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME, null));
        String cause = header(record, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE, null);
        String kind = header(record, DeadLetterStrategy.KIND, "UNEXPECTED");
        int attempts = parseInt(header(record, DeadLetterStrategy.ATTEMPTS, null), 1);
        Instant firstFailure = parseInstant(header(record, DeadLetterStrategy.FIRST_FAILURE, null),
                Instant.ofEpochMilli(record.timestamp()));
        String eventId = null;
        String eventType = null;
        try {
            JsonNode event = mapper.readTree(payload);
            if (event != null && event.isObject()) {
                eventId = event.path("id").isTextual() ? event.get("id").asText() : null;
                eventType = event.path("type").isTextual() ? event.get("type").asText() : null;
            }
        } catch (Exception e) {
            // not JSON: kept as it came, with no event id or type
        }
        String id = eventId;
        String type = eventType;
        consumption.inTransaction("dead letter " + topic + "-" + partition + "@" + offset, () ->
                NativeWrites.statement(em, "INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, message_key, payload, "
                                + "event_id, event_type, kind, reason, exception, attempts, first_failed_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                + "ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING", "dead_letter")
                        .setParameter(1, topic).setParameter(2, partition).setParameter(3, offset)
                        .setParameter(4, clean(record.key())).setParameter(5, clean(payload))
                        .setParameter(6, clean(id)).setParameter(7, clean(type)).setParameter(8, kind)
                        .setParameter(9, clean(reason))
                        .setParameter(10, clean(exception == null ? null : exception + (cause == null ? "" : ": " + cause)))
                        .setParameter(11, attempts).setParameter(12, firstFailure)
                        .executeUpdate());
    }

    private static String header(ConsumerRecord<?, ?> record, String name, String fallback) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** PostgreSQL text cannot hold NUL: a poison message may well contain one. */
    private static String clean(String s) {
        return s == null ? null : s.replace('\u0000', '\uFFFD');
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Instant parseInstant(String s, Instant fallback) {
        try {
            return s == null ? fallback : Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
