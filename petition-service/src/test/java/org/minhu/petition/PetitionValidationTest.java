package org.minhu.petition;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.function.Consumer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;

/** Each validation rule answers 400 or 422 problem+json naming the field; never a 500 or a stack trace. */
@QuarkusTest
class PetitionValidationTest {

    private ValidatableResponse submit(Consumer<Map<String, Object>> spoil) {
        Map<String, Object> body = Petitions.parkingRequest();
        spoil.accept(body);
        return Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions")
                .then().contentType("application/problem+json")
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contact(Map<String, Object> body) {
        return (Map<String, Object>) body.get("contact");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> location(Map<String, Object> body) {
        return (Map<String, Object>) body.get("location");
    }

    private static void badRequest(ValidatableResponse r, String field) {
        r.statusCode(400).body("type", equalTo("urn:minhu:problem:validation")).body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void shouldRequireTitle() {
        badRequest(submit(b -> b.remove("title")), "title");
        badRequest(submit(b -> b.put("title", "   ")), "title");
    }

    @Test
    void shouldLimitTitleTo200Characters() {
        badRequest(submit(b -> b.put("title", "路".repeat(201))), "title");
    }

    @Test
    void shouldRequireDescriptionOfAtMost4000Characters() {
        badRequest(submit(b -> b.remove("description")), "description");
        badRequest(submit(b -> b.put("description", "缺".repeat(4001))), "description");
    }

    @Test
    void shouldAcceptDescriptionOfExactly4000Characters() {
        Map<String, Object> body = Petitions.parkingRequest();
        body.put("description", "缺".repeat(4000));
        Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions").then().statusCode(201);
    }

    @Test
    void shouldRequireCategoryRegionChannelAndContact() {
        badRequest(submit(b -> b.remove("categoryCode")), "categoryCode");
        badRequest(submit(b -> b.remove("regionCode")), "regionCode");
        badRequest(submit(b -> b.remove("channel")), "channel");
        badRequest(submit(b -> b.remove("contact")), "contact");
        badRequest(submit(b -> contact(b).remove("name")), "contact.name");
    }

    @Test
    void shouldRefuseMalformedPhone() {
        submit(b -> contact(b).put("phone", "12345"))
                .statusCode(400).body("errors[0].field", equalTo("contact.phone"))
                .body("errors[0].reason", containsString("mobile"));
    }

    @Test
    void shouldAcceptLandlinePhone() {
        Map<String, Object> body = Petitions.parkingRequest();
        contact(body).put("phone", "023-62345678");
        Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions").then().statusCode(201);
    }

    @Test
    void shouldRefuseUnknownChannelListingTheAllowedOnes() {
        submit(b -> b.put("channel", "fax"))
                .statusCode(400).body("errors[0].field", equalTo("channel"))
                .body("errors[0].reason", containsString("mini-program"));
    }

    @Test
    void shouldRefuseCoordinatesOutsideChongqing() {
        badRequest(submit(b -> location(b).put("latitude", 39.9)), "location.latitude");
        badRequest(submit(b -> location(b).put("longitude", 116.4)), "location.longitude");
    }

    @Test
    void shouldRefuseHalfCoordinatesOrEmptyLocation() {
        badRequest(submit(b -> location(b).remove("longitude")), "location.longitude");
        badRequest(submit(b -> b.put("location", Map.of())), "location");
    }

    @Test
    void shouldAcceptAddressWithoutCoordinates() {
        Map<String, Object> body = Petitions.parkingRequest();
        body.put("location", Map.of("address", "南岸区弹子石街道"));
        Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions").then().statusCode(201);
    }

    @Test
    void shouldRefuseUnknownCategoryNamingTheValue() {
        submit(b -> b.put("categoryCode", "ufo-sightings"))
                .statusCode(422).body("type", equalTo("urn:minhu:problem:unprocessable"))
                .body("errors[0].field", equalTo("categoryCode"))
                .body("detail", containsString("ufo-sightings"));
    }

    @Test
    void shouldRefuseUnknownRegionNamingTheValue() {
        submit(b -> b.put("regionCode", "110101"))
                .statusCode(422).body("errors[0].field", equalTo("regionCode"))
                .body("detail", containsString("110101"));
    }

    @Test
    void shouldRefuseTownAsRegionAndTownOfAnotherRegion() {
        submit(b -> b.put("regionCode", "500108-NANPING")).statusCode(422).body("errors[0].field", equalTo("regionCode"));
        submit(b -> b.put("townCode", "Z-WSJKQ-GUANBA")).statusCode(422).body("errors[0].field", equalTo("townCode"));
        submit(b -> b.put("townCode", "NOWHERE")).statusCode(422).body("detail", containsString("NOWHERE"));
    }

    @Test
    void shouldRefuseFieldsThatOnlyThePlatformSets() {
        submit(b -> b.put("status", "CLOSED")).statusCode(400).body("errors[0].field", equalTo("status"));
        submit(b -> b.put("trackingNumber", "CQ-1")).statusCode(400).body("errors[0].field", equalTo("trackingNumber"));
    }

    @Test
    void shouldAnswerMalformedJsonWith400() {
        Petitions.as(Petitions.newCitizen()).body("{\"title\": \"unterminated").post("/api/v1/petitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:malformed-request"))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldAnswerWrongJsonTypeWith400NamingTheField() {
        submit(b -> b.put("contact", "王小明")).statusCode(400).body("errors[0].field", equalTo("contact"));
    }

    @Test
    void shouldAnswerEmptyBodyWith400() {
        Petitions.as(Petitions.newCitizen()).post("/api/v1/petitions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerBodyOver64KilobytesWith413() {
        Map<String, Object> body = Petitions.parkingRequest();
        body.put("description", "x".repeat(70 * 1024));
        Petitions.as(Petitions.newCitizen()).body(body).post("/api/v1/petitions")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void shouldAnswerWrongMediaTypeWith415() {
        given().auth().oauth2(Tokens.citizen(Petitions.newCitizen())).contentType("text/plain").body("hello")
                .post("/api/v1/petitions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerUnknownPathAndMethodWithProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/categories").then().statusCode(405).contentType("application/problem+json");
    }

    /** Submits JSON text as it is (escapes and duplicate keys included). */
    private ValidatableResponse submitRaw(String json) {
        return Petitions.as(Petitions.newCitizen()).body(json).post("/api/v1/petitions")
                .then().contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    /** The seed request as JSON text, the marker put by {@code mark} replaced by {@code rawJsonText} (JSON escapes kept). */
    private static String rawWith(Consumer<Map<String, Object>> mark, String marker, String rawJsonText) throws Exception {
        Map<String, Object> body = Petitions.parkingRequest();
        mark.accept(body);
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body).replace(marker, rawJsonText);
    }

    @Test
    void shouldRefuseNumbersForTextOrEnumsAndBooleansForText() {
        // "channel": 1 was read as the second channel (web)
        badRequest(submit(b -> b.put("channel", 1)), "channel");
        badRequest(submit(b -> b.put("title", 12345)), "title");
        submit(b -> b.put("categoryCode", true)).statusCode(400).body("errors[0].field", equalTo("categoryCode"))
                .body("errors[0].reason", equalTo("must be a string"));
    }

    @Test
    void shouldRefuseAKeyGivenTwiceNamingIt() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Petitions.parkingRequest());
        submitRaw("{\"title\":\"别的标题\"," + json.substring(1)).statusCode(400)
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].reason", equalTo("appears more than once in the same object"));
        submitRaw(json.replace("\"phone\":\"13812341234\"", "\"phone\":\"13812341234\",\"phone\":\"023-12345678\""))
                .statusCode(400).body("errors[0].field", equalTo("contact.phone"));
    }

    @Test
    void shouldRefuseNulAndLoneSurrogatesInAnyTextNamingTheField() throws Exception {
        // PostgreSQL refuses NUL: this was a 500
        submitRaw(rawWith(b -> b.put("description", "MARK"), "MARK", "夜间停车难\\u0000桥下空地")).statusCode(400)
                .body("errors[0].field", equalTo("description")).body("errors[0].reason", containsString("NUL"));
        // a lone surrogate was stored as '?'
        submitRaw(rawWith(b -> location(b).put("address", "MARK"), "MARK", "江南大道\\ud800号")).statusCode(400)
                .body("errors[0].field", equalTo("location.address")).body("errors[0].reason", containsString("surrogate"));
        // a pair is a character like any other
        Petitions.as(Petitions.newCitizen()).body(rawWith(b -> b.put("description", "MARK"), "MARK", "小区周边车位严重不足 \\ud83d\\ude97"))
                .post("/api/v1/petitions").then().statusCode(201);
    }

    @Test
    void shouldKeepTitlesAndNamesOnOneLineButLineBreaksInDescriptions() {
        badRequest(submit(b -> b.put("title", "南坪停车难\n希望增设停车位")), "title");
        badRequest(submit(b -> b.put("title", "南坪停车难\u0007")), "title");
        badRequest(submit(b -> contact(b).put("name", "王小明\u009b")), "contact.name");
        Petitions.as(Petitions.newCitizen()).body(Map.of("title", "南坪停车难", "description", "第一行\n\t第二行\r\n第三行",
                        "categoryCode", "traffic-parking", "regionCode", "500108", "channel", "app",
                        "contact", Map.of("name", "王小明", "phone", "13812341234")))
                .post("/api/v1/petitions").then().statusCode(201);
    }

    @Test
    void shouldTreatInvisibleOnlyTitlesAsBlank() {
        // right-to-left override, zero-width space and joiner, word joiner, BOM: nothing to read
        badRequest(submit(b -> b.put("title", "\u202e\u200b\u200d\u2060\ufeff")), "title");
        badRequest(submit(b -> b.put("title", "\u3000\u00a0\u3164")), "title");
        badRequest(submit(b -> contact(b).put("name", "\u200b")), "contact.name");
    }

    @Test
    void shouldRefuseNulAndControlCharactersInQueryAndPathParameters() {
        // a NUL in the search text reached PostgreSQL: 500
        Petitions.as(Petitions.newCitizen()).queryParam("q", "停车\u0000").get("/api/v1/petitions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        Petitions.as(Petitions.newCitizen()).queryParam("category", "health\u001b[31m").get("/api/v1/petitions")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        given().queryParam("parent", "500108\u0000").get("/api/v1/regions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("parent"));
    }
}
