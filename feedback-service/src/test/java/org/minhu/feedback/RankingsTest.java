package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET /api/v1/stats/rankings on real events and ratings (minimum volume 10, the default). */
@QuarkusTest
class RankingsTest {

    static final List<String> TOPICS = List.of(UpstreamEvents.PETITIONS, UpstreamEvents.CASES);

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void unitsAreRankedBySatisfactionWithTheirCountsAndOneWithTwoRatedAnswersIsTooFewToRank() throws Exception {
        String region = UpstreamEvents.freshRegion();
        // ratings need an open window, so the answers are recent; all within one China month, away from its start
        Instant base = Instant.now().minus(1, ChronoUnit.MINUTES);
        if (!YearMonth.from(ChinaTime.of(base.minus(2, ChronoUnit.MINUTES))).equals(YearMonth.from(ChinaTime.of(base)))) {
            base = ChinaTime.startOf(ChinaTime.of(base).toLocalDate().withDayOfMonth(1)).toInstant().minus(10, ChronoUnit.MINUTES);
        }
        YearMonth month = YearMonth.from(ChinaTime.of(base));
        // unit -> satisfied, unsatisfied (solved = the satisfied ones)
        Map<String, int[]> plan = new java.util.LinkedHashMap<>();
        plan.put(region + "-a", new int[] {10, 2}); // 10/12 = 0.833333: rank 2
        plan.put(region + "-b", new int[] {5, 5});  // 0.5: rank 3, shared
        plan.put(region + "-c", new int[] {2, 0});  // 1.0 but only 2 rated: too few to rank
        plan.put(region + "-d", new int[] {10, 0}); // 1.0: rank 1
        plan.put(region + "-e", new int[] {5, 5});  // 0.5: rank 3, shared
        List<UpstreamEvents.Case> cases = new ArrayList<>();
        List<Boolean> satisfied = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, int[]> p : plan.entrySet()) {
            for (int i = 0; i < p.getValue()[0] + p.getValue()[1]; i++) {
                UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-rank-" + region + "-" + n, region, p.getKey(), "health", "app");
                lifeUntilAnswer(c, base.minus(n++, ChronoUnit.SECONDS));
                cases.add(c);
                satisfied.add(i < p.getValue()[0]);
            }
        }
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", TOPICS);
        cases.forEach(c -> RatingTest.awaitOpenRound(c, 1));
        for (int i = 0; i < cases.size(); i++) {
            UpstreamEvents.Case c = cases.get(i);
            given().auth().oauth2(Tokens.citizen(c.petitioner)).contentType(ContentType.JSON)
                    .body(satisfied.get(i) ? Map.of("satisfaction", "SATISFIED", "solved", "SOLVED")
                            : Map.of("satisfaction", "UNSATISFIED", "solved", "NOT_SOLVED"))
                    .post("/api/v1/petitions/{id}/feedback", c.petitionId).then().statusCode(201);
        }

        JsonNode ranking = json.readTree(given().queryParam("month", month.toString()).queryParam("level", "unit")
                .queryParam("metric", "satisfaction").queryParam("region", region)
                .get("/api/v1/stats/rankings").then().statusCode(200).extract().asString());
        assertThat(ranking.path("minVolume").asInt()).isEqualTo(10);
        assertThat(ranking.path("month").asText()).isEqualTo(month.toString());
        assertThat(ranking.path("previousMonth").asText()).isEqualTo(month.minusMonths(1).toString());
        List<String> order = new ArrayList<>();
        ranking.path("rows").forEach(r -> order.add(r.path("id").asText() + ":" + (r.path("rank").isNull() ? "-" : r.path("rank").asText())
                + ":" + r.path("rates").path("satisfaction").path("numerator").asLong()
                + "/" + r.path("rates").path("satisfaction").path("denominator").asLong()));
        assertThat(order).containsExactly(region + "-d:1:10/10", region + "-a:2:10/12", region + "-b:3:5/10", region + "-e:3:5/10",
                region + "-c:-:2/2");
        JsonNode tooFew = ranking.path("rows").get(4);
        assertThat(tooFew.path("tooFewToRank").asBoolean()).isTrue();
        assertThat(tooFew.path("rank").isNull()).isTrue();
        assertThat(tooFew.path("rates").path("satisfaction").path("rate").decimalValue()).isEqualByComparingTo("1");
        JsonNode a = ranking.path("rows").get(1);
        assertThat(a.path("tooFewToRank").asBoolean()).isFalse();
        assertThat(a.path("nameZh").asText()).as("the name the case events carried").isEqualTo(region + "-a");
        assertThat(a.path("rates").path("satisfaction").path("rate").decimalValue()).isEqualByComparingTo("0.833333");
        assertThat(a.path("rates").path("resolution").path("numerator").asLong()).isEqualTo(10);
        assertThat(a.path("rates").path("resolution").path("denominator").asLong()).isEqualTo(12);
        assertThat(a.path("rates").path("onTime").path("denominator").asLong()).isEqualTo(12);

