package org.minhu.assignment;

import org.minhu.testsupport.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;

/** Units and routing rules: read by staff, changed by an administrator, never edited in place. */
@QuarkusTest
class AdminApiTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin("city-gc")).contentType("application/json");
    }

    private static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.staff("500108-transport")).contentType("application/json");
    }

    @Test
    void shouldSeedTheThreeLevels() {
        staff().queryParam("level", "DISTRICT").queryParam("kind", "GOVERNANCE_CENTRE").get("/api/v1/units")
                .then().statusCode(200).body("", hasSize(41));
        staff().get("/api/v1/units/{id}", "Z-WSJKQ-health").then().statusCode(200)
                .body("nameZh", equalTo("万盛经济技术开发区卫生健康委员会")).body("parentId", equalTo("Z-WSJKQ-gc"));
        staff().get("/api/v1/units/{id}", "500107-XIPENG-office").then().statusCode(200)
                .body("nameZh", equalTo("西彭镇人民政府")).body("level", equalTo("TOWN"));
        staff().get("/api/v1/units/{id}", "city-health").then().statusCode(200).body("nameZh", equalTo("重庆市卫生健康委员会"));
    }

    @Test
    void shouldLetOnlyAnAdministratorChangeUnits() {
        String id = "500108-T" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> unit = Map.of("id", id, "nameZh", "南坪街道试点办", "nameEn", "Nanping pilot office",
                "level", "TOWN", "kind", "TOWN_OFFICE", "regionCode", "500108-NANPING", "parentId", "500108-gc");
        given().contentType("application/json").body(unit).post("/api/v1/units").then().statusCode(401)
                .contentType("application/problem+json");
        staff().body(unit).post("/api/v1/units").then().statusCode(403)
                .contentType("application/problem+json");
        admin().body(unit).post("/api/v1/units").then().statusCode(201).body("id", equalTo(id));
        admin().body(unit).post("/api/v1/units").then().statusCode(409);
        admin().body(Map.of("nameZh", "南坪街道便民服务中心")).patch("/api/v1/units/{id}", id)
                .then().statusCode(200).body("nameZh", equalTo("南坪街道便民服务中心")).body("nameEn", equalTo("Nanping pilot office"));
        admin().body(Map.of("id", "x y", "nameZh", "", "level", "PLANET", "kind", "DEPARTMENT", "parentId", "nobody"))
                .post("/api/v1/units").then().statusCode(400).body("errors.field", hasItem("level"));
        admin().delete("/api/v1/units/{id}", id).then().statusCode(204);
        staff().get("/api/v1/units/{id}", id).then().statusCode(404);
    }

    @Test
    void shouldNeverDeleteAUnitWithCasesOrRules() {
        admin().delete("/api/v1/units/{id}", "500108-transport").then().statusCode(409)
                .body("allowedActions", equalTo(List.of("deactivate")));
    }

    @Test
    void shouldAddARuleVersionThatDispatchUsesFromItsEffectiveTime() {
        staff().queryParam("category", "traffic-parking").queryParam("region", "500109").queryParam("town", "500109-TIANSHENG")
                .get("/api/v1/routing-rules/dry-run").then().statusCode(200)
                .body("leadUnitId", equalTo("500109-transport")).body("ruleVersion", equalTo(1));
        admin().body(Map.of("categoryCode", "traffic-parking", "regionCode", "500109-TIANSHENG",
                        "leadUnitId", "500109-TIANSHENG-office", "coUnitIds", List.of("500109-transport"),
                        "effectiveFrom", "2030-01-01T00:00:00+08:00"))
                .post("/api/v1/routing-rules").then().statusCode(201).body("version", equalTo(1));
        // not in force yet
        staff().queryParam("category", "traffic-parking").queryParam("region", "500109").queryParam("town", "500109-TIANSHENG")
                .get("/api/v1/routing-rules/dry-run").then().body("leadUnitId", equalTo("500109-transport"));
        staff().queryParam("category", "traffic-parking").queryParam("region", "500109").queryParam("town", "500109-TIANSHENG")
                .queryParam("at", "2030-06-01T00:00:00+08:00")
                .get("/api/v1/routing-rules/dry-run").then().statusCode(200)
                .body("leadUnitId", equalTo("500109-TIANSHENG-office")).body("coUnitIds", equalTo(List.of("500109-transport")))
                .body("leadUnitNameZh", equalTo("天生街道办事处"));
        staff().queryParam("category", "traffic-parking").queryParam("region", "500109-TIANSHENG").get("/api/v1/routing-rules")
                .then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void shouldFallBackToTheGovernanceCentreWhenTheUnitIsDeactivated() {
        staff().queryParam("category", "funeral").queryParam("region", "500111").get("/api/v1/routing-rules/dry-run")
                .then().body("leadUnitId", equalTo("500111-civil-affairs"));
        admin().post("/api/v1/units/{id}/deactivate", "500111-civil-affairs").then().statusCode(200).body("active", equalTo(false));
        try {
            staff().queryParam("category", "funeral").queryParam("region", "500111").get("/api/v1/routing-rules/dry-run")
                    .then().body("leadUnitId", equalTo("500111-gc")).body("fallback", equalTo(true)).body("ruleId", nullValue());
        } finally {
            // active again whatever the assertions found: no other test may meet a unit this one switched off
            admin().post("/api/v1/units/{id}/activate", "500111-civil-affairs").then().statusCode(200);
        }
    }

    @Test
    void shouldRefuseARuleForAnUnknownUnitOrRegion() {
        admin().body(Map.of("categoryCode", "health", "regionCode", "999999", "leadUnitId", "500101-health"))
                .post("/api/v1/routing-rules").then().statusCode(422).body("errors[0].field", equalTo("regionCode"));
        admin().body(Map.of("categoryCode", "health", "regionCode", "500101", "leadUnitId", "nobody"))
                .post("/api/v1/routing-rules").then().statusCode(422).body("errors[0].field", equalTo("leadUnitId"));
    }

    @Test
    void shouldRefuseARuleForAnUnknownCategoryOrWithAnAbsurdEffectiveTime() {
        admin().body(Map.of("categoryCode", "weather-control", "regionCode", "500101", "leadUnitId", "500101-health"))
                .post("/api/v1/routing-rules").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("categoryCode"));
        for (String when : List.of("+99999-01-01T00:00:00+08:00", "1999-12-31T23:59:59+08:00")) {
            admin().body(Map.of("categoryCode", "health", "regionCode", "500101", "leadUnitId", "500101-health", "effectiveFrom", when))
                    .post("/api/v1/routing-rules").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("effectiveFrom"));
        }
        staff().queryParam("category", "health").queryParam("region", "500101").get("/api/v1/routing-rules")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.not(hasItem(2)));
    }

    @Test
    void shouldNameAParameterThatDoesNotConvertAndRefuseNumbersForTextOrFlags() {
        // RESTEasy Reactive answered these with an empty 404, as if the path did not exist
        given().auth().oauth2(Tokens.staff("500108-transport")).queryParam("limit", "abc").get("/api/v1/cases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit")).body("errors[0].reason", equalTo("must be a whole number"));
        given().auth().oauth2(Tokens.staff("500108-transport")).queryParam("overdue", "maybe").get("/api/v1/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("overdue"));
        given().auth().oauth2(Tokens.staff("500108-transport")).get("/api/v1/cases/{id}", "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        // a NUL in a path segment: PostgreSQL would refuse it (500)
        staff().get("/api/v1/units/{id}", "500108\u0000x").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        // JSON: a number is neither a text nor an enum, a fraction is no whole number, a key counts once
        admin().body("{\"categoryCode\":1,\"regionCode\":\"500101\",\"leadUnitId\":\"500101-health\"}")
                .post("/api/v1/routing-rules").then().statusCode(400).body("errors[0].field", equalTo("categoryCode"))
                .body("errors[0].reason", equalTo("must be a string"));
        admin().body("{\"categoryCode\":\"health\",\"regionCode\":\"500101\",\"leadUnitId\":\"500101-health\",\"leadUnitId\":\"nobody\"}")
                .post("/api/v1/routing-rules").then().statusCode(400).body("errors[0].field", equalTo("leadUnitId"))
                .body("errors[0].reason", equalTo("appears more than once in the same object"));
        admin().body("{\"categoryCode\":\"health\",\"regionCode\":\"500101\",\"leadUnitId\":\"500101-health\",\"coUnitIds\":[\"500101-\\u0000\"]}")
                .post("/api/v1/routing-rules").then().statusCode(400).body("errors[0].field", equalTo("coUnitIds[0]"));
    }
}
