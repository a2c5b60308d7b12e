package org.minhu.petition;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test data and calls shared by the petition tests. */
public final class Petitions {

    private Petitions() {
    }

    /** A fresh citizen subject, so tests do not see each other's requests. */
    public static String newCitizen() {
        return "citizen-" + UUID.randomUUID();
    }

    /** The 南岸 parking request of the seed cases, as a mutable map a test can spoil. */
    public static Map<String, Object> parkingRequest() {
        Map<String, Object> location = new HashMap<>();
        location.put("latitude", 29.5253);
        location.put("longitude", 106.5702);
        location.put("address", "南岸区南坪街道江南大道8号附近");
        Map<String, Object> contact = new HashMap<>();
        contact.put("name", "王小明");
        contact.put("phone", "13812341234");
        Map<String, Object> body = new HashMap<>();
        body.put("title", "南坪片区夜间停车难，希望增设停车位");
        body.put("description", "小区周边车位严重不足，夜间车辆只能停在路边，影响消防通道。希望在桥下空地增设停车位。");
        body.put("categoryCode", "traffic-parking");
        body.put("regionCode", "500108");
        body.put("townCode", "500108-NANPING");
        body.put("location", location);
        body.put("channel", "app");
        body.put("contact", contact);
        return body;
    }

    public static RequestSpecification as(String citizen) {
        return given().auth().oauth2(Tokens.citizen(citizen)).contentType(ContentType.JSON);
    }
}
