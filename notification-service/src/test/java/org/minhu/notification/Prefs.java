package org.minhu.notification;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;

/** Sets a recipient's preferences through the API, as a citizen or unit staff would. */
public final class Prefs {

    private Prefs() {
    }

    public static void set(String token, String email, String webhookUrl, String quietStart, String quietEnd) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("locale", "zh-CN");
        body.put("email", Map.of("address", email == null ? "" : email, "enabled", email != null));
        body.put("webhook", Map.of("url", webhookUrl == null ? "" : webhookUrl, "enabled", webhookUrl != null));
        body.put("quietHours", Map.of("start", quietStart, "end", quietEnd));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put("/api/v1/notification-preferences").then().statusCode(200);
    }

    /** E-mail on, no webhook, no quiet hours. */
    public static void email(String token, String email) {
        set(token, email, null, "00:00", "00:00");
    }
}
