package org.minhu.common.inbox;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvents 1.0 event as consumers receive it (structured JSON mode). Parsing fails with
 * {@link InvalidEventException} when the message is not such an event: retrying will not help,
 * so the consumer's failure strategy sends it to the dead-letter topic with the reason.
 */
public record InboundEvent(UUID id, String source, String type, JsonNode data) {

    /** An event of {@code type} from an unnamed source (for code that builds events itself). */
    public InboundEvent(UUID id, String type, JsonNode data) {
        this(id, null, type, data);
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
        return new InboundEvent(uuid(event, "id"), text(event, "source"), text(event, "type"), event.path("data"));
    }

    /** A required text field of {@code node}. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new InvalidEventException("missing " + field);
        }
        return v.asText();
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
}
