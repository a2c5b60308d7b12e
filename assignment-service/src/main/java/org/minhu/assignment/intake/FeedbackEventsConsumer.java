package org.minhu.assignment.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minhu.assignment.cases.CaseService;

import io.smallrye.common.annotation.Blocking;

/**
 * Reopens (重办) a case when the citizen's rating says unsatisfied or not solved. Consumes
 * feedback-service's {@code org.minhu.feedback.recorded} events, idempotent by event id;
 * unprocessable messages go to the dead-letter topic.
 */
@ApplicationScoped
public class FeedbackEventsConsumer {

    public static final String TOPIC = "minhu.feedback.events";
    public static final String RECORDED = "org.minhu.feedback.recorded";

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final CaseService cases;

    public FeedbackEventsConsumer(ObjectMapper mapper, EntityManager em, CaseService cases) {
        this.mapper = mapper;
        this.em = em;
        this.cases = cases;
    }

    @Incoming(TOPIC)
    @Blocking
    @Transactional
    public void consume(String payload) throws Exception {
        JsonNode event = mapper.readTree(payload);
        if (event == null || !event.isObject() || !"1.0".equals(event.path("specversion").asText())) {
            throw new PetitionEventsConsumer.InvalidEventException("not a CloudEvents 1.0 JSON event");
        }
        if (!RECORDED.equals(event.path("type").asText())) {
            return;
        }
        UUID eventId = UUID.fromString(event.path("id").asText());
        JsonNode data = event.path("data");
        UUID petitionId = UUID.fromString(data.path("petitionId").asText());
        String satisfaction = data.path("satisfaction").asText();
        String solved = data.path("solved").asText();
        if (satisfaction.isBlank() || solved.isBlank()) {
            throw new PetitionEventsConsumer.InvalidEventException("missing satisfaction or solved");
        }
        int firstTime = em.createNativeQuery("INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId).executeUpdate();
        if (firstTime == 0) {
            return;
        }
        if ("UNSATISFIED".equals(satisfaction) || "NOT_SOLVED".equals(solved)) {
            cases.reopen(petitionId, "rated " + satisfaction + " / " + solved);
        }
    }
}
