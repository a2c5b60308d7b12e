package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueResourceTest {

    @Test
    void shouldListTheCategoriesOfDesignWithBothLanguages() {
        given().get("/api/v1/categories").then().statusCode(200)
                .body("code", hasItems("health", "traffic-parking", "agriculture", "water", "rural-funds",
                        "urban-management", "environment", "housing", "education", "social-security", "elderly-care",
                        "funeral", "school-meals", "market-supervision", "enterprise", "disputes", "public-safety", "other"))
                .body("find { it.code == 'water' }.handling", equalTo("URGENT"))
                .body("find { it.code == 'funeral' }.handling", equalTo("FAST_TRACK"))
                .body("find { it.code == 'health' }.name.zh", equalTo("医疗卫生"))
                .body("find { it.code == 'health' }.name.en", equalTo("Health"));
    }

    @Test
    void shouldListChongqingsFortyOneDistrictLevelRegions() {
        given().queryParam("level", "DISTRICT").get("/api/v1/regions").then().statusCode(200)
                .body("", hasSize(41))
                .body("findAll { it.officialCode }", hasSize(38))
                .body("findAll { it.kind == 'autonomous_county' }", hasSize(4))
                .body("findAll { it.kind == 'county' }", hasSize(8))
                .body("findAll { it.kind == 'district' }", hasSize(26))
                .body("find { it.code == '500108' }.name.zh", equalTo("南岸区"))
                .body("find { it.code == 'Z-WSJKQ' }.name.zh", equalTo("万盛经济技术开发区"));
    }

    @Test
    void shouldListTheTownsOfASeedDistrict() {
        given().queryParam("parent", "Z-WSJKQ").get("/api/v1/regions").then().statusCode(200)
                .body("code", hasItems("Z-WSJKQ-GUANBA"))
                .body("level", everyItem(equalTo("TOWN")))
                .body("find { it.code == 'Z-WSJKQ-GUANBA' }.name.zh", equalTo("关坝镇"));
        given().queryParam("parent", "500107").get("/api/v1/regions").then().statusCode(200)
                .body("name.zh", hasItems("西彭镇"));
    }

    @Test
    void shouldRefuseAnUnknownLevel() {
        given().queryParam("level", "PROVINCE").get("/api/v1/regions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("level")));
    }
}
