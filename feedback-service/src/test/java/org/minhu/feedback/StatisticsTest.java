package org.minhu.feedback;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.rating.RatingExpiryJob;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class StatisticsTest {

    static final List<String> TOPICS = List.of(UpstreamEvents.PETITIONS, UpstreamEvents.CASES);

    static UpstreamEvents events;
    final ObjectMapper json = new ObjectMapper();

    @Inject
    RatingExpiryJob expiry;

    @BeforeAll
    static void producer() {
        events = new UpstreamEvents();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aKnownDistributionGives928PerMilleAndTheExportRecomputesEveryCountAndDuplicatesChangeNothing() throws Exception {
        String region = "T" + UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(42);
        Instant now = Instant.now();
        // 1,000 rated answers: 700 satisfied + 228 basically satisfied + 72 unsatisfied = 92.8%
        List<String> satisfaction = new ArrayList<>();
        satisfaction.addAll(Collections.nCopies(700, "SATISFIED"));
        satisfaction.addAll(Collections.nCopies(228, "BASICALLY_SATISFIED"));
        satisfaction.addAll(Collections.nCopies(72, "UNSATISFIED"));
        List<String> solved = new ArrayList<>();
        solved.addAll(Collections.nCopies(810, "SOLVED"));
        solved.addAll(Collections.nCopies(130, "PARTLY_SOLVED"));
        solved.addAll(Collections.nCopies(60, "NOT_SOLVED"));
        Collections.shuffle(satisfaction, random);
        Collections.shuffle(solved, random);
        String[] units = {region + "-health", region + "-transport"};
        String[] channels = {"app", "web", "hotline", "mini-program"};
        List<UpstreamEvents.Case> rated = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
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
        String to = ChinaTime.of(now).toLocalDate().toString();
        JsonNode stats = get("/api/v1/stats/satisfaction", region, from, to, "unit");
        JsonNode total = stats.path("total");
        assertThat(total.path("satisfied").asLong()).isEqualTo(700);
        assertThat(total.path("basicallySatisfied").asLong()).isEqualTo(228);
        assertThat(total.path("unsatisfied").asLong()).isEqualTo(72);
        assertThat(total.path("rated").asLong()).isEqualTo(1000);
        assertThat(total.path("notRated").asLong()).isEqualTo(50);
        assertThat(total.path("satisfactionRate").decimalValue()).isEqualByComparingTo("0.928");
        assertThat(total.path("solved").asLong()).isEqualTo(810);
        assertThat(total.path("resolutionRate").decimalValue()).isEqualByComparingTo("0.81");
        assertThat(stats.path("formulas").findValuesAsText("id")).contains("satisfaction-rate", "resolution-rate");
        assertThat(stats.path("formulas").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(stats.path("window").path("region").asText()).isEqualTo(region);
        long groupRated = 0;
        for (JsonNode g : stats.path("groups")) {
            groupRated += g.path("rated").asLong();
        }
        assertThat(stats.path("groups")).hasSize(2);
        assertThat(groupRated).isEqualTo(1000);
        // the same window read from the region projection (no grouping) and from the full tables (grouped by unit)
        assertThat(get("/api/v1/stats/satisfaction", region, from, to, null).path("total")).isEqualTo(total);
        assertThat(get("/api/v1/stats/satisfaction", region, from, to, "channel").path("total")).isEqualTo(total);

        // the export: one line per answer round, from which the same figures come out
        String ndjson = given().queryParam("region", region).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/stats/records").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract().asString();
        Map<String, Integer> fromExport = new HashMap<>();
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(1050);
        for (String line : lines) {
            JsonNode r = json.readTree(line);
            assertThat(r.has("petitionerId") || r.has("comment") || r.has("recordedBy")).isFalse();
            fromExport.merge(r.path("outcome").asText(), 1, Integer::sum);
            if (!r.path("satisfaction").isNull()) {
                fromExport.merge(r.path("satisfaction").asText(), 1, Integer::sum);
                fromExport.merge(r.path("solved").asText(), 1, Integer::sum);
            }
        }
        assertThat(fromExport).containsEntry("SATISFIED", 700).containsEntry("BASICALLY_SATISFIED", 228)
                .containsEntry("UNSATISFIED", 72).containsEntry("RATED", 1000).containsEntry("NOT_RATED", 50)
                .containsEntry("SOLVED", 810);
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
        assertThat(rows).hasSize(1051);
        assertThat(satisfiedEnough * 1000 / ratedInCsv).as("per mille from the CSV").isEqualTo(928);

        JsonNode handling = get("/api/v1/stats/handling", region, from, to, null).path("total");
        assertThat(handling.path("dispatched").asLong()).isEqualTo(1050);
        assertThat(handling.path("answered").asLong()).isEqualTo(1050);
        assertThat(handling.path("answeredOnTime").asLong()).isEqualTo(onTime);
        assertThat(handling.path("returned").asLong()).isEqualTo(handling.path("assignments").asLong() - 1050);
        assertThat(handling.path("averageHops").decimalValue()).isEqualByComparingTo(
                java.math.BigDecimal.valueOf(handling.path("assignments").asLong())
                        .divide(java.math.BigDecimal.valueOf(1050), 6, java.math.RoundingMode.HALF_EVEN));

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
        String region = "T" + UUID.randomUUID().toString().substring(0, 8);
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
        String day = ChinaTime.of(now).toLocalDate().toString();
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
}
