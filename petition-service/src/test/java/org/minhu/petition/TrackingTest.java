package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;

/**
 * 查询: anyone with a tracking number and the phone's last four digits follows the request without
 * signing in, and sees no personal data; a wrong number and wrong digits answer alike; guessing and
 * sweeping are limited. Each test calls from its own address (the gateway's X-Forwarded-For), so the
 * per-address limit of one does not touch the others.
 */
@QuarkusTest
class TrackingTest {

    private static String address() {
        return "198.51.100." + (1 + (UUID.randomUUID().hashCode() & 0x7f));
    }

    private static Response track(String address, String trackingNumber, String last4) {
        return given().header("X-Forwarded-For", address).queryParam("phoneLast4", last4)
                .get("/api/v1/track/{n}", trackingNumber);
    }

    private static String fileOne() {
        return Petitions.as(Petitions.newCitizen()).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("trackingNumber");
    }

    @Test
    void theTrackingNumberAndThePhonesLastFourDigitsShowWhereTheRequestStandsWithoutPersonalData() {
        String number = fileOne();
        Response r = track(address(), number, "1234"); // the contact phone is 13812341234
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("trackingNumber", equalTo(number))
                .body("status", equalTo("SUBMITTED"))
                .body("category.code", equalTo("traffic-parking"))
                .body("timeline.status", hasItem("SUBMITTED"))
                .body("submittedAt", notNullValue())
                .body("title", nullValue()).body("description", nullValue())
                .body("contact", nullValue()).body("location", nullValue()).body("id", nullValue());
        String body = r.asString();
        assertThat(body).doesNotContain("13812341234", "王小明", "江南大道", "停车难");
    }

    @Test
    void thePetitionersAdditionsAreLeftOutLikeTheDescription() {
        String citizen = Petitions.newCitizen();
        io.restassured.path.json.JsonPath filed = Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().jsonPath();
        Petitions.as(citizen).body(java.util.Map.of("text", "补充：桥下空地晚上没有照明。"))
                .post("/api/v1/petitions/{id}/additions", filed.getString("id")).then().statusCode(201);
        Response r = track(address(), filed.getString("trackingNumber"), "1234");
        r.then().statusCode(200).body("timeline.kind", org.hamcrest.Matchers.everyItem(equalTo("STATUS")));
        assertThat(r.asString()).doesNotContain("照明");
    }

    @Test
    void aWrongNumberAndWrongDigitsGetTheSameAnswer() {
        String number = fileOne();
        String address = address();
        Response wrongDigits = track(address, number, "9999");
        String unknown = "CQ-20990101-999999";
        Response wrongNumber = track(address, unknown, "1234");
        wrongDigits.then().statusCode(404).contentType("application/problem+json");
        wrongNumber.then().statusCode(404).contentType("application/problem+json");
        assertThat(wrongDigits.jsonPath().getString("type")).isEqualTo(wrongNumber.jsonPath().getString("type"));
        assertThat(wrongDigits.jsonPath().getString("title")).isEqualTo(wrongNumber.jsonPath().getString("title"));
        assertThat(wrongDigits.jsonPath().getString("detail")).isEqualTo(wrongNumber.jsonPath().getString("detail"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        track(address(), "not-a-number", "1234").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("trackingNumber"));
        String number = fileOne();
        for (String bad : new String[] {"12", "12345", "abcd", ""}) {
            track(address(), number, bad).then().statusCode(400).body("errors[0].field", equalTo("phoneLast4"));
        }
        given().get("/api/v1/track/{n}", number).then().statusCode(400).body("errors[0].field", equalTo("phoneLast4"));
    }

    @Test
    void fiveWrongGuessesLockTheNumberEvenForTheRightDigitsAndFromAnotherAddress() {
        String number = fileOne();
        for (String guess : new String[] {"0000", "1111", "2222", "3333", "4444"}) {
            track(address(), number, guess).then().statusCode(404);
        }
        Response locked = track(address(), number, "1234");
        locked.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:too-many-requests"));
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
        // another request's number is not locked
        track(address(), fileOne(), "1234").then().statusCode(200);
    }

    @Test
    void oneAddressGetsItsLookupsPerWindowAndThenWaits() {
        String number = fileOne();
        String sweeper = "203.0.113.77";
        int answered = 0;
        for (int i = 0; i < 120; i++) {
            // a sweep: made-up numbers, each asked once (so no number locks), then the real one
            int status = track(sweeper, String.format("CQ-20990101-%06d", i), "1234").statusCode();
            assertThat(status).isEqualTo(404);
            answered++;
        }
        assertThat(answered).isEqualTo(120);
        track(sweeper, number, "1234").then().statusCode(429).header("Retry-After", notNullValue());
        // the same request from another address is answered
        track(address(), number, "1234").then().statusCode(200);
    }
}
