package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minhu.testsupport.Tokens;

/**
 * 重复诉求提示 and 附议 on the real database: which open requests a citizen is shown before filing, what they see of
 * them (nothing personal), and supporting one. Each test uses its own category, so they do not see each other's requests.
 */
@QuarkusTest
class SimilarRequestsTest {

    private static final String SIMILAR = "/api/v1/petitions/similar";

    @Inject
    EntityManager em;

    private static Map<String, Object> request(String category, String region, String town, String title, String description,
                                               Double latitude, Double longitude) {
        Map<String, Object> body = Petitions.parkingRequest();
        body.put("categoryCode", category);
        body.put("regionCode", region);
        body.put("townCode", town);
        body.put("title", title);
        body.put("description", description);
        Map<String, Object> location = new HashMap<>();
        if (latitude != null) {
            location.put("latitude", latitude);
            location.put("longitude", longitude);
        } else {
            location.put("address", "附近");
        }
        body.put("location", location);
        return body;
    }

    private static String file(String citizen, Map<String, Object> body) {
        return Petitions.as(citizen).body(body).post("/api/v1/petitions").then().statusCode(201).extract().path("id");
    }

    private void sql(String statement, String id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).setParameter(1, java.util.UUID.fromString(id))
                .executeUpdate());
    }

    private static final String TITLE = "弹子石老街烧烤店油烟扰民";
    private static final String DESCRIPTION = "弹子石老街几家烧烤店油烟直排，晚上油烟和噪音影响居民休息，希望环保部门查处。";

    @Test
    void similarFindsTheNearbyOpenRequestOfTheSameCategoryButNotAClosedOldOrOtherOne() {
        String filer = Petitions.newCitizen();
        String open = file(filer, request("environment", "500108", "500108-DANZISHI", TITLE, DESCRIPTION, 29.5835, 106.5975));
        String acrossTheBoundary = file(filer, request("environment", "500108", "500108-NANPING", "夜宵摊油烟太呛",
                "烧烤店油烟直排，晚上呛得没法开窗。", 29.5850, 106.5980));
        String closed = file(filer, request("environment", "500108", "500108-DANZISHI", TITLE, DESCRIPTION, 29.5835, 106.5975));
        sql("UPDATE petition SET status = 'CLOSED' WHERE id = ?1", closed);
        String withdrawn = file(filer, request("environment", "500108", "500108-DANZISHI", TITLE, DESCRIPTION, 29.5835, 106.5975));
        sql("UPDATE petition SET status = 'WITHDRAWN' WHERE id = ?1", withdrawn);
        String otherCategory = file(filer, request("urban-management", "500108", "500108-DANZISHI", TITLE, DESCRIPTION, 29.5835, 106.5975));
        String otherTownFarAway = file(filer, request("environment", "500108", "500108-NANPING", TITLE, DESCRIPTION, 29.5253, 106.5702));
        String otherTownNoPlace = file(filer, request("environment", "500108", "500108-NANPING", TITLE, DESCRIPTION, null, null));
        String old = file(filer, request("environment", "500108", "500108-DANZISHI", TITLE, DESCRIPTION, 29.5835, 106.5975));
        sql("UPDATE petition SET submitted_at = now() - interval '31 days' WHERE id = ?1", old);
        String unlike = file(filer, request("environment", "500108", "500108-DANZISHI", "江边工地夜间施工扬尘",
                "长江边的工地白天黑夜都在施工，粉尘很大。", 29.5835, 106.5975));

        Response found = Petitions.as(Petitions.newCitizen())
                .queryParam("categoryCode", "environment").queryParam("regionCode", "500108").queryParam("townCode", "500108-DANZISHI")
                .queryParam("title", "老街烧烤油烟扰民").queryParam("description", "晚上烧烤店油烟很大，影响休息")
                .queryParam("latitude", "29.5830").queryParam("longitude", "106.5970")
                .get(SIMILAR);
        found.then().statusCode(200);
        List<String> ids = found.path("items.id");
        assertThat(ids).contains(open, acrossTheBoundary)
                .doesNotContain(closed, withdrawn, otherCategory, otherTownFarAway, otherTownNoPlace, old, unlike);
        assertThat(ids.indexOf(open)).as("the most alike first").isLessThan(ids.indexOf(acrossTheBoundary));
        found.then()
                .body("items.find { it.id == '" + open + "' }.trackingNumber", org.hamcrest.Matchers.startsWith("CQ-"))
                .body("items.find { it.id == '" + open + "' }.town.code", equalTo("500108-DANZISHI"))
                .body("items.find { it.id == '" + open + "' }.status", equalTo("SUBMITTED"))
                .body("items.find { it.id == '" + open + "' }.supporters", equalTo(0))
                .body("items.find { it.id == '" + open + "' }.yours", equalTo(false))
                // about 240 m apart, shown rounded up to the next 100 m
                .body("items.find { it.id == '" + acrossTheBoundary + "' }.distanceMeters", equalTo(300))
                .body("items.find { it.id == '" + acrossTheBoundary + "' }.town.code", equalTo("500108-NANPING"));
        assertThat(found.<Float>path("items.find { it.id == '" + open + "' }.similarity")).isBetween(0.2f, 1f);

        // without a town, the region: the request of the other town with no coordinates is found too
        List<String> inRegion = Petitions.as(Petitions.newCitizen())
                .queryParam("categoryCode", "environment").queryParam("regionCode", "500108").queryParam("title", TITLE)
                .get(SIMILAR).then().statusCode(200).extract().path("items.id");
        assertThat(inRegion).contains(otherTownNoPlace).doesNotContain(closed, old, otherCategory);

        // the petitioner sees their own marked, so they follow it instead of filing again
        Petitions.as(filer).queryParam("categoryCode", "environment").queryParam("regionCode", "500108")
                .queryParam("townCode", "500108-DANZISHI").queryParam("title", TITLE).get(SIMILAR).then().statusCode(200)
                .body("items.find { it.id == '" + open + "' }.yours", equalTo(true));
    }

    @Test
    void aChineseTitleWithAPhoneNumberComesBackMaskedAndNothingPersonalLeaves() {
        String filer = Petitions.newCitizen();
        Map<String, Object> body = request("housing", "500103", "500103-JIEFANGBEI", "解放碑小区电梯坏了一个月，请回电13812345678",
                "解放碑某小区3栋电梯停运一个月，物业不修。我住解放碑民族路88号3栋2单元501，身份证500103199001011234。",
                29.5570, 106.5770);
        String id = file(filer, body);
        String answer = Petitions.as(Petitions.newCitizen())
                .queryParam("categoryCode", "housing").queryParam("regionCode", "500103").queryParam("townCode", "500103-JIEFANGBEI")
                .queryParam("title", "解放碑小区电梯坏了").queryParam("description", "电梯停运很久了，物业不修")
                .get(SIMILAR).then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.title", equalTo("解放碑小区电梯坏了一个月，请回电***********"))
                .extract().asString();
        assertThat(answer).doesNotContain("13812345678", "王小明", "民族路", "500103199001011234", "物业不修", filer,
                "description", "contact", "petitioner", "latitude", "address", "attachments");
    }

    @Test
    void supportingTwiceCountsOnceAndTheCitizensListShowsIt() {
        String filer = Petitions.newCitizen();
        String id = file(filer, request("education", "500108", "500108-NANPING", "南坪实验小学门口上学时段拥堵，电话13912345678",
                "早上七点半学校门口接送车辆堵塞，孩子过马路很危险。", 29.5253, 106.5702));
        String supporter = Petitions.newCitizen();
        String path = "/api/v1/petitions/{id}/supporters";

        Petitions.as(supporter).post(path, id).then().statusCode(201)
                .body("petitionId", equalTo(id)).body("supporters", equalTo(1)).body("supporting", equalTo(true));
        Petitions.as(supporter).post(path, id).then().statusCode(200).body("supporters", equalTo(1));
        Petitions.as(Petitions.newCitizen()).post(path, id).then().statusCode(201).body("supporters", equalTo(2));

        Petitions.as(filer).get("/api/v1/petitions/{id}", id).then().statusCode(200).body("supporters", equalTo(2));
        given().auth().oauth2(Tokens.governance("500108-gc", "gc-staff")).get("/api/v1/petitions/{id}", id).then()
                .statusCode(200).body("supporters", equalTo(2));

        Petitions.as(supporter).queryParam("supporting", "true").get("/api/v1/petitions").then().statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].title", equalTo("南坪实验小学门口上学时段拥堵，电话***********"))
                .body("items[0].supporters", equalTo(2))
                .body("items[0].supporting", equalTo(true))
                .body("items[0].description", equalTo(null))
                .body("items[0].contact", equalTo(null));
        Petitions.as(supporter).queryParam("categoryCode", "education").queryParam("regionCode", "500108")
                .queryParam("title", "南坪实验小学门口拥堵").get(SIMILAR).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.supporting", equalTo(true))
                .body("items.find { it.id == '" + id + "' }.supporters", equalTo(2));
        // the citizen's own list is unchanged: they filed nothing
        Petitions.as(supporter).get("/api/v1/petitions").then().statusCode(200).body("items", empty());

        Petitions.as(supporter).delete(path, id).then().statusCode(200).body("supporters", equalTo(1)).body("supporting", equalTo(false));
        Petitions.as(supporter).queryParam("supporting", "true").get("/api/v1/petitions").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void thePetitionerCannotSupportTheirOwnNorAnyoneAClosedOne() {
        String filer = Petitions.newCitizen();
        String id = file(filer, request("agriculture", "Z-WSJKQ", "Z-WSJKQ-GUANBA", "关坝镇丝瓜品种退化", "丝瓜产量下降，希望农技站指导。",
                null, null));
        Petitions.as(filer).post("/api/v1/petitions/{id}/supporters", id).then().statusCode(422)
                .contentType("application/problem+json");
        Petitions.as(filer).get("/api/v1/petitions/{id}", id).then().body("supporters", equalTo(0));

        sql("UPDATE petition SET status = 'CLOSED' WHERE id = ?1", id);
        Petitions.as(Petitions.newCitizen()).post("/api/v1/petitions/{id}/supporters", id).then().statusCode(409)
                .contentType("application/problem+json");
        Petitions.as(Petitions.newCitizen()).post("/api/v1/petitions/{id}/supporters", java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.auditor("auditor-1")).post("/api/v1/petitions/{id}/supporters", id).then().statusCode(403);
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "title", "药品不足", "latitude", "99",
                "longitude", "106.57"), "latitude");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "title", "药品不足", "latitude", "north",
                "longitude", "106.57"), "latitude");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "title", "药品不足", "longitude", "106.57"), "latitude");
        assertNamed(Map.of("categoryCode", "ufo-sightings", "regionCode", "500108", "title", "药品不足"), "categoryCode");
        assertNamed(Map.of("regionCode", "500108", "title", "药品不足"), "categoryCode");
        assertNamed(Map.of("categoryCode", "health", "title", "药品不足"), "regionCode");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108-NANPING", "title", "药品不足"), "regionCode");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "townCode", "Z-WSJKQ-GUANBA", "title", "药品不足"), "townCode");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "title", "长".repeat(201)), "title");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108", "description", "长".repeat(201)), "description");
        assertNamed(Map.of("categoryCode", "health", "regionCode", "500108"), "title");
        Petitions.as(Petitions.newCitizen()).queryParam("supporting", "yes").get("/api/v1/petitions").then().statusCode(400)
                .body("errors[0].field", equalTo("supporting"));
        Petitions.as(Petitions.newCitizen()).queryParam("supporting", "true").queryParam("status", "SUBMITTED")
                .get("/api/v1/petitions").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().get(SIMILAR + "?categoryCode=health&regionCode=500108&title=x").then().statusCode(401);
        given().auth().oauth2(Tokens.admin("platform")).get(SIMILAR + "?categoryCode=health&regionCode=500108&title=x").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff("500108-transport")).get(SIMILAR + "?categoryCode=health&regionCode=500108&title=x")
                .then().statusCode(200);
    }

    private static void assertNamed(Map<String, String> params, String field) {
        Petitions.as(Petitions.newCitizen()).queryParams(params).get(SIMILAR).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}
