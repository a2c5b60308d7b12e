package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.feedback.rating.AnswerRound;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.Tokens;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * feedback-service's consumers under a failing database: a dropped connection while an answer
 * opens its rating round, and serialization failures while a petition is taken in, are retried in
 * place and applied once, never dead-lettered.
 */
@QuarkusTest
class ConsumerRetryTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    static DatabaseFaults faults(String table) throws Exception {
        var config = ConfigProvider.getConfig();
        return DatabaseFaults.on(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""), table);
    }

    private static TopicReader deadLetters() {
        return TopicReader.fromNow(UpstreamEvents.bootstrap(), "minhu.feedback.dlq");
    }

    private static long rows(String table, UUID petitionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) AnswerRound.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM " + table + " WHERE petition_id = ?1")
                .setParameter(1, petitionId).getSingleResult()).longValue());
    }

    private static UpstreamEvents.Case newCase(String citizen) {
        String region = UpstreamEvents.freshRegion();
        return new UpstreamEvents.Case(citizen, region, region + "-water", "water", "app");
    }

    @Test
    void shouldRetryAnAnswerWhenPostgresDropsTheConnectionAndOpenOneRound() throws Exception {
        UpstreamEvents.Case c = newCase("citizen-retry-answer");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        events.submitted(c, now.minus(3, ChronoUnit.HOURS));
        events.assigned(c, now.minus(2, ChronoUnit.HOURS));
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", List.of(UpstreamEvents.PETITIONS, UpstreamEvents.CASES));
        try (DatabaseFaults faults = faults("answer_round").dropConnections(2); TopicReader dlq = deadLetters()) {
            events.answered(c, now.minus(1, ChronoUnit.HOURS));
            events.flush();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                            .then().statusCode(200).body("openRound", equalTo(1)));
            assertThat(faults.attempts()).as("two inserts lost their connection, then one passed").isGreaterThanOrEqualTo(3);
            assertThat(rows("answer_round", c.petitionId)).isEqualTo(1);
            assertThat(dlq.readToEnd(r -> c.petitionId.toString().equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void shouldRetryAPetitionOnSerializationFailuresAndTakeItInOnce() throws Exception {
        UpstreamEvents.Case c = newCase("citizen-retry-petition");
        try (DatabaseFaults faults = faults("petition_ref").serializationFailures(3); TopicReader dlq = deadLetters()) {
            events.submitted(c, Instant.now().minus(1, ChronoUnit.HOURS));
            events.flush();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rows("petition_ref", c.petitionId) == 1);
            assertThat(faults.attempts()).as("three serialization failures, then the insert that passed").isGreaterThanOrEqualTo(4);
            assertThat(dlq.readToEnd(r -> c.petitionId.toString().equals(r.key()), Duration.ofSeconds(5))).isEmpty();
        }
    }
}
