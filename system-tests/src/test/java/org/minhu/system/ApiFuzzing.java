package org.minhu.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * The fuzzing run of the suite's system tests: one citizen's petition with a recognisable name
 * and phone, then {@link ApiFuzzer} over the merged OpenAPI document as that citizen, another
 * citizen, the unit that handles the case, another unit, a governance centre of another
 * district, an auditor, an administrator and nobody. Seed and count come from
 * {@code -Dminhu.fuzz.seed} and {@code -Dminhu.fuzz.requests}; the report goes to the test's
 * output and to {@code target/fuzz-report.txt}.
 */
final class ApiFuzzing {

    static final long DEFAULT_SEED = 20261202L;
    static final int DEFAULT_REQUESTS = 2_000;

    /**
     * The fuzzer's own district and unit (渝北, its health commission), which no other test of the
     * suite uses: what it files, answers, renames or deactivates there cannot change another
     * test's figures, whatever order the tests run in.
     */
    static final String FUZZ_REGION = "500112";
    static final String FUZZ_UNIT = "500112-health";

    static final String OWNER_NAME = "欧阳甲乙";
    static final String OWNER_PHONE = "13987650001";

    private ApiFuzzing() {
    }

    /** @param token (role, subject, unit) → a bearer token from the gateway */
    static ApiFuzzer.Report run(String gateway, TokenMinter token) throws IOException {
        long seed = Long.getLong("minhu.fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("minhu.fuzz.requests", DEFAULT_REQUESTS);
        String document = given().baseUri(gateway).get("/q/openapi").then().statusCode(200).extract().asString();
        OpenAPI api = new OpenAPIParser().readContents(document, null, null).getOpenAPI();

        String owner = token.mint("citizen", "citizen-fuzz-owner", null);
        String petitionId = given().baseUri(gateway).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("title", "渝北区社区卫生服务中心缺少儿科门诊", "description", "社区卫生服务中心周末没有儿科医生，孩子看病要跑很远。",
                        "categoryCode", "health", "regionCode", FUZZ_REGION, "channel", "app",
                        "contact", Map.of("name", OWNER_NAME, "phone", OWNER_PHONE)))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String unit = token.mint("unit_staff", "staff-fuzz-owner", FUZZ_UNIT);
        String caseId = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(gateway).auth().oauth2(unit)
                .get("/api/v1/cases?limit=100").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.petitionId == '" + petitionId + "' }.id").stream().findFirst().orElse(null),
                c -> c != null);
        String admin = token.mint("admin", "admin-fuzz", "city-gc");
        String open311Key = given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzzing client")).post("/api/v1/open311-clients").then().statusCode(201)
                .extract().path("apiKey");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("citizen", owner);
        tokens.put("citizen-other", token.mint("citizen", "citizen-fuzz-other", null));
        tokens.put("unit_staff", unit);
        tokens.put("unit_staff-other", token.mint("unit_staff", "staff-fuzz-other", "500108-transport"));
        tokens.put("governance-other", token.mint("governance", "centre-fuzz-other", "500108-gc"));
        tokens.put("auditor", token.mint("auditor", "auditor-fuzz", null));
        tokens.put("admin", admin);
        // nobody but the owner and the unit that handles the case sees the owner's name; the phone is masked for auditors too
        List<String> personal = List.of(OWNER_NAME, OWNER_PHONE);
        Map<String, List<String>> mustNotSee = Map.of(
                "citizen-other", personal, "unit_staff-other", personal, "governance-other", personal,
                "anonymous", personal, "auditor", personal);
        BiFunction<String, String, String> ids = (name, path) -> {
            if (path.startsWith("/api/v1/cases/")) {
                return caseId;
            }
            if (path.startsWith("/api/v1/units/")) {
                return FUZZ_UNIT;
            }
            if (path.startsWith("/api/v1/petitions/")) {
                return petitionId;
            }
            return null;
        };
        ApiFuzzer fuzzer = new ApiFuzzer(gateway, api, tokens, key -> {
            int space = key.indexOf(' ');
            return ids.apply(key.substring(0, space), key.substring(space + 1));
        }, mustNotSee, open311Key);
        ApiFuzzer.Report report = fuzzer.run(seed, requests);

        StringBuilder text = new StringBuilder(report.summary()).append('\n');
        report.findings().forEach(f -> text.append("  ").append(f).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-report.txt"), text);
        System.out.println("API fuzzing: " + text);
        assertThat(report.sent()).isGreaterThanOrEqualTo(requests);
        return report;
    }

    @FunctionalInterface
    interface TokenMinter {
        String mint(String role, String subject, String unitId);
    }
}
