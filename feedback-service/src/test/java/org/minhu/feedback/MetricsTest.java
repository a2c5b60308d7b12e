package org.minhu.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.PrometheusText;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What feedback-service's {@code /q/metrics} shows, read from a real scrape after real events and
 * ratings: each recorded rating counted once under its grade and channel (a refused one not at all),
 * and no label carrying an id or personal data.
 */
@QuarkusTest
class MetricsTest {

    private static final String RATINGS = "minhu_ratings_total";

    /** RatingTest's helpers, which this class borrows, publish through RatingTest's producer: closed after this class too. */
    @RegisterExtension
    static final UpstreamEvents events = RatingTest.events;

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldCountARecordedRatingOnceByGradeAndChannel() {
        UpstreamEvents.Case c = RatingTest.answeredCase(UpstreamEvents.freshRegion(), Instant.now().minus(1, ChronoUnit.MINUTES));
        RatingTest.awaitOpenRound(c, 1);
        Map<String, String> grade = Map.of("satisfaction", "BASICALLY_SATISFIED", "solved", "PARTLY_SOLVED", "channel", "app");
        double before = scrape().sum(RATINGS, grade);
        double all = scrape().sum(RATINGS);
        RatingTest.rate(c, "BASICALLY_SATISFIED", "PARTLY_SOLVED").statusCode(201);
        assertThat(scrape().sum(RATINGS, grade)).isEqualTo(before + 1);
        // the same round again is refused (409): nothing more is counted
        RatingTest.rate(c, "SATISFIED", "SOLVED").statusCode(409);
        assertThat(scrape().sum(RATINGS)).isEqualTo(all + 1);
    }

    @Test
    void shouldNameNoIdAndNoPersonalDataInAnyLabel() {
        UpstreamEvents.Case c = RatingTest.answeredCase(UpstreamEvents.freshRegion(), Instant.now().minus(1, ChronoUnit.MINUTES));
        RatingTest.awaitOpenRound(c, 1);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", c.petitionId)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/{id}/feedback", UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(Tokens.citizen(c.petitioner)).get("/api/v1/petitions/13812345678/feedback")
                .then().statusCode(400);
        given().queryParam("region", "500108").get("/api/v1/stats/satisfaction").then().statusCode(200);

        PrometheusText metrics = scrape();
        assertThat(metrics.labelViolations()).isEmpty();
        assertThat(metrics.has("http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/petitions/{petitionId}/feedback", "status", "200"))).isTrue();
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/stats/satisfaction"))).isTrue();
        assertThat(metrics.has("minhu_exports_rejected_total", Map.of())).isTrue();
    }
}
