package org.minhu.common.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.common.tracing.EventTracing;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists
 * exactly when the state change it describes was committed. The relay publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** Fired inside the transaction; the relay observes it after a successful commit. */
    public record Written() {
    }

    private final ObjectMapper mapper;
    private final Event<Written> written;
    private final String source;
    private final EventTracing tracing;

    public Outbox(ObjectMapper mapper, Event<Written> written, OutboxConfig config, EventTracing tracing) {
        this.mapper = mapper;
        this.written = written;
        this.source = config.source();
        this.tracing = tracing;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String type, String key, Instant time, Object data) {
        UUID eventId = UUID.randomUUID();
        // the trace of the request or event that wrote this one goes on with it (CloudEvents distributed tracing)
        Map<String, String> trace = tracing.currentContext();
        CloudEvent<Object> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, eventId.toString(), source, type, key,
                time.atOffset(ZoneOffset.UTC), "application/json", key,
                trace.get(EventTracing.TRACEPARENT), trace.get(EventTracing.TRACESTATE), data);
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

    /**
     * Publishes an event that is already a CloudEvent, as it is, to {@code topic} with
     * {@code key}: a dead letter replayed onto the topic it came from. The row gets an id of its
     * own (the event keeps its CloudEvents id, which consumers deduplicate by).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendExisting(String topic, String type, String key, String cloudEvent) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = topic;
        row.messageKey = key == null ? "" : key;
        row.eventType = type == null ? "unknown" : type;
        row.cloudEvent = cloudEvent;
        row.persist();
        written.fire(new Written());
    }
}
