package org.minhu.assignment;

import org.minhu.common.events.Topics;
import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.events.CaseEvents;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.intake.PetitionEventsConsumer;
import org.minhu.testsupport.ConsumerLag;
import org.minhu.testsupport.TopicReader;

/** Submitted petitions arrive as real Kafka events and are routed as a person would expect. */
@QuarkusTest
class DispatchTest {

    @RegisterExtension
    static final PetitionPublisher events = new PetitionPublisher();

    @Inject
    org.minhu.assignment.calendar.WorkingCalendar calendar;

    @Inject
    EntityManager em;

    private final ObjectMapper json = new ObjectMapper();

    private PetitionCase awaitCase(UUID petitionId) {
        return PetitionPublisher.awaitCase(petitionId);
    }

    private String dispatchedTo(String category, String handling, String region, String town) throws Exception {
        return events.dispatched(category, handling, region, town).leadUnitId;
    }

    @Test
    void shouldRouteTheWanshengClinicCaseToWanshengsHealthCommission() throws Exception {
        assertThat(dispatchedTo("health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA")).isEqualTo("Z-WSJKQ-health");
    }

    @Test
    void shouldRouteNananParkingToNanansTransportCommission() throws Exception {
        assertThat(dispatchedTo("traffic-parking", "NORMAL", "500108", "500108-NANPING")).isEqualTo("500108-transport");
    }

    @Test
    void shouldRouteTheXipengLoofahCaseToTheTownWhereATownRuleExists() throws Exception {
        assertThat(dispatchedTo("agriculture", "NORMAL", "500107", "500107-XIPENG")).isEqualTo("500107-XIPENG-office");
        assertThat(dispatchedTo("agriculture", "NORMAL", "500107", "500107-YANGJIAPING")).isEqualTo("500107-agriculture");
    }

