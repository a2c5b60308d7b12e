package org.minhu.feedback;

import org.minhu.common.events.Topics;
import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.outbox.OutboxRelay;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.config.FeedbackConfig;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.feedback.rating.RatingExpiryJob;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedKafkaBroker;
import org.minhu.testsupport.TopicReader;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RatingTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    final ObjectMapper json = new ObjectMapper();

    @Inject
    RatingExpiryJob expiry;

    @Inject
    OutboxRelay relay;

    @Inject
    FeedbackConfig config;

    static UpstreamEvents.Case answeredCase(String region, Instant answeredAt) {
        return answeredCase(region, answeredAt, "app");
    }

    static UpstreamEvents.Case answeredCase(String region, Instant answeredAt, String channel) {
        UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-" + UUID.randomUUID().toString().substring(0, 8),
                region, region + "-health", "health", channel);
        events.submitted(c, answeredAt.minus(3, ChronoUnit.HOURS));
        events.assigned(c, answeredAt.minus(2, ChronoUnit.HOURS));
        events.signed(c, answeredAt.minus(1, ChronoUnit.HOURS));
        events.answered(c, answeredAt);
        events.flush();
        return c;
    }

    static void awaitOpenRound(UpstreamEvents.Case c, int round) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                        .then().statusCode(200).body("openRound", equalTo(round)));
    }

    static ValidatableResponse rate(UpstreamEvents.Case c, String satisfaction, String solved) {
        return given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", satisfaction, "solved", solved))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then();
    }

    static JsonNode satisfaction(String region, String from, String to) throws Exception {
        String body = given().queryParam("region", region).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/stats/satisfaction").then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(body);
    }

    static String today() {
        return ChinaTime.of(Instant.now()).toLocalDate().toString();
    }

    /** The day before today in China: a window from it holds events of the last hour even just after midnight. */
    static String yesterday() {
        return ChinaTime.of(Instant.now()).toLocalDate().minusDays(1).toString();
    }

    @Test
    void answeredCaseIsRatedOnceAndCountedAndUnsatisfiedOpensASecondRound() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        UpstreamEvents.Case c = answeredCase(region, now.minus(1, ChronoUnit.MINUTES));
        awaitOpenRound(c, 1);
        try (TopicReader feedback = TopicReader.fromNow(UpstreamEvents.bootstrap(), "minhu.feedback.events")) {
            rate(c, "UNSATISFIED", "NOT_SOLVED").statusCode(201)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/petitions/" + c.petitionId + "/feedback"))
                    .body("round", equalTo(1)).body("channel", equalTo("app")).body("reopensCase", equalTo(true));
            List<ConsumerRecord<String, String>> recorded = feedback.await(r -> c.petitionId.toString().equals(r.key()), 1,
                    Duration.ofSeconds(20));
            JsonNode event = json.readTree(recorded.get(0).value());
            assertThat(event.path("type").asText()).isEqualTo("org.minhu.feedback.recorded");
            assertThat(event.path("source").asText()).isEqualTo("/minhu/feedback-service");
            assertThat(event.path("data").path("round").asInt()).isEqualTo(1);
            assertThat(event.path("data").path("satisfaction").asText()).isEqualTo("UNSATISFIED");
            assertThat(event.path("data").path("solved").asText()).isEqualTo("NOT_SOLVED");
            assertThat(event.path("data").has("comment")).isFalse();
            assertThat(TopicReader.header(recorded.get(0), "content-type")).startsWith("application/cloudevents+json");
        }
        // the same round again: refused, and nothing more is counted
        rate(c, "SATISFIED", "SOLVED").statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("already rated"));

        // 重办: assignment-service reopens, the unit answers again, a second round opens
        events.reopened(c, now.minus(30, ChronoUnit.SECONDS));
        events.answered(c, now.minus(10, ChronoUnit.SECONDS));
        events.flush();
        awaitOpenRound(c, 2);
        rate(c, "BASICALLY_SATISFIED", "SOLVED").statusCode(201).body("round", equalTo(2)).body("reopensCase", equalTo(false));

        JsonNode stats = satisfaction(region, yesterday(), today()).path("total");
        assertThat(stats.path("unsatisfied").asLong()).isEqualTo(1);
        assertThat(stats.path("basicallySatisfied").asLong()).isEqualTo(1);
        assertThat(stats.path("rated").asLong()).isEqualTo(2);
        assertThat(stats.path("satisfactionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(stats.path("solved").asLong()).isEqualTo(1);
        assertThat(stats.path("notSolved").asLong()).isEqualTo(1);
        assertThat(stats.path("reReviewed").asLong()).isEqualTo(1);
        assertThat(stats.path("closedAfterReReview").asLong()).isEqualTo(1);

        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId).then()
                .statusCode(200).body("openRound", nullValue())
                .body("rounds.size()", equalTo(2))
                .body("rounds[0].status", equalTo("RATED")).body("rounds[0].reopened", equalTo(true))
                .body("rounds[0].rating.satisfaction", equalTo("UNSATISFIED"))
                .body("rounds[1].rating.satisfaction", equalTo("BASICALLY_SATISFIED"));
    }

    @Test
    void strangersUnitsAndOtherRegionsHotlinesCannotRateButTheRegionsHotlineCan() {
        String region = UpstreamEvents.freshRegion();
        UpstreamEvents.Case c = answeredCase(region, Instant.now().minus(1, ChronoUnit.MINUTES));
        awaitOpenRound(c, 1);
        Map<String, String> body = Map.of("satisfaction", "SATISFIED", "solved", "SOLVED");
        given().auth().oauth2(Tokens.citizen("citizen-stranger")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen("citizen-stranger")).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.staff(region + "-health")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/petitions/{id}/feedback", c.petitionId)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.governance("500108-gc", "hotline-7")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(404);
        // a citizen may not claim a hotline call-back
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", "SATISFIED", "solved", "SOLVED", "channel", "hotline"))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(422)
                .body("errors[0].field", equalTo("channel"));

        // the petition came in by app: the round is the petitioner's own until they accept a call-back
        Map<String, String> callBack = Map.of("satisfaction", "SATISFIED", "solved", "PARTLY_SOLVED", "comment", "电话回访，群众表示满意");
        given().auth().oauth2(Tokens.governance(region + "-gc", "hotline-7")).contentType(ContentType.JSON)
                .body(callBack).post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("themselves"));
        awaitOpenRound(c, 1);
        given().auth().oauth2(Tokens.governance(region + "-gc", "hotline-7")).post("/api/v1/petitions/{id}/feedback/call-back", c.petitionId)
                .then().statusCode(403);
        String accepted = given().auth().oauth2(Tokens.citizen(c.petitioner)).post("/api/v1/petitions/{id}/feedback/call-back", c.petitionId)
                .then().statusCode(200).body("round", equalTo(1)).extract().path("acceptedAt");
        assertThat(accepted).isNotBlank();
        given().auth().oauth2(Tokens.citizen(c.petitioner)).post("/api/v1/petitions/{id}/feedback/call-back", c.petitionId)
                .then().statusCode(200).body("acceptedAt", equalTo(accepted));
        given().auth().oauth2(Tokens.citizen("citizen-stranger")).post("/api/v1/petitions/{id}/feedback/call-back", c.petitionId)
                .then().statusCode(404);

        given().auth().oauth2(Tokens.governance(region + "-gc", "hotline-7")).contentType(ContentType.JSON)
                .body(callBack).post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(201)
                .body("channel", equalTo("hotline")).body("recordedBy", equalTo("hotline-7"))
                .body("callBack", equalTo(true)).body("callBackBasis", equalTo("citizen-accepted"));
        // the petitioner sees the hotline's call-back as the rating of the round, and cannot rate it twice
        rate(c, "UNSATISFIED", "NOT_SOLVED").statusCode(409);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId).then()
                .statusCode(200).body("rounds[0].callBackAcceptedAt", equalTo(accepted))
                .body("rounds[0].rating.callBack", equalTo(true)).body("rounds[0].rating.callBackBasis", equalTo("citizen-accepted"))
                // the petitioner sees who called them by role only, never a staff member's login
                .body("rounds[0].rating.recordedBy", equalTo("GOVERNANCE_CENTRE_HOTLINE"));
        given().auth().oauth2(Tokens.governance(region + "-gc", "hotline-8")).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                .then().statusCode(200).body("rounds[0].rating.recordedBy", equalTo("hotline-7"));
    }

    @Test
    void theCitizensOwnRatingWinsAndOnlyHotlinePetitionsAreCalledBackWithoutConsent() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Map<String, String> body = Map.of("satisfaction", "SATISFIED", "solved", "SOLVED");
        // filed in the app: the centre's hotline cannot rate it for the citizen, the citizen's own rating counts
        UpstreamEvents.Case app = answeredCase(region, Instant.now().minus(2, ChronoUnit.MINUTES));
        // filed by telephone (12345): the centre's call-back is how it is rated
        UpstreamEvents.Case hotline = answeredCase(region, Instant.now().minus(1, ChronoUnit.MINUTES), "hotline");
        awaitOpenRound(app, 1);
        awaitOpenRound(hotline, 1);
        given().auth().oauth2(Tokens.governance("city-gc", "hotline-city")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/petitions/{id}/feedback", app.petitionId).then().statusCode(409);
        rate(app, "UNSATISFIED", "PARTLY_SOLVED").statusCode(201).body("callBack", equalTo(false))
                .body("callBackBasis", nullValue());
        given().auth().oauth2(Tokens.governance("city-gc", "hotline-city")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/petitions/{id}/feedback", app.petitionId).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("already rated"));

        given().auth().oauth2(Tokens.governance(region + "-gc", "hotline-9")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/petitions/{id}/feedback", hotline.petitionId).then().statusCode(201)
                .body("channel", equalTo("hotline")).body("callBack", equalTo(true))
                .body("callBackBasis", equalTo("hotline-petition"));

        JsonNode total = satisfaction(region, yesterday(), today()).path("total");
        assertThat(total.path("unsatisfied").asLong()).as("the citizen's own rating stands").isEqualTo(1);
        assertThat(total.path("satisfied").asLong()).isEqualTo(1);
        String lines = given().queryParam("region", region).queryParam("from", yesterday()).queryParam("to", today())
                .queryParam("format", "ndjson").get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        List<JsonNode> rated = lines.lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(rated).extracting(l -> l.path("ratingChannel").asText()).containsExactlyInAnyOrder("app", "hotline");
        // each line says whether its rating was a call-back, and why staff could record it
        assertThat(rated).extracting(l -> l.path("ratingChannel").asText() + "/" + l.path("callBack").asText(""))
                .containsExactlyInAnyOrder("app/", "hotline/hotline-petition");
    }

    @Test
    void invalidRatingsAreRefusedWithTheFieldNamed() {
        UpstreamEvents.Case c = answeredCase(UpstreamEvents.freshRegion(), Instant.now().minus(1, ChronoUnit.MINUTES));
        awaitOpenRound(c, 1);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON).body(Map.of("solved", "SOLVED"))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("satisfaction"));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", "SATISFIED", "solved", "SOLVED", "comment", "好".repeat(1001)))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", "HAPPY", "solved", "SOLVED"))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .body("errors[0].field", equalTo("satisfaction"));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body(Map.of("satisfaction", "SATISFIED", "solved", "SOLVED", "status", "CLOSED"))
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400);
        // not an id: unknown (404) or named as malformed (400), never recorded
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", "not-a-uuid")
                .then().statusCode(org.hamcrest.Matchers.oneOf(400, 404));
        // nothing of the above was recorded: the round is still open
        awaitOpenRound(c, 1);
    }

    @Test
    void notAnsweredYetOrWindowClosedIsRefusedAndExpiryCountsNotRatedSeparately() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        UpstreamEvents.Case pending = new UpstreamEvents.Case("citizen-pending", region, region + "-health", "health", "web");
        events.submitted(pending, now.minus(1, ChronoUnit.HOURS));
        events.assigned(pending, now.minus(1, ChronoUnit.HOURS));
        // answered eight days ago: its seven-day window closed yesterday
        UpstreamEvents.Case late = answeredCase(region, now.minus(8, ChronoUnit.DAYS));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(late.petitioner)).get("/api/v1/petitions/{id}/feedback", late.petitionId)
                        .then().statusCode(200).body("rounds.size()", equalTo(1)).body("rounds[0].status", equalTo("NOT_RATED")));
        rate(late, "SATISFIED", "SOLVED").statusCode(409).body("detail", org.hamcrest.Matchers.containsString("window"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(pending.petitioner)).get("/api/v1/petitions/{id}/feedback", pending.petitionId)
                        .then().statusCode(200));
        rate(pending, "SATISFIED", "SOLVED").statusCode(409).body("detail", org.hamcrest.Matchers.containsString("not been answered"));

        expiry.closeExpired(Instant.now());
        String answeredDay = ChinaTime.of(now.minus(8, ChronoUnit.DAYS)).toLocalDate().toString();
        JsonNode total = satisfaction(region, answeredDay, today()).path("total");
        assertThat(total.path("notRated").asLong()).isEqualTo(1);
        assertThat(total.path("rated").asLong()).isZero();
        assertThat(total.path("satisfied").asLong()).isZero();
        assertThat(total.path("satisfactionRate").isNull()).as("no rating: a null rate, not 0%% and not NaN").isTrue();
        expiry.closeExpired(Instant.now());
        assertThat(satisfaction(region, answeredDay, today()).path("total").path("notRated").asLong())
                .as("a second pass counts nothing again").isEqualTo(1);
    }

    @Test
    void numbersAreNoRatingAndNulIsNoComment() {
        UpstreamEvents.Case c = answeredCase(UpstreamEvents.freshRegion(), Instant.now().minus(1, ChronoUnit.MINUTES));
        awaitOpenRound(c, 1);
        // Jackson read 0 as an enum's first constant: SATISFIED / SOLVED
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body("{\"satisfaction\": 0, \"solved\": 0}")
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("satisfaction"))
                .body("errors[0].reason", org.hamcrest.Matchers.startsWith("must be one of"));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body("{\"satisfaction\": \"SATISFIED\", \"solved\": \"SOLVED\", \"comment\": \"ok\\u0000\"}")
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("comment"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("NUL"));
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                .body("{\"satisfaction\": \"SATISFIED\", \"satisfaction\": \"UNSATISFIED\", \"solved\": \"SOLVED\"}")
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(400)
                .body("errors[0].field", equalTo("satisfaction"));
        // nothing of the above was recorded: the round is still open
        rate(c, "SATISFIED", "SOLVED").statusCode(201);
    }

    /** Events of {@code type} for these petitions in this service's outbox: [petition id, rows, rows not yet published]. */
    @SuppressWarnings("unchecked")
    static List<Object[]> outboxRows(String type, Set<String> petitionIds) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                        "SELECT message_key, count(*), count(*) FILTER (WHERE published_at IS NULL) FROM outbox_event "
                                + "WHERE event_type = :type AND message_key IN (:keys) GROUP BY message_key")
                .setParameter("type", type).setParameter("keys", petitionIds).getResultList());
    }

    static long unpublished(Set<String> petitionIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND message_key IN (:keys)")
                .setParameter("keys", petitionIds).getSingleResult()).longValue());
    }

    @Test
    void twoReplicasOfTheExpiryJobAtOnceCloseEachExpiredRoundOnceWithOneEventEach() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        // windows closing ten minutes from now: the job's own schedule (real time) leaves them alone, and the two
        // replicas below run as if it were eleven minutes later, when every one of them has expired
        Instant answered = now.minus(config.ratingWindow()).plus(10, ChronoUnit.MINUTES);
        Instant later = now.plus(11, ChronoUnit.MINUTES);
        Set<String> petitions = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            petitions.add(answeredCase(region, answered.plusMillis(i)).petitionId.toString());
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Map.of("OPEN", 40L).equals(roundsOf(region)));

        try (TopicReader reader = TopicReader.fromNow(UpstreamEvents.bootstrap(), Topics.FEEDBACK_EVENTS)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Callable<Integer> replica = () -> {
                    go.await();
                    return expiry.closeExpired(later);
                };
                List<Future<Integer>> replicas = List.of(pool.submit(replica), pool.submit(replica));
                go.countDown();
                for (Future<Integer> f : replicas) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            // one more pass after both, as the next scheduled run would be: finds nothing of these left to close
            expiry.closeExpired(later);

            assertThat(roundsOf(region)).as("every round closed").containsExactly(Map.entry("NOT_RATED", 40L));
            List<Object[]> outbox = outboxRows(FeedbackEvents.NOT_RATED, petitions);
            assertThat(outbox).hasSize(40);
            assertThat(outbox).allSatisfy(row -> assertThat(((Number) row[1]).longValue())
                    .as("not-rated events written for petition %s", row[0]).isEqualTo(1));
            String from = ChinaTime.of(answered).toLocalDate().toString();
            String to = ChinaTime.of(answered.plusMillis(40)).toLocalDate().toString();
            assertThat(satisfaction(region, from, to).path("total").path("notRated").asLong())
                    .as("each round counted once as not rated").isEqualTo(40);

            // on Kafka: one not-rated event per round, and nothing more once the relay has sent everything
            reader.await(r -> petitions.contains(r.key()) && r.value().contains(FeedbackEvents.NOT_RATED), 40, Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(petitions) == 0);
            List<ConsumerRecord<String, String>> notRated = reader.readToEnd(
                    r -> petitions.contains(r.key()) && r.value().contains(FeedbackEvents.NOT_RATED), Duration.ofSeconds(30));
            assertThat(notRated).hasSize(40);
            assertThat(notRated.stream().map(ConsumerRecord::key).distinct()).hasSize(40);
        }
    }

    /** How the region's rounds stand: outcome → rounds. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> roundsOf(String region) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                        "SELECT outcome, count(*) FROM answer_round WHERE region_code = ?1 GROUP BY outcome")
                .setParameter(1, region).getResultList());
        Map<String, Long> out = new java.util.TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        return out;
    }

    @Test
    void aRatingIsAcceptedWhileKafkaIsDownAndItsEventIsPublishedOnceWhenKafkaIsBack() throws Exception {
        UpstreamEvents.Case c = answeredCase(UpstreamEvents.freshRegion(), Instant.now().minus(1, ChronoUnit.MINUTES));
        awaitOpenRound(c, 1);
        String petition = c.petitionId.toString();
        Set<String> key = Set.of(petition);
        // what the answer wrote (its round-opened event) has gone out: the relay knows the topic, as in a running service
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(key) == 0);

        EmbeddedKafkaBroker kafka = EmbeddedInfra.shared().kafka();
        try (TopicReader reader = TopicReader.fromNow(UpstreamEvents.bootstrap(), Topics.FEEDBACK_EVENTS)) {
            kafka.stop();
            try {
                long failuresBefore = relay.failureCount();
                long start = System.nanoTime();
                rate(c, "BASICALLY_SATISFIED", "SOLVED").statusCode(201).body("round", equalTo(1));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("rating does not wait for Kafka")
                        .isLessThan(Duration.ofSeconds(5));
                // Kafka stays away until the relay has given up on an attempt, so the event goes out through a retry
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> relay.failureCount() > failuresBefore);
                List<Object[]> waiting = outboxRows(FeedbackEvents.RECORDED, key);
                assertThat(waiting).hasSize(1);
                assertThat(((Number) waiting.get(0)[1]).longValue()).isEqualTo(1);
                assertThat(((Number) waiting.get(0)[2]).longValue()).as("the event waits in the outbox").isEqualTo(1);
                given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                        .then().statusCode(200).body("rounds[0].status", equalTo("RATED"));
            } finally {
                kafka.start();
            }
            List<ConsumerRecord<String, String>> recorded = reader.await(
                    r -> petition.equals(r.key()) && r.value().contains(FeedbackEvents.RECORDED), 1, Duration.ofSeconds(90));
            assertThat(recorded).hasSize(1);
            // once the relay has marked it sent, everything on the topic up to now holds it once
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(key) == 0);
            recorded = reader.readToEnd(r -> petition.equals(r.key()) && r.value().contains(FeedbackEvents.RECORDED),
                    Duration.ofSeconds(30));
            assertThat(recorded).hasSize(1);
            String eventId = QuarkusTransaction.requiringNew().call(() -> (String) Panache.getEntityManager().createNativeQuery(
                            "SELECT CAST(event_id AS text) FROM outbox_event WHERE event_type = ?1 AND message_key = ?2", String.class)
                    .setParameter(1, FeedbackEvents.RECORDED).setParameter(2, petition).getSingleResult());
            JsonNode event = json.readTree(recorded.get(0).value());
            assertThat(event.path("id").asText()).isEqualTo(eventId);
            assertThat(event.path("data").path("satisfaction").asText()).isEqualTo("BASICALLY_SATISFIED");
        }
    }
}
