package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minhu.testsupport.PrometheusText;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What petition-service's {@code /q/metrics} shows, read from a real scrape after real requests:
 * each accepted request counted once by channel and category (a refused one not at all), and no
 * label carrying an id, a tracking number or the contact's phone number.
 */
@QuarkusTest
class MetricsTest {

    private static final String FILED = "minhu_petitions_filed_total";

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldCountAnAcceptedRequestOnceByChannelAndCategoryAndARefusedOneNotAtAll() {
        Map<String, String> parkingByApp = Map.of("channel", "app", "category", "traffic-parking");
        double before = scrape().sum(FILED, parkingByApp);
        double all = scrape().sum(FILED);
        String citizen = Petitions.newCitizen();
        Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions").then().statusCode(201);
        assertThat(scrape().sum(FILED, parkingByApp)).isEqualTo(before + 1);

        Map<String, Object> unknownCategory = Petitions.parkingRequest();
        unknownCategory.put("categoryCode", "no-such-category");
        Petitions.as(citizen).body(unknownCategory).post("/api/v1/petitions").then().statusCode(422);
        assertThat(scrape().sum(FILED)).isEqualTo(all + 1);
    }

    @Test
    void shouldNameNoIdAndNoPersonalDataInAnyLabel() {
        String citizen = Petitions.newCitizen();
        String id = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
        Petitions.as(citizen).get("/api/v1/petitions/" + id).then().statusCode(200);
        Petitions.as(citizen).get("/api/v1/petitions/" + UUID.randomUUID()).then().statusCode(404);
        Petitions.as(citizen).get("/api/v1/petitions/13812341234").then().statusCode(400);
        Petitions.as(citizen).get("/api/v1/petitions?q=13812341234").then().statusCode(200);

        PrometheusText metrics = scrape();
        assertThat(metrics.labelViolations()).isEmpty();
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/petitions/{id}", "status", "200")))
                .isTrue();
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/petitions", "status", "201")))
                .isTrue();
        assertThat(metrics.has("minhu_outbox_backlog_events", Map.of())).isTrue();
    }
}
