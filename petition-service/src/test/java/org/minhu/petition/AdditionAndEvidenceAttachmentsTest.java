package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.Tokens;

/**
 * 附件 beyond the request itself, against the real object store, PostgreSQL and Kafka: the petitioner's files on an
 * addition (补充诉求), and the evidence (办结材料) the unit leading the case uploads before it answers. The case events go
 * onto Kafka as assignment-service publishes them (万盛's health commission leads; 万盛's civil affairs co-handles).
 */
@QuarkusTest
class AdditionAndEvidenceAttachmentsTest {

    private static final String LEAD = "Z-WSJKQ-health";
    private static final String CO = "Z-WSJKQ-civil";
    private static final String LEAD_NAME = "万盛经济技术开发区卫生健康委员会";

    @RegisterExtension
    static final EventPublisher events = new EventPublisher();

    private static String file(String citizen) {
        return Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    /** Files a request and has 万盛's health commission lead its case with civil affairs co-handling. */
    private static String fileAndAssign(String citizen) throws Exception {
        String id = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of("coUnitIds", List.of(CO)));
        awaitStatus(citizen, id, "ASSIGNED");
        return id;
    }

    private static void awaitStatus(String citizen, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                status.equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
    }

    private static long addInformation(String citizen, String id) {
        return Petitions.as(citizen).body(Map.of("text", "补充：桥下空地晚上十点后也没有照明，附现场照片。"))
                .post("/api/v1/petitions/{id}/additions", id).then().statusCode(201).extract().<Number>path("id").longValue();
    }

    /**
     * POST …/attachments with {@code token}: the form fields given (none: the caller's default kind), then the file part,
     * as a browser's FormData sends them in the order appended.
     */
    private static Response upload(String token, String id, String name, byte[] bytes, String type, Map<String, String> fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((field, value) -> body.writeBytes(("--" + AttachmentsTest.BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(AttachmentsTest.multipart(name, bytes, type));
        return given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + AttachmentsTest.BOUNDARY)
                .body(body.toByteArray()).post("/api/v1/petitions/{id}/attachments", id);
    }

    private static Response upload(String token, String id, String name, byte[] bytes, Map<String, String> fields) {
        return upload(token, id, name, bytes, "application/pdf", fields);
    }

    private static Response upload(String token, String id, String name, byte[] bytes) {
        return upload(token, id, name, bytes, Map.of());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void thePetitionersFileOnAnAdditionIsOnItsTimelineEntryAndTheUnitReadsIt() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = fileAndAssign(citizen);
        long addition = addInformation(citizen, id);
        byte[] photo = AttachmentsTest.jpegWithExif(800, 600);

        Response created = upload(Tokens.citizen(citizen), id, "现场.jpg", photo, "image/jpeg",
                fields("additionId", String.valueOf(addition)));
        created.then().statusCode(201).body("kind", equalTo("ADDITION")).body("additionId", equalTo((int) addition))
                .body("uploaderUnit", nullValue()).body("contentType", equalTo("image/jpeg"));
        String url = created.path("url");

        // the addition's entry lists it; the request's own attachments and the evidence do not
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("attachments", hasSize(0)).body("evidence", hasSize(0))
                .body("timeline.find { it.kind == 'ADDITION' }.additionId", equalTo((int) addition))
                .body("timeline.find { it.kind == 'ADDITION' }.attachments", hasSize(1))
                .body("timeline.find { it.kind == 'ADDITION' }.attachments[0].url", equalTo(url))
                .body("timeline.find { it.kind == 'STATUS' }.attachments", nullValue());

        // the unit leading the case and its co-handler read the request with it and download it, cleaned like any photo
        for (String unit : List.of(LEAD, CO)) {
            given().auth().oauth2(Tokens.staff(unit)).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                    .body("timeline.find { it.kind == 'ADDITION' }.attachments[0].url", equalTo(url));
            byte[] served = given().auth().oauth2(Tokens.staff(unit)).get(url).then().statusCode(200).contentType("image/jpeg")
                    .extract().asByteArray();
            assertThat(AttachmentsTest.contains(served, AttachmentsTest.GPS_MARKER)).as("no GPS text left").isFalse();
        }
        given().auth().oauth2(Tokens.staff(LEAD)).get("/api/v1/petitions/{id}/attachments", id).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].kind", equalTo("ADDITION"));
        // an auditor sees it listed, not its content
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("timeline.find { it.kind == 'ADDITION' }.attachments", hasSize(1));
        given().auth().oauth2(Tokens.auditor("auditor-1")).get(url).then().statusCode(403);
        // another citizen may not attach to it, nor read it
        upload(Tokens.citizen(Petitions.newCitizen()), id, "x.pdf", AttachmentsTest.pdf(), fields("additionId", String.valueOf(addition)))
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(Petitions.newCitizen())).get(url).then().statusCode(404);
    }

