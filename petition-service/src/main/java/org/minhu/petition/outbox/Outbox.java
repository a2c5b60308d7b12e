package org.minhu.petition.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists
 * exactly when the state change it describes was committed. The relay publishes it.
 */
@ApplicationScoped
public class Outbox {

    public static final String SOURCE = "/minhu/petition-service";

    /** Fired inside the transaction; the relay observes it after a successful commit. */
    public record Written() {
    }

    private final ObjectMapper mapper;
    private final Event<Written> written;

    public Outbox(ObjectMapper mapper, Event<Written> written) {
        this.mapper = mapper;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String type, String key, Instant time, Object data) {
        UUID eventId = UUID.randomUUID();
        CloudEvent<Object> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, eventId.toString(), SOURCE, type, key,
                time.atOffset(ZoneOffset.UTC), "application/json", key, data);
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = topic;
        row.messageKey = key;
        row.eventType = type;
        try {
            row.cloudEvent = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + type + " could not be serialized", e);
        }
        row.persist();
        written.fire(new Written());
        return eventId;
    }
}
