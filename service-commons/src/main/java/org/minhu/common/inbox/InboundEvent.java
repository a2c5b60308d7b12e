package org.minhu.common.inbox;

import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.minhu.common.events.EventData;

/**
 * A CloudEvents 1.0 event as consumers receive it (structured JSON mode). Parsing fails with
 * {@link InvalidEventException} when the message is not such an event: retrying will not help,
 * so the consumer's failure strategy sends it to the dead-letter topic with the reason.
 */
public record InboundEvent(UUID id, String source, String type, JsonNode data, String traceparent, String tracestate) {

    /**
     * Reads event data into its record: fields a newer producer adds are ignored, dates keep their
     * offset, a missing number is absent (not 0).
     */
    private static final ObjectMapper DATA = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** An event of {@code type} from an unnamed source (for code that builds events itself). */
    public InboundEvent(UUID id, String type, JsonNode data) {
        this(id, null, type, data, null, null);
    }

    public static InboundEvent parse(ObjectMapper mapper, String payload) {
        JsonNode event;
        try {
            event = mapper.readTree(payload);
        } catch (Exception e) {
            throw new InvalidEventException("not JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        if (!"1.0".equals(event.path("specversion").asText())) {
            throw new InvalidEventException("specversion must be 1.0");
        }
        // id, source, specversion and type are the attributes CloudEvents 1.0 requires
        // traceparent and tracestate (CloudEvents distributed tracing) are optional: a malformed one only
        // starts a new trace (the propagator ignores it), never fails the event
        return new InboundEvent(uuid(event, "id"), text(event, "source"), text(event, "type"), event.path("data"),
                shortText(event, "traceparent"), shortText(event, "tracestate"));
    }

    /**
     * The event's data as its record, checked ({@link EventData#validate()}): a field of the wrong
     * shape (a date that is not ISO 8601, an id that is not a UUID) or a required field missing
     * makes the event invalid, with the field named.
     */
    public <T extends EventData> T data(Class<T> type) {
        return read(data, type);
    }

    /** {@code data} (an event's data, as stored by a consumer that kept it for later) as its record, checked. */
    public static <T extends EventData> T read(JsonNode data, Class<T> type) {
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data must be a JSON object");
        }
        T value;
        try {
            value = DATA.treeToValue(data, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "data" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new InvalidEventException(field + " is not valid: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (Exception e) {
            throw new InvalidEventException("data is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
        value.validate();
        return value;
    }

    /** A required text field of {@code node}. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new InvalidEventException("missing " + field);
        }
        return v.asText();
    }

    /** An optional text attribute of at most 512 characters, or null (an over-long one is ignored). */
    private static String shortText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().length() > 512 ? null : v.asText();
    }

    /** An optional text field of {@code node}, or null. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A required UUID field of {@code node}. */
    public static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(text(node, field));
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new InvalidEventException(field + " is not a UUID");
        }
    }

    /** The message is not a valid event: it goes to the dead-letter topic with this reason. */
    public static class InvalidEventException extends IllegalArgumentException {
        public InvalidEventException(String reason) {
            super(reason);
        }
    }

    /**
     * The event depends on an earlier one this service has not applied yet (events of one petition on
     * different topics, or on a channel consumed out of order): retried like a transient failure for
     * up to {@link #maxWait()} counted from this consumer's first failed attempt on it (not from when
     * the event happened: a service catching up after an outage finds old events whose earlier ones
     * are a moment behind on another channel). Past that wait it goes to the dead-letter topic, where
     * it can be replayed, instead of holding its partition for ever when the earlier event was itself
     * dead-lettered.
     */
    public static class NotYetApplicableException extends RuntimeException {
        private final java.time.Duration maxWait;

        public NotYetApplicableException(String reason, java.time.Duration maxWait) {
            super(reason);
            this.maxWait = maxWait;
        }

        public java.time.Duration maxWait() {
            return maxWait;
        }
    }
}
