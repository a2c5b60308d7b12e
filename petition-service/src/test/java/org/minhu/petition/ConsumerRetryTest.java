package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.Topics;
import org.minhu.petition.progress.CaseEventsConsumer;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.TopicReader;

import io.quarkus.test.junit.QuarkusTest;

/**
 * petition-service's consumers under a failing database: a dropped connection or a serialization
 * failure while a case event or a rating is applied is retried in place and applied once, never
 * dead-lettered.
 */
@QuarkusTest
class ConsumerRetryTest {

    @RegisterExtension
    static final ReconciliationEvents events = new ReconciliationEvents();

    private static String file(String citizen) {
        return Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    private static void awaitStatus(String citizen, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                status.equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
    }

    private static TopicReader deadLetters() {
        return TopicReader.fromNow(PetitionResourceTest.bootstrap(), Topics.PETITION_DLQ);
    }

    @Test
    void shouldRetryACaseEventWhenPostgresDropsTheConnectionAndApplyItOnce() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        try (DatabaseFaults faults = ReconciliationEvents.faults("petition_timeline").dropConnections(2);
             TopicReader dlq = deadLetters()) {
            events.caseEvent(id, "assigned", Map.of());
            awaitStatus(citizen, id, "ASSIGNED");
            assertThat(faults.attempts()).as("two inserts lost their connection, then one passed").isGreaterThanOrEqualTo(3);
            assertThat(dlq.readToEnd(r -> id.equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED"));
    }

    @Test
    void shouldRetryARatingOnSerializationFailuresAndApplyItOnce() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        events.caseEvent(id, "assigned", Map.of());
        events.caseEvent(id, "answered", Map.of("reply", "已在桥下划出临时停车位。"));
        awaitStatus(citizen, id, "ANSWERED");
        try (DatabaseFaults faults = ReconciliationEvents.faults("petition_timeline").serializationFailures(3);
             TopicReader dlq = deadLetters()) {
            events.feedbackEvent(id, "recorded", Map.of("round", 1, "satisfaction", "SATISFIED", "solved", "SOLVED",
                    "channel", "app", "reopens", false, "ratedAt", OffsetDateTime.now().toString()));
            awaitStatus(citizen, id, "RATED");
            assertThat(faults.attempts()).as("three serialization failures, then the insert that passed").isGreaterThanOrEqualTo(4);
            assertThat(dlq.readToEnd(r -> id.equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.status", contains("SUBMITTED", "ASSIGNED", "ANSWERED", "RATED"));
    }

    /** Not a retry: a round-opened event for a petition that does not exist can never apply. */
    @Test
    void shouldDeadLetterARoundOpenedEventForAPetitionThatDoesNotExist() throws Exception {
        String unknown = UUID.randomUUID().toString();
        try (TopicReader dlq = deadLetters()) {
            events.feedbackEvent(unknown, "round-opened", Map.of("round", 1, "caseId", UUID.randomUUID().toString(),
                    "answeredAt", OffsetDateTime.now().toString(), "windowClosesAt", OffsetDateTime.now().plusDays(7).toString()));
            var letter = dlq.await(r -> unknown.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(TopicReader.header(letter, "dead-letter-reason")).contains("unknown petition");
        }
    }
}
