package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.common.time.ChinaTime;

import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/stats/hotspots on real petition events (baseline of 4 periods, 3 sigma, at least 5: the defaults). */
@QuarkusTest
class HotspotsTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aSurgeInOneTownIsFlaggedAndASteadyOneIsNot() throws Exception {
        String region = UpstreamEvents.freshRegion();
        String surging = region + "001";
        String steady = region + "002";
        // whole weeks in the past, each petition on a Wednesday around noon China time (far from any midnight)
        LocalDate week = ChinaTime.of(Instant.now()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(2);
        for (int w = 4; w >= 1; w--) {
            submit(region, surging, "traffic-parking", week.minusWeeks(w), 3);
            submit(region, steady, "traffic-parking", week.minusWeeks(w), 6);
        }
        submit(region, surging, "traffic-parking", week, 12);
        submit(region, steady, "traffic-parking", week, 6);
        submit(region, null, "traffic-parking", week, 1); // no town given
        submit(region, steady, "health", week, 2);        // another category in the same town: a cell of its own
        events.flush();
        ConsumerLag.awaitCaughtUp("feedback-service", List.of(UpstreamEvents.PETITIONS));

        JsonNode answer = json.readTree(given().queryParam("period", "week").queryParam("from", week.toString())
                .queryParam("to", week.plusDays(6).toString()).queryParam("region", region)
                .get("/api/v1/stats/hotspots").then().statusCode(200).extract().asString());
        assertThat(answer.path("from").asText()).isEqualTo(week.toString());
        assertThat(answer.path("to").asText()).isEqualTo(week.plusDays(6).toString());
        assertThat(answer.path("rule").path("baselinePeriods").asInt()).isEqualTo(4);
        Map<String, JsonNode> cells = new HashMap<>();
        answer.path("cells").forEach(c -> cells.put(c.path("category").asText() + "/" + c.path("town").asText("none"), c));
        assertThat(cells).containsOnlyKeys("traffic-parking/" + surging, "traffic-parking/" + steady, "traffic-parking/none",
                "health/" + steady);

        JsonNode surge = cells.get("traffic-parking/" + surging);
        assertThat(surge.path("period").asText()).isEqualTo(week.toString());
        assertThat(surge.path("region").asText()).isEqualTo(region);
        assertThat(surge.path("count").asLong()).isEqualTo(12);
        assertThat(surge.path("baseline").path("periods").asInt()).isEqualTo(4);
        assertThat(surge.path("baseline").path("mean").decimalValue()).isEqualByComparingTo("3");
        assertThat(surge.path("baseline").path("standardDeviation").decimalValue()).isEqualByComparingTo("0");
        // 3 + 3 × √3
        assertThat(surge.path("baseline").path("threshold").decimalValue()).isEqualByComparingTo("8.196152");
        assertThat(surge.path("surge").asBoolean()).isTrue();

        JsonNode flat = cells.get("traffic-parking/" + steady);
        assertThat(flat.path("count").asLong()).isEqualTo(6);
        assertThat(flat.path("baseline").path("mean").decimalValue()).isEqualByComparingTo("6");
        assertThat(flat.path("surge").asBoolean()).isFalse();
        // new in its cell but below the minimum count: no surge
        assertThat(cells.get("health/" + steady).path("count").asLong()).isEqualTo(2);
        assertThat(cells.get("health/" + steady).path("surge").asBoolean()).isFalse();
        assertThat(cells.get("traffic-parking/none").path("town").isNull()).isTrue();
        assertThat(cells.get("traffic-parking/none").path("count").asLong()).isEqualTo(1);
        assertThat(answer.path("cells").get(0).path("count").asLong()).as("highest count first").isEqualTo(12);

        // the category filter keeps only its cells; every week of the window has its rows, the oldest first
        JsonNode fiveWeeks = json.readTree(given().queryParam("period", "week").queryParam("from", week.minusWeeks(4).toString())
                .queryParam("to", week.plusDays(6).toString()).queryParam("region", region).queryParam("category", "traffic-parking")
                .get("/api/v1/stats/hotspots").then().statusCode(200).extract().asString());
        long total = 0;
        for (JsonNode c : fiveWeeks.path("cells")) {
            assertThat(c.path("category").asText()).isEqualTo("traffic-parking");
            total += c.path("count").asLong();
        }
        assertThat(total).isEqualTo(4 * 9 + 12 + 6 + 1);
        assertThat(fiveWeeks.path("cells").get(0).path("period").asText()).isEqualTo(week.minusWeeks(4).toString());
        // a month holds its weeks' petitions: the surging town's month is at least its week
        LocalDate wednesday = week.plusDays(2);
        JsonNode months = json.readTree(given().queryParam("period", "month").queryParam("from", wednesday.toString())
                .queryParam("to", wednesday.toString()).queryParam("region", region).queryParam("category", "traffic-parking")
                .get("/api/v1/stats/hotspots").then().statusCode(200).extract().asString());
        assertThat(months.path("from").asText()).isEqualTo(wednesday.withDayOfMonth(1).toString());
        JsonNode monthCell = null;
        for (JsonNode c : months.path("cells")) {
            if (surging.equals(c.path("town").asText())) {
                monthCell = c;
            }
        }
        assertThat(monthCell).isNotNull();
        assertThat(monthCell.path("count").asLong()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("period", "day").get("/api/v1/stats/hotspots").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        given().queryParam("from", "2026-02-30").get("/api/v1/stats/hotspots").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("to", "tomorrow").get("/api/v1/stats/hotspots").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2024-01-01").queryParam("to", "2025-12-31").get("/api/v1/stats/hotspots").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("category", "a b").get("/api/v1/stats/hotspots").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        given().queryParam("region", "x' or 1=1 --").get("/api/v1/stats/hotspots").then().statusCode(400)
                .body("errors[0].field", equalTo("region"));
        given().queryParam("period", "month").queryParam("region", "NOWHERE").get("/api/v1/stats/hotspots").then()
                .statusCode(200).body("cells.size()", equalTo(0)).body("period", equalTo("month"));
    }

    private static void submit(String region, String town, String category, LocalDate monday, int count) {
        Instant wednesday = monday.plusDays(2).atTime(LocalTime.NOON).atZone(ChinaTime.ZONE).toInstant();
        for (int i = 0; i < count; i++) {
            UpstreamEvents.Case c = new UpstreamEvents.Case("citizen-hotspot-" + i, region, region + "-x", category, "app");
            c.town = town;
            events.submitted(c, wednesday.plus(i, ChronoUnit.MINUTES));
        }
    }
}
