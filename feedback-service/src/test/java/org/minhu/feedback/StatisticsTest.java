package org.minhu.feedback;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.rating.RatingExpiryJob;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class StatisticsTest {

    static final List<String> TOPICS = List.of(UpstreamEvents.PETITIONS, UpstreamEvents.CASES);

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    final ObjectMapper json = new ObjectMapper();

    @Inject
    RatingExpiryJob expiry;

    @Test
    void aKnownDistributionGives928PerMilleAndTheExportRecomputesEveryCountAndDuplicatesChangeNothing() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Random random = new Random(42);
        Instant now = Instant.now();
        // 500 rated answers: 350 satisfied + 114 basically satisfied + 36 unsatisfied = 92.8%
        List<String> satisfaction = new ArrayList<>();
        satisfaction.addAll(Collections.nCopies(350, "SATISFIED"));
        satisfaction.addAll(Collections.nCopies(114, "BASICALLY_SATISFIED"));
        satisfaction.addAll(Collections.nCopies(36, "UNSATISFIED"));
        List<String> solved = new ArrayList<>();
        solved.addAll(Collections.nCopies(405, "SOLVED"));
        solved.addAll(Collections.nCopies(65, "PARTLY_SOLVED"));
        solved.addAll(Collections.nCopies(30, "NOT_SOLVED"));
        Collections.shuffle(satisfaction, random);
        Collections.shuffle(solved, random);
        String[] units = {region + "-health", region + "-transport"};
        String[] channels = {"app", "web", "hotline", "mini-program"};
        List<UpstreamEvents.Case> rated = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int u = random.nextInt(2);
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-" + i, region, units[u],
                    u == 0 ? "health" : "traffic-parking", channels[random.nextInt(channels.length)]);
            Instant answered = now.minus(random.nextInt(5 * 24 * 60) + 1, ChronoUnit.MINUTES);
            lifeUntilAnswer(c, answered, random.nextInt(10) == 0);
            rated.add(c);
        }
        // 50 answers whose window closed unrated: counted apart, never as satisfied
        for (int i = 0; i < 50; i++) {
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-late-" + i, region, units[0], "health", "app");
            lifeUntilAnswer(c, now.minus(8, ChronoUnit.DAYS).minus(i, ChronoUnit.MINUTES), false);
        }
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", TOPICS);

        for (int i = 0; i < rated.size(); i++) {
            UpstreamEvents.Case c = rated.get(i);
            given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                    .body(Map.of("satisfaction", satisfaction.get(i), "solved", solved.get(i)))
                    .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(201);
        }
        expiry.closeExpired(Instant.now());

        String from = ChinaTime.of(now.minus(9, ChronoUnit.DAYS)).toLocalDate().toString();
        String to = ChinaTime.of(Instant.now()).toLocalDate().toString();
        JsonNode stats = get("/api/v1/stats/satisfaction", region, from, to, "unit");
        JsonNode total = stats.path("total");
        assertThat(total.path("satisfied").asLong()).isEqualTo(350);
        assertThat(total.path("basicallySatisfied").asLong()).isEqualTo(114);
        assertThat(total.path("unsatisfied").asLong()).isEqualTo(36);
        assertThat(total.path("rated").asLong()).isEqualTo(500);
        assertThat(total.path("notRated").asLong()).isEqualTo(50);
        assertThat(total.path("satisfactionRate").decimalValue()).isEqualByComparingTo("0.928");
        assertThat(total.path("solved").asLong()).isEqualTo(405);
        assertThat(total.path("resolutionRate").decimalValue()).isEqualByComparingTo("0.81");
        assertThat(stats.path("formulas").findValuesAsText("id")).contains("satisfaction-rate", "resolution-rate");
        assertThat(stats.path("formulas").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(stats.path("window").path("region").asText()).isEqualTo(region);
        long groupRated = 0;
        for (JsonNode g : stats.path("groups")) {
            groupRated += g.path("rated").asLong();
        }
        assertThat(stats.path("groups")).hasSize(2);
        assertThat(groupRated).isEqualTo(500);
        // the same window read from the region projection (no grouping) and from the full tables (grouped by unit)
        assertThat(get("/api/v1/stats/satisfaction", region, from, to, null).path("total")).isEqualTo(total);
        assertThat(get("/api/v1/stats/satisfaction", region, from, to, "channel").path("total")).isEqualTo(total);

        // the export: one line per answer round, from which the same figures come out
        String ndjson = given().queryParam("region", region).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/stats/records").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract().asString();
        Map<String, Integer> fromExport = new HashMap<>();
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(550);
        for (String line : lines) {
            JsonNode r = json.readTree(line);
            assertThat(r.has("petitionerId") || r.has("comment") || r.has("recordedBy")).isFalse();
            fromExport.merge(r.path("outcome").asText(), 1, Integer::sum);
            if (!r.path("satisfaction").isNull()) {
                fromExport.merge(r.path("satisfaction").asText(), 1, Integer::sum);
                fromExport.merge(r.path("solved").asText(), 1, Integer::sum);
            }
        }
        assertThat(fromExport).containsEntry("SATISFIED", 350).containsEntry("BASICALLY_SATISFIED", 114)
                .containsEntry("UNSATISFIED", 36).containsEntry("RATED", 500).containsEntry("NOT_RATED", 50)
                .containsEntry("SOLVED", 405);
        String csv = given().queryParam("region", region).queryParam("from", from).queryParam("to", to)
                .queryParam("format", "csv").get("/api/v1/stats/records").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        String[] rows = csv.split("\r\n");
        List<String> header = List.of(rows[0].split(","));
        int satisfactionColumn = header.indexOf("satisfaction");
        int onTimeColumn = header.indexOf("answeredOnTime");
        long satisfiedEnough = 0;
        long ratedInCsv = 0;
        long onTime = 0;
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(",", -1);
            String s = cells[satisfactionColumn];
            if (!s.isEmpty()) {
                ratedInCsv++;
                satisfiedEnough += s.equals("UNSATISFIED") ? 0 : 1;
            }
            onTime += "true".equals(cells[onTimeColumn]) ? 1 : 0;
        }
        assertThat(rows).hasSize(551);
        assertThat(satisfiedEnough * 1000 / ratedInCsv).as("per mille from the CSV").isEqualTo(928);

        JsonNode handling = get("/api/v1/stats/handling", region, from, to, null).path("total");
        assertThat(handling.path("dispatched").asLong()).isEqualTo(550);
        assertThat(handling.path("answered").asLong()).isEqualTo(550);
        assertThat(handling.path("answeredOnTime").asLong()).isEqualTo(onTime);
        assertThat(handling.path("returned").asLong()).isEqualTo(handling.path("assignments").asLong() - 550);
        assertThat(handling.path("averageHops").decimalValue()).isEqualByComparingTo(
                java.math.BigDecimal.valueOf(handling.path("assignments").asLong())
                        .divide(java.math.BigDecimal.valueOf(550), 6, java.math.RoundingMode.HALF_EVEN));

        // every event delivered again (same ids, as after a consumer crash): no count changes
        List<UpstreamEvents.Sent> once = List.copyOf(events.sent);
        once.forEach(s -> events.raw(s.topic(), s.key(), s.value()));
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", TOPICS);
        assertThat(get("/api/v1/stats/satisfaction", region, from, to, "unit")).isEqualTo(stats);
        assertThat(get("/api/v1/stats/handling", region, from, to, null).path("total")).isEqualTo(handling);
    }

    @Test
    void thePublicExportNamesNoPetitionAndNeutralisesFormulas() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        // a unit id a spreadsheet would run as a formula (the export writes whatever codes the events carried)
        UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-export", region, "=1+2", "health", "app");
        lifeUntilAnswer(c, now.minus(3, ChronoUnit.HOURS), false);
        events.reopened(c, now.minus(2, ChronoUnit.HOURS));
        events.answered(c, now.minus(1, ChronoUnit.HOURS));
        UpstreamEvents.Case other = new UpstreamEvents.Case("citizen-export-2", region, "@SUM(A1)", "health", "app");
        lifeUntilAnswer(other, now.minus(90, ChronoUnit.MINUTES), false);
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", TOPICS);
        String day = ChinaTime.of(Instant.now()).toLocalDate().toString();
        String from = ChinaTime.of(now.minus(1, ChronoUnit.DAYS)).toLocalDate().toString();

        String first = given().queryParam("region", region).queryParam("from", from).queryParam("to", day)
                .get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        String second = given().queryParam("region", region).queryParam("from", from).queryParam("to", day)
                .get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        // neither the petition id nor a tracking number: nobody can look up one citizen's rating
        assertThat(first).doesNotContain(c.petitionId.toString()).doesNotContain(other.petitionId.toString())
                .doesNotContain("CQ-").doesNotContain("trackingNumber").doesNotContain("petitionId");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : first.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(3);
        // the two rounds of the reopened petition share their pseudonym within the export, the other petition has its own
        Map<String, List<Integer>> rounds = new HashMap<>();
        lines.forEach(l -> rounds.computeIfAbsent(l.path("petition").asText(), k -> new ArrayList<>()).add(l.path("round").asInt()));
        assertThat(rounds).hasSize(2).containsValue(List.of(1, 2)).containsValue(List.of(1));
        assertThat(rounds.keySet()).allMatch(k -> k.matches("[0-9a-f]{16}"));
        // another export: other pseudonyms, so two exports cannot be joined
        List<String> again = new ArrayList<>();
        for (String line : second.split("\n")) {
            again.add(json.readTree(line).path("petition").asText());
        }
        assertThat(again).doesNotContainAnyElementsOf(rounds.keySet());

        String csv = given().queryParam("region", region).queryParam("from", from).queryParam("to", day)
                .queryParam("format", "csv").get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")[0]).startsWith("petition,round,");
        assertThat(csv).contains(",'=1+2,").contains(",'@SUM(A1),").doesNotContain(",=1+2,").doesNotContain(",@SUM(A1),");
    }

    /** submitted → assigned (sometimes returned and re-dispatched) → signed → answered. */
    private static void lifeUntilAnswer(UpstreamEvents.Case c, Instant answered, boolean bounced) {
        Instant start = answered.minus(6, ChronoUnit.HOURS);
        events.submitted(c, start);
        events.assigned(c, start.plus(1, ChronoUnit.MINUTES));
        if (bounced) {
            events.returned(c, start.plus(30, ChronoUnit.MINUTES));
            events.caseEvent(c, "assigned", "ASSIGNED", start.plus(40, ChronoUnit.MINUTES), Map.of("action", "redispatch"));
        }
        events.signed(c, start.plus(1, ChronoUnit.HOURS));
        events.answered(c, answered);
    }

    private JsonNode get(String path, String region, String from, String to, String groupBy) throws Exception {
        var request = given().queryParam("region", region).queryParam("from", from).queryParam("to", to);
        if (groupBy != null) {
            request = request.queryParam("groupBy", groupBy);
        }
        return json.readTree(request.get(path).then().statusCode(200).extract().asString());
    }

    @Test
    void requestsClosedWithoutAnAnswerAreCountedApartAndThoseClosedBeforeSigningLeftOutOfTheResponseRate() throws Exception {
        String region = UpstreamEvents.freshRegion();
        String unit = region + "-health";
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS);
        UpstreamEvents.Case signedInTime = new UpstreamEvents.Case("citizen-a", region, unit, "health", "app");
        UpstreamEvents.Case withdrawnWaiting = new UpstreamEvents.Case("citizen-b", region, unit, "health", "app");
        UpstreamEvents.Case withdrawnAfterReturn = new UpstreamEvents.Case("citizen-c", region, unit, "health", "app");
        for (UpstreamEvents.Case c : List.of(signedInTime, withdrawnWaiting, withdrawnAfterReturn)) {
            events.submitted(c, start);
            events.assigned(c, start.plus(1, ChronoUnit.MINUTES));
        }
        events.signed(signedInTime, start.plus(10, ChronoUnit.MINUTES));
        events.withdrawn(withdrawnWaiting, start.plus(20, ChronoUnit.MINUTES), "ASSIGNED");
        events.returned(withdrawnAfterReturn, start.plus(30, ChronoUnit.MINUTES));
        events.withdrawn(withdrawnAfterReturn, start.plus(40, ChronoUnit.MINUTES), "RETURNED");
        // refused while waiting to be signed, handed off once signed
        UpstreamEvents.Case refused = new UpstreamEvents.Case("citizen-d", region, unit, "health", "app");
        UpstreamEvents.Case handedOff = new UpstreamEvents.Case("citizen-e", region, unit, "health", "app");
        for (UpstreamEvents.Case c : List.of(refused, handedOff)) {
            events.submitted(c, start);
            events.assigned(c, start.plus(1, ChronoUnit.MINUTES));
        }
        events.caseEvent(refused, "refused", "REFUSED", start.plus(50, ChronoUnit.MINUTES), Map.of("action", "refuse",
                "actor", region + "-gc", "reasonCode", "NO_SUBSTANCE", "route", "NONE", "previousStatus", "ASSIGNED"));
        events.signed(handedOff, start.plus(55, ChronoUnit.MINUTES));
        events.caseEvent(handedOff, "handed-off", "HANDED_OFF", start.plus(60, ChronoUnit.MINUTES), Map.of("action", "hand-off",
                "actor", region + "-gc", "reasonCode", "FIRE_119", "previousStatus", "SIGNED"));
        events.flush();
        String today = java.time.LocalDate.now(ChinaTime.ZONE).toString();
        String from = java.time.LocalDate.now(ChinaTime.ZONE).minusDays(1).toString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/stats/handling", region, from, today, null).path("total").path("handedOff").asLong() == 1
                        && get("/api/v1/stats/handling", region, from, today, null).path("total").path("withdrawn").asLong() == 2);

        JsonNode handling = get("/api/v1/stats/handling", region, from, today, null);
        JsonNode total = handling.path("total");
        assertThat(total.path("assignments").asLong()).isEqualTo(5);
        assertThat(total.path("signedWithinLimit").asLong()).isEqualTo(2);
        assertThat(total.path("returned").asLong()).isEqualTo(1);
        assertThat(total.path("refused").asLong()).isEqualTo(1);
        assertThat(total.path("handedOff").asLong()).isEqualTo(1);
        // withdrawn and refused while waiting to be signed; the hand-off came after signing
        assertThat(total.path("closedBeforeSigning").asLong()).isEqualTo(2);
        // version 2: 2 signed in time of the 3 assignments a unit could sign (version 1 would say 2 of 5)
        assertThat(total.path("responseRate").decimalValue()).isEqualByComparingTo("0.666667");
        assertThat(total.path("returnRate").decimalValue()).isEqualByComparingTo("0.333333");
        assertThat(handling.path("formulas").findValuesAsText("id")).contains("response-rate", "return-rate");
        handling.path("formulas").forEach(f -> {
            if (List.of("response-rate", "return-rate").contains(f.path("id").asText())) {
                assertThat(f.path("version").asInt()).as(f.path("id").asText()).isEqualTo(2);
            }
        });
        // never answered, never rated: nothing in the satisfaction figures
        JsonNode satisfaction = get("/api/v1/stats/satisfaction", region, from, today, null).path("total");
        assertThat(satisfaction.path("rated").asLong() + satisfaction.path("notRated").asLong()).isZero();
    }

    @Test
    void anEmptyWindowAnswersZerosAndANullRate() {
        given().queryParam("region", "NOWHERE").queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .queryParam("groupBy", "month")
                .get("/api/v1/stats/satisfaction").then().statusCode(200)
                .body("total.rated", equalTo(0)).body("total.notRated", equalTo(0))
                .body("total.satisfactionRate", org.hamcrest.Matchers.nullValue())
                .body("total.resolutionRate", org.hamcrest.Matchers.nullValue())
                .body("groups.size()", equalTo(0))
                .body("window.from", equalTo("2025-01-01")).body("window.timeZone", equalTo("Asia/Shanghai"));
        given().queryParam("region", "NOWHERE").get("/api/v1/stats/handling").then().statusCode(200)
                .body("total.assignments", equalTo(0)).body("total.responseRate", org.hamcrest.Matchers.nullValue())
                .body("total.averageHops", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void badParametersAreNamedInAProblem() {
        given().queryParam("from", "2026-13-01").get("/api/v1/stats/satisfaction").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().queryParam("from", "2026-06-01").queryParam("to", "2026-01-01").get("/api/v1/stats/handling")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("groupBy", "weather").get("/api/v1/stats/satisfaction").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
        given().queryParam("region", "x' or 1=1 --").get("/api/v1/stats/satisfaction").then().statusCode(400)
                .body("errors[0].field", equalTo("region"));
        given().queryParam("format", "xlsx").get("/api/v1/stats/records").then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
        // a well-formed code that is no channel: refused like other unknown filter values, not an empty answer
        given().queryParam("channel", "telegram").get("/api/v1/stats/satisfaction").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("channel"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("mini-program"));
        given().queryParam("channel", "telegram").get("/api/v1/stats/records").then().statusCode(400)
                .body("errors[0].field", equalTo("channel"));
        given().queryParam("channel", "mini-program").get("/api/v1/stats/satisfaction").then().statusCode(200);
    }

    private static void rate(UpstreamEvents.Case c, String satisfaction, String solved, String channel) {
        Map<String, String> body = new HashMap<>(Map.of("satisfaction", satisfaction, "solved", solved));
        if (channel != null) {
            body.put("channel", channel);
        }
        given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(201);
    }

    private static void awaitRounds(UpstreamEvents.Case c, int rounds) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                        .then().statusCode(200).body("rounds.size()", equalTo(rounds)));
    }

    private static Instant chinaTime(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ChinaTime.ZONE).toInstant();
    }

    /** The satisfaction counts of the API's answer that a recount can be compared with. */
    private static Map<String, Long> counts(JsonNode total) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String f : List.of("satisfied", "basicallySatisfied", "unsatisfied", "rated", "notRated", "solved", "partlySolved",
                "notSolved", "reReviewed", "closedAfterReReview")) {
            out.put(f, total.path(f).asLong());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> sqlCounts(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = Panache.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            Object[] row = (Object[]) q.getSingleResult();
            List<String> names = List.of("satisfied", "basicallySatisfied", "unsatisfied", "rated", "notRated", "solved",
                    "partlySolved", "notSolved", "reReviewed", "closedAfterReReview");
            Map<String, Long> out = new java.util.TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), row[i] == null ? 0L : ((Number) row[i]).longValue());
            }
            return out;
        });
    }

    @Test
    void aWindowOfWholeMonthsIsReadFromTheMonthTablesAndEqualsTheRatingsBehindIt() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        // 12 answers rated now (a rating needs an open window, so they are recent), known distribution
        String[][] ratings = {{"SATISFIED", "SOLVED"}, {"SATISFIED", "SOLVED"}, {"SATISFIED", "SOLVED"}, {"SATISFIED", "SOLVED"},
                {"SATISFIED", "PARTLY_SOLVED"}, {"SATISFIED", "PARTLY_SOLVED"}, {"BASICALLY_SATISFIED", "SOLVED"},
                {"BASICALLY_SATISFIED", "SOLVED"}, {"BASICALLY_SATISFIED", "PARTLY_SOLVED"}, {"UNSATISFIED", "SOLVED"},
                {"UNSATISFIED", "NOT_SOLVED"}, {"UNSATISFIED", "NOT_SOLVED"}};
        List<UpstreamEvents.Case> recent = new ArrayList<>();
        List<Instant> answeredAt = new ArrayList<>();
        for (int i = 0; i < ratings.length; i++) {
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-month-" + i, region, region + "-health", "health", "app");
            Instant answered = now.minus(2, ChronoUnit.MINUTES).minus(i, ChronoUnit.SECONDS);
            lifeUntilAnswer(c, answered, false);
            recent.add(c);
            answeredAt.add(answered);
        }
        // whole months: from the first day of the month before the earliest of them to the last of the latest one's
        YearMonth last = YearMonth.from(ChinaTime.of(answeredAt.get(0)));
        YearMonth previous = YearMonth.from(ChinaTime.of(answeredAt.get(answeredAt.size() - 1))).minusMonths(1);
        // 6 answers in that previous month, whose windows closed unrated
        for (int i = 0; i < 6; i++) {
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-month-old-" + i, region, region + "-health", "health", "web");
            lifeUntilAnswer(c, chinaTime(previous.atDay(i < 3 ? 5 : 20), 15, i), false);
        }
        // and one answered half an hour before that month began: outside the window
        UpstreamEvents.Case before = new UpstreamEvents.Case("citizen-month-before", region, region + "-health", "health", "app");
        lifeUntilAnswer(before, chinaTime(previous.minusMonths(1).atEndOfMonth(), 23, 30), false);
        events.flush();
        recent.forEach(c -> RatingTest.awaitOpenRound(c, 1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RatingTest.roundsOf(region).values().stream()
                .mapToLong(Long::longValue).sum() == 19);
        for (int i = 0; i < ratings.length; i++) {
            rate(recent.get(i), ratings[i][0], ratings[i][1], null);
        }
        expiry.closeExpired(Instant.now());

        LocalDate from = previous.atDay(1);
        LocalDate to = last.atEndOfMonth();
        JsonNode whole = get("/api/v1/stats/satisfaction", region, from.toString(), to.toString(), null).path("total");
        Map<String, Long> expected = new java.util.TreeMap<>(Map.of("satisfied", 6L, "basicallySatisfied", 3L, "unsatisfied", 3L,
                "rated", 12L, "notRated", 6L, "solved", 7L, "partlySolved", 3L, "notSolved", 2L));
        expected.put("reReviewed", 0L);
        expected.put("closedAfterReReview", 0L);
        assertThat(counts(whole)).as("the figures of what was generated").isEqualTo(expected);
        assertThat(whole.path("satisfactionRate").decimalValue()).isEqualByComparingTo("0.75");
        // recounted from the rounds and their ratings themselves
        Map<String, Long> recount = sqlCounts("SELECT count(*) FILTER (WHERE satisfaction = 'SATISFIED'), "
                        + "count(*) FILTER (WHERE satisfaction = 'BASICALLY_SATISFIED'), count(*) FILTER (WHERE satisfaction = 'UNSATISFIED'), "
                        + "count(*) FILTER (WHERE outcome = 'RATED'), count(*) FILTER (WHERE outcome = 'NOT_RATED'), "
                        + "count(*) FILTER (WHERE solved = 'SOLVED'), count(*) FILTER (WHERE solved = 'PARTLY_SOLVED'), "
                        + "count(*) FILTER (WHERE solved = 'NOT_SOLVED'), count(*) FILTER (WHERE round >= 2), "
                        + "count(*) FILTER (WHERE round >= 2 AND outcome <> 'OPEN' AND NOT reopened) "
                        + "FROM answer_round WHERE region_code = ?1 AND answered_at >= ?2 AND answered_at < ?3",
                region, ChinaTime.startOf(from), ChinaTime.startOf(to.plusDays(1)));
        assertThat(counts(whole)).as("the API equals the ratings recounted").isEqualTo(recount);
        // and the month rows hold exactly that
        Map<String, Long> monthRows = sqlCounts("SELECT sum(satisfied), sum(basically_satisfied), sum(unsatisfied), "
                        + "sum(satisfied + basically_satisfied + unsatisfied), sum(not_rated), sum(solved), sum(partly_solved), "
                        + "sum(not_solved), sum(re_reviewed), sum(closed_after_re_review) FROM stats_month_by_region "
                        + "WHERE region_code = ?1 AND day >= ?2 AND day <= ?3", region, from, to);
        assertThat(monthRows).isEqualTo(recount);
        JsonNode byUnit = get("/api/v1/stats/satisfaction", region, from.toString(), to.toString(), "unit");
        JsonNode handling = get("/api/v1/stats/handling", region, from.toString(), to.toString(), null).path("total");
        assertThat(handling.path("answered").asLong()).isEqualTo(18);
        assertThat(handling.path("dispatched").asLong()).isEqualTo(18);

        // Without the day rows of this region the whole-month answers do not change: they come from the month tables
        QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("DELETE FROM stats_day WHERE region_code = ?1").setParameter(1, region).executeUpdate();
            Panache.getEntityManager().createNativeQuery("DELETE FROM stats_day_by_region WHERE region_code = ?1")
                    .setParameter(1, region).executeUpdate();
        });
        assertThat(get("/api/v1/stats/satisfaction", region, from.toString(), to.toString(), null).path("total")).isEqualTo(whole);
        assertThat(get("/api/v1/stats/satisfaction", region, from.toString(), to.toString(), "unit")).isEqualTo(byUnit);
        assertThat(get("/api/v1/stats/handling", region, from.toString(), to.toString(), null).path("total")).isEqualTo(handling);
        // while a window starting on the 2nd reads that first month from the (now empty) day rows: the deletion took
        // effect, and only the whole months above were read from the month tables
        JsonNode partial = get("/api/v1/stats/satisfaction", region, from.plusDays(1).toString(), to.toString(), null).path("total");
        assertThat(partial.path("notRated").asLong()).isZero();
        assertThat(partial.path("rated").asLong()).as("the later whole months, still from the month tables").isEqualTo(12);
    }

    @Test
    void reReviewFiguresRecomputedFromTheExportEqualTheStatistics() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant now = Instant.now();
        java.util.function.Function<String, UpstreamEvents.Case> newCase = name ->
                new UpstreamEvents.Case("citizen-rereview-" + name, region, region + "-health", "health", "app");
        UpstreamEvents.Case a = newCase.apply("a"); // unsatisfied, re-reviewed, then satisfied: closed after re-review
        UpstreamEvents.Case b = newCase.apply("b"); // not solved, re-reviewed and unsatisfied again, re-reviewed again and closed
        UpstreamEvents.Case c = newCase.apply("c"); // reopened, answered again and never rated: closed after re-review
        UpstreamEvents.Case d = newCase.apply("d"); // unsatisfied, answered again, second round still open
        UpstreamEvents.Case e = newCase.apply("e"); // satisfied at once: no re-review
        lifeUntilAnswer(a, now.minus(50, ChronoUnit.MINUTES), false);
        lifeUntilAnswer(b, now.minus(60, ChronoUnit.MINUTES), false);
        lifeUntilAnswer(c, now.minus(20, ChronoUnit.DAYS), false);
        events.reopened(c, now.minus(19, ChronoUnit.DAYS));
        events.answered(c, now.minus(10, ChronoUnit.DAYS));
        lifeUntilAnswer(d, now.minus(50, ChronoUnit.MINUTES), false);
        lifeUntilAnswer(e, now.minus(50, ChronoUnit.MINUTES), true);
        events.flush();
        awaitRounds(c, 2);
        List.of(a, b, d, e).forEach(x -> RatingTest.awaitOpenRound(x, 1));
        rate(a, "UNSATISFIED", "NOT_SOLVED", null);
        rate(b, "SATISFIED", "NOT_SOLVED", null);
        rate(d, "UNSATISFIED", "SOLVED", "web");
        rate(e, "SATISFIED", "SOLVED", null);
        // 重办: assignment-service reopens the three, their units answer again
        for (UpstreamEvents.Case x : List.of(a, b, d)) {
            events.reopened(x, now.minus(40, ChronoUnit.MINUTES));
            events.answered(x, now.minus(30, ChronoUnit.MINUTES));
        }
        events.flush();
        List.of(a, b, d).forEach(x -> RatingTest.awaitOpenRound(x, 2));
        rate(a, "SATISFIED", "SOLVED", null);
        rate(b, "UNSATISFIED", "PARTLY_SOLVED", null);
        events.reopened(b, now.minus(25, ChronoUnit.MINUTES));
        events.answered(b, now.minus(20, ChronoUnit.MINUTES));
        events.flush();
        RatingTest.awaitOpenRound(b, 3);
        rate(b, "BASICALLY_SATISFIED", "SOLVED", null);
        expiry.closeExpired(Instant.now());

        String from = ChinaTime.of(now.minus(21, ChronoUnit.DAYS)).toLocalDate().toString();
        String to = ChinaTime.of(Instant.now()).toLocalDate().toString();
        // the export, one line per round: a re-review is a round after the first; it closed when it ended
        // (rated or not rated) without sending the case back again
        String ndjson = given().queryParam("region", region).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        long reReviewed = 0;
        long closed = 0;
        int lines = 0;
        for (String line : ndjson.split("\n")) {
            JsonNode r = json.readTree(line);
            lines++;
            if (r.path("round").asInt() >= 2) {
                reReviewed++;
                if (!"OPEN".equals(r.path("outcome").asText()) && !r.path("reopened").asBoolean()) {
                    closed++;
                }
            }
        }
        assertThat(lines).as("a: 2 rounds, b: 3, c: 2, d: 2, e: 1").isEqualTo(10);
        assertThat(reReviewed).as("a2, b2, b3, c2, d2").isEqualTo(5);
        assertThat(closed).as("a2, b3, c2").isEqualTo(3);
        JsonNode satisfaction = get("/api/v1/stats/satisfaction", region, from, to, null).path("total");
        assertThat(satisfaction.path("reReviewed").asLong()).isEqualTo(reReviewed);
        assertThat(satisfaction.path("closedAfterReReview").asLong()).isEqualTo(closed);
        JsonNode handling = get("/api/v1/stats/handling", region, from, to, null).path("total");
        assertThat(handling.path("reReviewed").asLong()).isEqualTo(reReviewed);
        assertThat(handling.path("closedAfterReReview").asLong()).isEqualTo(closed);
        assertThat(handling.path("reopened").asLong()).as("a, b twice, c, d").isEqualTo(5);
    }

    @Test
    void theChannelFilterCountsEachPetitionOnTheChannelItWasFiledOnNotTheOneItWasRatedOn() throws Exception {
        String region = UpstreamEvents.freshRegion();
        Instant answered = Instant.now().minus(2, ChronoUnit.MINUTES);
        String from = ChinaTime.of(answered).toLocalDate().toString();
        String to = ChinaTime.of(Instant.now()).toLocalDate().toString();
        UpstreamEvents.Case web = new UpstreamEvents.Case("citizen-channel-web", region, region + "-health", "health", "web");
        UpstreamEvents.Case mini = new UpstreamEvents.Case("citizen-channel-mini", region, region + "-health", "health", "mini-program");
        UpstreamEvents.Case app = new UpstreamEvents.Case("citizen-channel-app", region, region + "-health", "health", "app");
        lifeUntilAnswer(web, answered, false);
        lifeUntilAnswer(mini, answered, false);
        lifeUntilAnswer(app, answered, false);
        events.flush();
        List.of(web, mini, app).forEach(x -> RatingTest.awaitOpenRound(x, 1));
        // the city-wide channel projection, before: nothing else rates while this test runs
        Map<String, JsonNode> cityBefore = new HashMap<>();
        for (String channel : List.of("web", "mini-program", "app")) {
            cityBefore.put(channel, channelTotal(null, channel, from, to));
        }

        rate(web, "SATISFIED", "SOLVED", "app");            // filed on the web, rated in the app
        rate(mini, "UNSATISFIED", "PARTLY_SOLVED", "web");  // filed in the mini-program, rated on the web
        rate(app, "BASICALLY_SATISFIED", "SOLVED", "web");  // filed in the app, rated on the web

        Map<String, String> expected = Map.of("web", "satisfied", "mini-program", "unsatisfied", "app", "basicallySatisfied");
        for (Map.Entry<String, String> filed : expected.entrySet()) {
            JsonNode total = channelTotal(region, filed.getKey(), from, to);
            assertThat(total.path("rated").asLong()).as("rated, filed on " + filed.getKey()).isEqualTo(1);
            assertThat(total.path(filed.getValue()).asLong()).as(filed.getValue() + ", filed on " + filed.getKey()).isEqualTo(1);
            JsonNode city = channelTotal(null, filed.getKey(), from, to);
            for (String field : List.of("satisfied", "basicallySatisfied", "unsatisfied", "rated")) {
                long grew = city.path(field).asLong() - cityBefore.get(filed.getKey()).path(field).asLong();
                assertThat(grew).as("city-wide %s of channel %s", field, filed.getKey())
                        .isEqualTo(field.equals("rated") || field.equals(filed.getValue()) ? 1 : 0);
            }
        }
        assertThat(channelTotal(region, "hotline", from, to).path("rated").asLong()).isZero();
        JsonNode grouped = get("/api/v1/stats/satisfaction", region, from, to, "channel");
        Map<String, Long> ratedByGroup = new HashMap<>();
        grouped.path("groups").forEach(g -> ratedByGroup.put(g.path("key").asText(), g.path("rated").asLong()));
        assertThat(ratedByGroup).isEqualTo(Map.of("web", 1L, "mini-program", 1L, "app", 1L));
        given().queryParam("region", region).queryParam("channel", "web").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/stats/handling").then().statusCode(200).body("total.answered", equalTo(1));
        // the export filters the same way and shows the rating's own channel beside the intake channel
        String lines = given().queryParam("region", region).queryParam("channel", "web").queryParam("from", from)
                .queryParam("to", to).get("/api/v1/stats/records").then().statusCode(200).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : lines.split("\n")) {
            rows.add(json.readTree(line));
        }
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("channel").asText()).isEqualTo("web");
        assertThat(rows.get(0).path("ratingChannel").asText()).isEqualTo("app");
        assertThat(rows.get(0).path("satisfaction").asText()).isEqualTo("SATISFIED");
    }

    private JsonNode channelTotal(String region, String channel, String from, String to) throws Exception {
        var request = given().queryParam("channel", channel).queryParam("from", from).queryParam("to", to);
        if (region != null) {
            request = request.queryParam("region", region);
        }
        return json.readTree(request.get("/api/v1/stats/satisfaction").then().statusCode(200).extract().asString()).path("total");
    }
}