    @Test
    void anAdditionsFilesHaveTheirOwnLimitAndABadAdditionIdIsNamed() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        long addition = addInformation(citizen, id);
        String other = file(citizen);
        long otherAddition = addInformation(citizen, other);
        String token = Tokens.citizen(citizen);
        byte[] pdf = AttachmentsTest.pdf();

        upload(token, id, "a.pdf", pdf, fields("kind", "ADDITION")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("additionId"));
        upload(token, id, "a.pdf", pdf, fields("additionId", "abc")).then().statusCode(400).body("errors[0].field", equalTo("additionId"));
        upload(token, id, "a.pdf", pdf, fields("kind", "PETITION", "additionId", String.valueOf(addition))).then().statusCode(400)
                .body("errors[0].field", equalTo("additionId"));
        upload(token, id, "a.pdf", pdf, fields("kind", "PHOTO")).then().statusCode(400).body("errors[0].field", equalTo("kind"));
        // the addition of another request (even the same petitioner's) is not one of this request's
        upload(token, id, "a.pdf", pdf, fields("additionId", String.valueOf(otherAddition))).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("additionId"));

        for (int i = 1; i <= 3; i++) {
            upload(token, id, "a" + i + ".pdf", pdf, fields("kind", "ADDITION", "additionId", String.valueOf(addition)))
                    .then().statusCode(201).body("kind", equalTo("ADDITION"));
        }
        upload(token, id, "a4.pdf", pdf, fields("additionId", String.valueOf(addition))).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("file"))
                .body("detail", containsString("3 attachments"));
        // the request's own five are counted apart
        for (int i = 1; i <= 5; i++) {
            upload(token, id, "p" + i + ".pdf", pdf).then().statusCode(201).body("kind", equalTo("PETITION"));
        }
        upload(token, id, "p6.pdf", pdf).then().statusCode(409).body("detail", containsString("5 attachments"));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then()
                .body("attachments", hasSize(5))
                .body("timeline.find { it.kind == 'ADDITION' }.attachments", hasSize(3));
    }

    @Test
    void theLeadingUnitsEvidenceIsReadByThePetitionerAndTheCentreAndNotByAnotherUnit() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = fileAndAssign(citizen);
        byte[] pdf = AttachmentsTest.pdf();

        Response created = upload(Tokens.staff(LEAD), id, "整改通知书.pdf", pdf);
        created.then().statusCode(201).body("kind", equalTo("EVIDENCE")).body("uploaderUnit.zh", equalTo(LEAD_NAME))
                .body("additionId", nullValue());
        String url = created.path("url");

        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("evidence", hasSize(1)).body("evidence[0].url", equalTo(url))
                .body("evidence[0].uploaderUnit.zh", equalTo(LEAD_NAME))
                .body("attachments", hasSize(0));
        byte[] served = given().auth().oauth2(Tokens.citizen(citizen)).get(url).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(served).isEqualTo(pdf);
        given().auth().oauth2(Tokens.staff(CO)).get(url).then().statusCode(200);
        given().auth().oauth2(Tokens.governance("500108-gc", "centre-nanan")).get(url).then().statusCode(200);
        given().auth().oauth2(Tokens.governance("city-gc", "centre-city")).get("/api/v1/petitions/{id}", id).then()
                .statusCode(200).body("evidence", hasSize(1));
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/petitions/{id}/attachments", id).then()
                .statusCode(200).body("[0].kind", equalTo("EVIDENCE"));
        given().auth().oauth2(Tokens.auditor("auditor-1")).get(url).then().statusCode(403);

        // another unit neither reads nor uploads: 404, as for an unknown request
        given().auth().oauth2(Tokens.staff("500108-transport")).get(url).then().statusCode(404);
        upload(Tokens.staff("500108-transport"), id, "x.pdf", pdf).then().statusCode(404).contentType("application/problem+json");
        // the co-handler reads only; a centre does not upload; staff do not add to the petitioner's files
        upload(Tokens.staff(CO), id, "co.pdf", pdf).then().statusCode(403).contentType("application/problem+json");
        upload(Tokens.governance("500108-gc", "centre-nanan"), id, "gc.pdf", pdf).then().statusCode(403);
        upload(Tokens.staff(LEAD), id, "u.pdf", pdf, fields("kind", "PETITION")).then().statusCode(403)
                .contentType("application/problem+json");
        // the petitioner cannot pass a file off as the unit's evidence
        upload(Tokens.citizen(citizen), id, "mine.pdf", pdf, fields("kind", "EVIDENCE")).then().statusCode(403)
                .contentType("application/problem+json");
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("evidence", hasSize(1)).body("attachments", hasSize(0));
    }

    @Test
    void evidenceWhileTheCaseIsInTheUnitsHandsOnlyAndNeverAfterTheAnswer() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        byte[] pdf = AttachmentsTest.pdf();
        // not dispatched: no unit reads it
        upload(Tokens.staff(LEAD), id, "early.pdf", pdf).then().statusCode(404);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        awaitStatus(citizen, id, "ASSIGNED");
        upload(Tokens.staff(LEAD), id, "e1.pdf", pdf).then().statusCode(201);
        long addition = addInformation(citizen, id);

        // returned to the centre: no longer in the unit's hands
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.returned", Map.of("reason", "不属于本单位职责"));
        awaitStatus(citizen, id, "RETURNED");
        upload(Tokens.staff(LEAD), id, "e2.pdf", pdf).then().statusCode(409).body("detail", containsString("RETURNED"));

        // sent back to it, then answered
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of("action", "insist"));
        awaitStatus(citizen, id, "ASSIGNED");
        upload(Tokens.staff(LEAD), id, "e2.pdf", pdf).then().statusCode(201);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.answered", Map.of("reply", "已增设照明，见整改材料。"));
        awaitStatus(citizen, id, "ANSWERED");
        upload(Tokens.staff(LEAD), id, "late.pdf", pdf).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("ANSWERED"));
        upload(Tokens.citizen(citizen), id, "late.pdf", pdf, fields("additionId", String.valueOf(addition))).then().statusCode(409)
                .body("detail", containsString("ANSWERED"));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("evidence", hasSize(2))
                .body("timeline.find { it.kind == 'ADDITION' }.attachments", hasSize(0));
    }

    @Test
    void afterATransferTheNewUnitUploadsAndTheOldOneGets404() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = fileAndAssign(citizen);
        byte[] pdf = AttachmentsTest.pdf();
        upload(Tokens.staff(LEAD), id, "old.pdf", pdf).then().statusCode(201);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of("action", "transfer",
                "unitId", "Z-WSJKQ-market", "unitNameZh", "万盛经开区市场监督管理局", "unitNameEn", "Wansheng Market Regulation",
                "coUnitIds", List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().oauth2(Tokens.staff("Z-WSJKQ-market")).get("/api/v1/petitions/{id}", id).statusCode() == 200);
        upload(Tokens.staff(LEAD), id, "stale.pdf", pdf).then().statusCode(404);
        upload(Tokens.staff("Z-WSJKQ-market"), id, "new.pdf", pdf).then().statusCode(201)
                .body("uploaderUnit.zh", equalTo("万盛经开区市场监督管理局"));
        // the old unit's evidence stays on the request, under its name
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-market")).get("/api/v1/petitions/{id}", id).then()
                .body("evidence.uploaderUnit.zh", org.hamcrest.Matchers.contains(LEAD_NAME, "万盛经开区市场监督管理局"));
    }

    @Test
    void evidenceHasItsOwnLimitBesideThePetitionersFive() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = fileAndAssign(citizen);
        byte[] pdf = AttachmentsTest.pdf();
        for (int i = 1; i <= 5; i++) {
            upload(Tokens.citizen(citizen), id, "p" + i + ".pdf", pdf).then().statusCode(201);
        }
        for (int i = 1; i <= 5; i++) {
            upload(Tokens.staff(LEAD), id, "e" + i + ".pdf", pdf).then().statusCode(201);
        }
        upload(Tokens.staff(LEAD), id, "e6.pdf", pdf).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("detail", containsString("5 evidence files"));
        upload(Tokens.citizen(citizen), id, "p6.pdf", pdf).then().statusCode(409).body("detail", containsString("5 attachments"));
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().body("attachments", hasSize(5)).body("evidence", hasSize(5));
    }
}
