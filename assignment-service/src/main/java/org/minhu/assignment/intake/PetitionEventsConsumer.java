package org.minhu.assignment.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minhu.assignment.cases.CaseService;

import io.smallrye.common.annotation.Blocking;

/**
 * Consumes petition-service's events and dispatches each submitted petition. Idempotent by the
 * CloudEvents id (a redelivered event changes nothing). A message that cannot be processed is
 * sent to the dead-letter topic with the reason, and the partition keeps flowing
 * (failure-strategy=dead-letter-queue).
 */
@ApplicationScoped
public class PetitionEventsConsumer {

    /** Channel name = topic name. */
    public static final String TOPIC = "minhu.petition.events";
    public static final String DEAD_LETTER_TOPIC = "minhu.assignment.dlq";
    public static final String SUBMITTED = "org.minhu.petition.submitted";

    private static final Logger LOG = Logger.getLogger(PetitionEventsConsumer.class);

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final CaseService cases;

    public PetitionEventsConsumer(ObjectMapper mapper, EntityManager em, CaseService cases) {
        this.mapper = mapper;
        this.em = em;
        this.cases = cases;
    }

    @Incoming(TOPIC)
    @Blocking
    @Transactional
    public void consume(String payload) throws Exception {
        JsonNode event = mapper.readTree(payload);
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        String type = required(event, "type");
        if (!"1.0".equals(event.path("specversion").asText())) {
            throw new InvalidEventException("specversion must be 1.0");
        }
        UUID eventId = uuid(event, "id");
        if (!SUBMITTED.equals(type)) {
            return; // other petition events are not dispatch's business
        }
        JsonNode data = event.path("data");
        CaseService.NewCase request = new CaseService.NewCase(
                uuid(data, "petitionId"), required(data, "trackingNumber"), required(data, "petitionerId"),
                required(data, "title"), required(data, "categoryCode"), required(data, "handling"),
                required(data, "regionCode"), data.hasNonNull("townCode") ? data.get("townCode").asText() : null);
        int firstTime = em.createNativeQuery("INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId).executeUpdate();
        if (firstTime == 0) {
            LOG.debugf("Event %s already processed", eventId);
            return;
        }
        cases.dispatch(request);
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new InvalidEventException("missing " + field);
        }
        return v.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + " is not a UUID");
        }
    }

    /** The message is not a valid event: retrying will not help, it goes to the dead-letter topic. */
    public static class InvalidEventException extends RuntimeException {
        public InvalidEventException(String reason) {
            super(reason);
        }
    }
}
