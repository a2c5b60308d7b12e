package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.Topics;
import org.minhu.petition.progress.CaseEventsConsumer;
import org.minhu.testsupport.TopicReader;

/** The citizen's status and timeline follow the case events that assignment-service publishes. */
@QuarkusTest
class CaseProgressTest {

    @RegisterExtension
    static final EventPublisher events = new EventPublisher();

    private void awaitStatus(String citizen, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                status.equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
    }

    @Test
    void shouldShowAssignmentSigningAndTheAnswerInTheTimeline() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");

        UUID assigned = UUID.randomUUID();
        events.healthCommissionEvent(assigned, id, "org.minhu.case.assigned", Map.of("answerDeadline", "2026-12-01T10:00:00+08:00"));
        events.healthCommissionEvent(assigned, id, "org.minhu.case.assigned", Map.of("answerDeadline", "2026-12-01T10:00:00+08:00"));
        awaitStatus(citizen, id, "ASSIGNED");
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.signed", Map.of());
        awaitStatus(citizen, id, "ACCEPTED");
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.answered", Map.of("reply", "已协调增加停车位，桥下新增车位下月开放。"));
        awaitStatus(citizen, id, "ANSWERED");

        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ACCEPTED", "ANSWERED"))
                .body("timeline[1].actorName", equalTo("万盛经济技术开发区卫生健康委员会"))
                .body("timeline[3].note", equalTo("已协调增加停车位，桥下新增车位下月开放。"))
                .body("handlingUnit.zh", equalTo("万盛经济技术开发区卫生健康委员会"))
                .body("reply", equalTo("已协调增加停车位，桥下新增车位下月开放。"))
                .body("answerDeadline", equalTo("2026-12-01T10:00:00+08:00"));
    }

    /** An answer its petitioner did not rate within the window closes the petition (NOT_RATED, then CLOSED). */
    @Test
    void shouldCloseAnAnswerThatWasNotRatedInItsWindow() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.answered", Map.of("reply", "已在桥下划出临时停车位。"));
        awaitStatus(citizen, id, "ANSWERED");
        String windowClosedAt = OffsetDateTime.now().plusSeconds(1).toString();
        events.feedbackEvent(UUID.randomUUID(), id, "org.minhu.feedback.not-rated",
                Map.of("petitionId", id, "round", 1, "windowClosedAt", windowClosedAt));
        awaitStatus(citizen, id, "CLOSED");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ANSWERED", "CLOSED"))
                .body("timeline[3].actorType", equalTo("PLATFORM"))
                .body("timeline[3].note", equalTo("Closed: answer 1 was not rated within the rating window"));
    }

    @Test
    void shouldApplyADuplicateEventOnce() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
        UUID eventId = UUID.randomUUID();
        events.healthCommissionEvent(eventId, id, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(eventId, id, "org.minhu.case.assigned", Map.of());
        awaitStatus(citizen, id, "ASSIGNED");
        // both copies have been consumed (the group's lag is 0) before the timeline is counted once
        org.minhu.testsupport.ConsumerLag.awaitCaughtUp(PetitionResourceTest.bootstrap(), "petition-service",
                List.of(Topics.CASE_EVENTS), Duration.ofSeconds(30));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("timeline", hasSize(2));
    }

    /** 督办 as the citizen sees it: ESCALATED, the platform's note, once however often the event comes. */
    @Test
    void shouldShowTheCitizenAnEscalationOnce() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        awaitStatus(citizen, id, "ASSIGNED");
        UUID escalated = UUID.randomUUID();
        events.healthCommissionEvent(escalated, id, "org.minhu.case.escalated", Map.of("action", "escalate", "actor", "system",
                "escalatedTo", "Z-WSJKQ-gc"));
        events.healthCommissionEvent(escalated, id, "org.minhu.case.escalated", Map.of("action", "escalate", "actor", "system",
                "escalatedTo", "Z-WSJKQ-gc"));
        awaitStatus(citizen, id, "ESCALATED");
        org.minhu.testsupport.ConsumerLag.awaitCaughtUp(PetitionResourceTest.bootstrap(), "petition-service",
                List.of(Topics.CASE_EVENTS), Duration.ofSeconds(30));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("status", equalTo("ESCALATED"))
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ESCALATED"))
                .body("timeline[2].actorType", equalTo("PLATFORM"))
                .body("timeline[2].note", equalTo("Overdue: escalated to the supervising unit (督办)"));
    }

    @Test
    void shouldSendAnEventForAnUnknownPetitionToTheDeadLetterTopic() throws Exception {
        try (TopicReader dlq = TopicReader.fromNow(PetitionResourceTest.bootstrap(), Topics.PETITION_DLQ)) {
            String unknown = UUID.randomUUID().toString();
            events.healthCommissionEvent(UUID.randomUUID(), unknown, "org.minhu.case.assigned", Map.of());
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> unknown.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).contains("unknown petition");
        }
    }
}