        // the same unit and month in the published statistics: the same counts and rates
        String from = month.atDay(1).toString();
        String to = month.atEndOfMonth().toString();
        for (JsonNode row : ranking.path("rows")) {
            String unit = row.path("id").asText();
            JsonNode sat = json.readTree(given().queryParam("unit", unit).queryParam("from", from).queryParam("to", to)
                    .get("/api/v1/stats/satisfaction").then().statusCode(200).extract().asString()).path("total");
            JsonNode handling = json.readTree(given().queryParam("unit", unit).queryParam("from", from).queryParam("to", to)
                    .get("/api/v1/stats/handling").then().statusCode(200).extract().asString()).path("total");
            JsonNode rates = row.path("rates");
            assertThat(rates.path("satisfaction").path("denominator").asLong()).as(unit).isEqualTo(sat.path("rated").asLong());
            assertThat(rates.path("satisfaction").path("rate")).as(unit).isEqualTo(sat.path("satisfactionRate"));
            assertThat(rates.path("resolution").path("rate")).as(unit).isEqualTo(sat.path("resolutionRate"));
            assertThat(rates.path("response").path("rate")).as(unit).isEqualTo(handling.path("responseRate"));
            assertThat(rates.path("response").path("numerator").asLong()).as(unit).isEqualTo(handling.path("signedWithinLimit").asLong());
            assertThat(rates.path("onTime").path("rate")).as(unit).isEqualTo(handling.path("onTimeAnswerRate"));
        }

