package org.minhu.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.events.Topics;
import org.minhu.testsupport.ConsumerLag;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.PrometheusText;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What assignment-service's {@code /q/metrics} shows an operator, read from a real scrape after real
 * Kafka events and HTTP calls: a dispatched petition adds one to the submit → assigned histogram, a
 * poison message one to the dead-letter counter under its reason, each retry of a transient
 * failure one to the retry counter, and no label carries an id or a phone number.
 */
@QuarkusTest
class MetricsTest {

    private static final String DISPATCH_COUNT = "minhu_dispatch_latency_seconds_count";
    private static final String DEAD_LETTERED = "minhu_events_dead_lettered_total";

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldCountADispatchedPetitionOnceInTheSubmitToAssignedHistogram() throws Exception {
        double before = scrape().sum(DISPATCH_COUNT);
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, "traffic-parking", "NORMAL", "500108", "500108-NANPING");
        PetitionPublisher.awaitCase(petition);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape().sum(DISPATCH_COUNT) >= before + 1);
        PrometheusText after = scrape();
        assertThat(after.sum(DISPATCH_COUNT)).isEqualTo(before + 1);
        assertThat(after.has("minhu_dispatch_latency_seconds_bucket", Map.of("le", "+Inf")))
                .as("a percentile histogram, so quantiles can be computed across replicas").isTrue();
        assertThat(after.sum("minhu_dispatch_latency_seconds_sum")).isPositive();

        // the same event again (petition-service's reconciliation) finds the case and creates none: no second count
        events.submitted(UUID.randomUUID(), petition, "traffic-parking", "NORMAL", "500108", "500108-NANPING");
        ConsumerLag.awaitCaughtUp(PetitionPublisher.bootstrap(), "assignment-service", List.of(Topics.PETITION_EVENTS),
                Duration.ofSeconds(30));
        assertThat(scrape().sum(DISPATCH_COUNT)).isEqualTo(before + 1);
    }

    @Test
    void shouldCountAPoisonMessageAsDeadLetteredWithItsTopicKindAndReason() throws Exception {
        Map<String, String> poison = Map.of("topic", Topics.PETITION_EVENTS, "kind", "POISON",
                "reason", "InvalidEventException");
        double before = scrape().sum(DEAD_LETTERED, poison);
        UUID petition = UUID.randomUUID();
        String noPetitionId = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/minhu/petition-service\","
                + "\"type\":\"" + PetitionEvents.SUBMITTED + "\",\"data\":{\"trackingNumber\":\"CQ-1\"}}";
        try (TopicReader dlq = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ)) {
            events.send(petition.toString(), noPetitionId);
            dlq.await(r -> petition.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape().sum(DEAD_LETTERED, poison) >= before + 1);
        assertThat(scrape().sum(DEAD_LETTERED, poison)).isEqualTo(before + 1);
    }

    @Test
    void shouldCountEachRetryOfATransientFailureByItsKind() throws Exception {
        Map<String, String> transientKind = Map.of("kind", "TRANSIENT");
        double before = scrape().sum("minhu_events_retried_total", transientKind);
        UUID petition = UUID.randomUUID();
        try (DatabaseFaults faults = TestInfra.faults("petition_case").serializationFailures(3)) {
            events.submitted(UUID.randomUUID(), petition, "traffic-parking", "NORMAL", "500108", "500108-NANPING");
            PetitionPublisher.awaitCase(petition);
            assertThat(faults.attempts()).isEqualTo(4);
        }
        assertThat(scrape().sum("minhu_events_retried_total", transientKind)).as("three failed attempts, each retried")
                .isEqualTo(before + 3);
    }

    @Test
    void shouldNameNoIdAndNoPersonalDataInAnyLabel() throws Exception {
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
        PetitionCase c = PetitionPublisher.awaitCase(petition);
        String staff = Tokens.staff(c.leadUnitId);
        given().auth().oauth2(staff).get("/api/v1/cases/" + c.id).then().statusCode(200);
        given().auth().oauth2(staff).get("/api/v1/cases/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(staff).get("/api/v1/cases/13812345678").then().statusCode(400);
        given().auth().oauth2(staff).get("/api/v1/cases?limit=5").then().statusCode(200);

        PrometheusText metrics = scrape();
        assertThat(metrics.labelViolations()).isEmpty();
        // the calls above are there, under their route templates
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/cases/{id}", "status", "200")))
                .isTrue();
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/cases/{id}", "status", "404")))
                .isTrue();
        // and the domain gauges are bounded: statuses and district-level regions only
        assertThat(metrics.has("minhu_cases", Map.of("status", "ASSIGNED"))).isTrue();
        assertThat(metrics.has("minhu_outbox_backlog_events", Map.of())).isTrue();
    }
}
