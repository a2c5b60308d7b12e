package org.minhu.common.events;

import org.minhu.common.inbox.InboundEvent;

/**
 * The {@code data} of one kind of event, as a record. Producers build it and the outbox writes it;
 * consumers read it with {@link InboundEvent#data(Class)}, which checks it with {@link #validate()}.
 */
public interface EventData {

    /**
     * Throws {@link InboundEvent.InvalidEventException} naming the field when a field some consumer
     * relies on is missing or out of range. Those fields are all required by {@code docs/asyncapi.yaml};
     * the document may require more (producers are held to it by the event contract test), and a
     * consumer never requires what the document leaves optional.
     */
    void validate();

    /** {@code value}, or an {@link InboundEvent.InvalidEventException} saying {@code field} is missing. */
    static <T> T require(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InboundEvent.InvalidEventException("missing " + field);
        }
        return value;
    }

    /** {@code value} when it is at least 1. */
    static int positive(Integer value, String field) {
        if (require(value, field) < 1) {
            throw new InboundEvent.InvalidEventException(field + " must be a positive integer");
        }
        return value;
    }
}