        // the district level counts the region's five units together
        JsonNode districts = json.readTree(given().queryParam("month", month.toString()).queryParam("level", "district")
                .queryParam("region", region).get("/api/v1/stats/rankings").then().statusCode(200).extract().asString());
        assertThat(districts.path("rows")).hasSize(1);
        JsonNode district = districts.path("rows").get(0);
        assertThat(district.path("id").asText()).isEqualTo(region);
        assertThat(district.path("rank").asInt()).isEqualTo(1);
        assertThat(district.path("rates").path("satisfaction").path("numerator").asLong()).isEqualTo(32);
        assertThat(district.path("rates").path("satisfaction").path("denominator").asLong()).isEqualTo(44);
    }

    @Test
    void monthOverMonthChangeAndRanksFollowTheOnTimeRate() throws Exception {
        String region = UpstreamEvents.freshRegion();
        // two whole months in the past, every event well inside its month (days 3 to 12, around noon China time)
        YearMonth month = YearMonth.from(ChinaTime.of(Instant.now())).minusMonths(2);
        YearMonth previous = month.minusMonths(1);
        String x = region + "-x";
        String y = region + "-y";
        answers(region, x, previous, 2, 2); // 2 of 4 on time: too few to rank then
        answers(region, x, month, 9, 1);    // 0.9
        answers(region, y, previous, 10, 0); // 1.0: ranked first then
        answers(region, y, month, 6, 4);    // 0.6
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", TOPICS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RatingTest.roundsOf(region).values().stream()
                .mapToLong(Long::longValue).sum() == 34);

        JsonNode ranking = json.readTree(given().queryParam("month", month.toString()).queryParam("metric", "onTime")
                .queryParam("region", region).get("/api/v1/stats/rankings").then().statusCode(200).extract().asString());
        assertThat(ranking.path("metric").asText()).isEqualTo("onTime");
        JsonNode rows = ranking.path("rows");
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        JsonNode second = rows.get(1);
        assertThat(first.path("id").asText()).isEqualTo(x);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("previousRank").isNull()).as("4 answers the month before: too few then").isTrue();
        JsonNode xOnTime = first.path("rates").path("onTime");
        assertThat(xOnTime.path("numerator").asLong()).isEqualTo(9);
        assertThat(xOnTime.path("denominator").asLong()).isEqualTo(10);
        assertThat(xOnTime.path("previousNumerator").asLong()).isEqualTo(2);
        assertThat(xOnTime.path("previousDenominator").asLong()).isEqualTo(4);
        assertThat(xOnTime.path("previousRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(xOnTime.path("change").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(second.path("id").asText()).isEqualTo(y);
        assertThat(second.path("rank").asInt()).isEqualTo(2);
        assertThat(second.path("previousRank").asInt()).isEqualTo(1);
        JsonNode yOnTime = second.path("rates").path("onTime");
        assertThat(yOnTime.path("numerator").asLong()).isEqualTo(6);
        assertThat(yOnTime.path("denominator").asLong()).isEqualTo(10);
        assertThat(yOnTime.path("change").decimalValue()).isEqualByComparingTo("-0.4");
        // nothing was rated: no satisfaction rate, and so no change either
        assertThat(first.path("rates").path("satisfaction").path("rate").isNull()).isTrue();
        assertThat(first.path("rates").path("satisfaction").path("change").isNull()).isTrue();
        // every assignment was signed within its limit in both months
        assertThat(first.path("rates").path("response").path("change").decimalValue()).isEqualByComparingTo("0");

        // ranked by the response rate instead, both are ranked first together (1.0 each)
        JsonNode byResponse = json.readTree(given().queryParam("month", month.toString()).queryParam("metric", "response")
                .queryParam("region", region).get("/api/v1/stats/rankings").then().statusCode(200).extract().asString());
        assertThat(byResponse.path("rows").findValuesAsText("rank")).containsExactly("1", "1");
        assertThat(byResponse.path("rows").findValuesAsText("id")).containsExactly(x, y);
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("month", "2026-13").get("/api/v1/stats/rankings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("month"));
        given().queryParam("month", "November").get("/api/v1/stats/rankings").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
        String future = YearMonth.from(ChinaTime.of(Instant.now())).plusMonths(2).toString();
        given().queryParam("month", future).get("/api/v1/stats/rankings").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
        given().queryParam("level", "city").get("/api/v1/stats/rankings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("level"));
        given().queryParam("metric", "speed").get("/api/v1/stats/rankings").then().statusCode(400)
                .body("errors[0].field", equalTo("metric"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("onTime"));
        given().queryParam("region", "x' or 1=1 --").get("/api/v1/stats/rankings").then().statusCode(400)
                .body("errors[0].field", equalTo("region"));
        // no identity needed, and an empty month is an empty ranking
        given().queryParam("month", "2020-01").queryParam("region", "NOWHERE").get("/api/v1/stats/rankings").then()
                .statusCode(200).body("rows.size()", equalTo(0)).body("timeZone", equalTo("Asia/Shanghai"));
    }

    /** submitted → assigned → signed → answered, all within hours, around noon China time. */
    private static void lifeUntilAnswer(UpstreamEvents.Case c, Instant answered) {
        Instant start = answered.minus(6, ChronoUnit.HOURS);
        events.submitted(c, start);
        events.assigned(c, start.plus(1, ChronoUnit.MINUTES));
        events.signed(c, start.plus(1, ChronoUnit.HOURS));
        events.answered(c, answered);
    }

    /** {@code onTime} answers within their 5 days and {@code late} ones after them, every step inside {@code month}. */
    private static void answers(String region, String unit, YearMonth month, int onTime, int late) {
        for (int i = 0; i < onTime + late; i++) {
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-ontime-" + region + "-" + unit + "-" + month + "-" + i,
                    region, unit, "health", "web");
            Instant start = month.atDay(3).atTime(LocalTime.NOON).atZone(ChinaTime.ZONE).toInstant().plus(i, ChronoUnit.MINUTES);
            events.submitted(c, start);
            events.assigned(c, start.plus(1, ChronoUnit.MINUTES));
            events.signed(c, start.plus(1, ChronoUnit.HOURS));
            // the answer deadline is 5 days after the dispatch (UpstreamEvents)
            events.answered(c, start.plus(i < onTime ? 2 : 24 * 8, ChronoUnit.HOURS));
        }
    }
}