    @Test
    void shouldSendACombinationWithNoRuleToTheGovernanceCentre() throws Exception {
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, "other", "NORMAL", "500109", null);
        PetitionCase c = awaitCase(petition);
        assertThat(c.leadUnitId).isEqualTo("500109-gc");
        assertThat(c.routedByFallback).isTrue();
        assertThat(c.routingRuleId).isNull();
    }

    @Test
    void shouldStoreTheRuleAndVersionUsed() throws Exception {
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", null);
        PetitionCase c = awaitCase(petition);
        assertThat(c.routingRuleId).isNotNull();
        assertThat(c.routingRuleVersion).isEqualTo(1);
        assertThat(c.routedByFallback).isFalse();
    }

    /** A time of an event, to the millisecond (the database keeps microseconds, the event may carry more). */
    private static java.time.Instant millis(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Test
    void shouldEmitCaseAssignedWithDeadlines() throws Exception {
        UUID petition = UUID.randomUUID();
        try (TopicReader reader = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS)) {
            events.submitted(UUID.randomUUID(), petition, "traffic-parking", "NORMAL", "500108", null);
            List<ConsumerRecord<String, String>> out = reader.await(r -> petition.toString().equals(r.key()), 1,
                    Duration.ofSeconds(30));
            assertThat(out).hasSize(1);
            JsonNode event = json.readTree(out.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo(CaseEvents.ASSIGNED);
            assertThat(event.path("source").asText()).isEqualTo("/minhu/assignment-service");
            assertThat(event.path("data").path("unitId").asText()).isEqualTo("500108-transport");
            assertThat(event.path("data").path("unitNameZh").asText()).isEqualTo("南岸区交通运输委员会");
            // the limits of a NORMAL case: sign within 1 working day, answer within 5, counted from dispatch on
            // the published calendar (weekends, holidays and 调休 days: WorkingCalendarTest checks the counting)
            PetitionCase c = awaitCase(petition);
            assertThat(millis(event.path("data").path("signDeadline").asText()))
                    .isEqualTo(calendar.plusWorkingDays(c.assignedAt, 1).at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(millis(event.path("data").path("answerDeadline").asText()))
                    .isEqualTo(calendar.plusWorkingDays(c.assignedAt, 5).at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            // a wrong case may be handed back (退单) within 2 working days, computed at dispatch like the others
            assertThat(c.returnDeadline).isEqualTo(calendar.plusWorkingDays(c.assignedAt, 2).at());
        }
    }

    @Test
    void shouldCreateOneCaseForADuplicateEvent() throws Exception {
        UUID eventId = UUID.randomUUID();
        UUID petition = UUID.randomUUID();
        try (TopicReader caseEvents = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.CASE_EVENTS);
             TopicReader dlq = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ)) {
            events.submitted(eventId, petition, "health", "NORMAL", "Z-WSJKQ", null);
            events.submitted(eventId, petition, "health", "NORMAL", "Z-WSJKQ", null);
            awaitBothHandled(petition);
            // one dispatch, and the duplicate was skipped rather than failing on the petition's unique case
            assertThat(caseEvents.readToEnd(r -> petition.toString().equals(r.key()), Duration.ofSeconds(30)).stream()
                    .map(this::typeOf).toList()).containsExactly(CaseEvents.ASSIGNED);
            assertThat(dlq.readToEnd(r -> petition.toString().equals(r.key())
                    || String.valueOf(r.value()).contains(eventId.toString()), Duration.ofSeconds(30))).isEmpty();
        }
        assertThat(countCases(petition)).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAnEventIdAlreadyProcessedWhateverItCarries() throws Exception {
        // CloudEvents: the same id from the same source is the same event. Here the repeat names another
        // petition, so only the consumer's memory of event ids (not the one-case-per-petition rule) can stop it.
        UUID eventId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        events.submitted(eventId, first, "health", "NORMAL", "Z-WSJKQ", null);
        awaitCase(first);
        try (TopicReader dlq = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ)) {
            events.submitted(eventId, other, "health", "NORMAL", "Z-WSJKQ", null);
            ConsumerLag.awaitCaughtUp(PetitionPublisher.bootstrap(), "assignment-service", List.of(Topics.PETITION_EVENTS));
            assertThat(dlq.readToEnd(r -> other.toString().equals(r.key()), Duration.ofSeconds(30))).isEmpty();
        }
        assertThat(countCases(other)).isZero();
        assertThat(countCases(first)).isEqualTo(1);
    }

    private long countCases(UUID petition) {
        return QuarkusTransaction.requiringNew().call(() -> PetitionCase.count("petitionId", petition));
    }

    private String typeOf(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).path("type").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Waits until the consumer has handled every petition event sent so far and the outbox relay has
     * published what that wrote for {@code petition}: then the topics hold all they ever will for it.
     */
    private void awaitBothHandled(UUID petition) {
        ConsumerLag.awaitCaughtUp(PetitionPublisher.bootstrap(), "assignment-service", List.of(Topics.PETITION_EVENTS));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE message_key = ?1 AND published_at IS NULL")
                        .setParameter(1, petition.toString()).getSingleResult()).longValue()) == 0);
    }

    @Test
    void shouldSendAPoisonMessageToTheDeadLetterTopicAndKeepConsuming() throws Exception {
        try (TopicReader dlq = TopicReader.fromNow(PetitionPublisher.bootstrap(), Topics.ASSIGNMENT_DLQ)) {
            String key = UUID.randomUUID().toString();
            events.send(key, "{\"this is\": not json");
            String key2 = UUID.randomUUID().toString();
            events.send(key2, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"source\":\"/minhu/petition-service\",\"type\":\"org.minhu.petition.submitted\",\"data\":{}}");
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()) || key2.equals(r.key()), 2,
                    Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).isNotBlank());
            assertThat(dead.stream().map(r -> TopicReader.header(r, "dead-letter-reason")).toList())
                    .anyMatch(reason -> reason.contains("missing petitionId"));
        }
        // the partition keeps flowing
        assertThat(dispatchedTo("health", "NORMAL", "Z-WSJKQ", null)).isEqualTo("Z-WSJKQ-health");
    }

    @Test
    void shouldListTheCaseInTheUnitsQueue() throws Exception {
        UUID petition = UUID.randomUUID();
        events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", "Z-WSJKQ-GUANBA");
        awaitCase(petition);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).queryParam("limit", 100).get("/api/v1/cases")
                .then().statusCode(200).body("items.petitionId", hasItem(petition.toString()));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-gc")).queryParam("limit", 100).get("/api/v1/cases")
                .then().statusCode(200).body("items.petitionId", hasItem(petition.toString()));
        given().auth().oauth2(Tokens.staff("500108-transport")).queryParam("limit", 100).get("/api/v1/cases")
                .then().statusCode(200).body("items.petitionId.findAll { it == '" + petition + "' }.size()", equalTo(0));
    }
}
