package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minhu.open311.GeoReportConformance;
import org.minhu.common.events.Topics;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.testsupport.TopicReader;
import org.minhu.testsupport.Tokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Open311 GeoReport v2 on petition-service: our conformance suite, the API keys, and the pipeline behind it. */
@QuarkusTest
class Open311Test {

    @TestHTTPResource("/open311/v2")
    java.net.URL open311;

    static String issueKey(String name) {
        return given().auth().oauth2(Tokens.admin("city-gc")).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/open311-clients").then().statusCode(201)
                .body("apiKey", startsWith("minhu311_")).extract().path("apiKey");
    }

    static Map<String, String> form(String key) {
        return new java.util.LinkedHashMap<>(Map.of("api_key", key, "service_code", "traffic-parking", "attribute[region]", "500108",
                "attribute[town]", "500108-NANPING", "lat", "29.5253", "long", "106.5702", "description", "南坪片区夜间停车难，希望增设停车位。",
                "first_name", "小明", "last_name", "王", "phone", "13812341234"));
    }

    @Test
    void shouldPassOurConformanceSuiteInJsonAndXml() {
        List<GeoReportConformance.Result> results = new GeoReportConformance(open311.toString(), issueKey("conformance"),
                "29.5630", "106.5516", "13800138000").run();
        assertThat(results.stream().filter(r -> !r.passed()).map(Object::toString).toList()).isEmpty();
        assertThat(results).hasSizeGreaterThan(150);
    }

    @Test
    void errorsOfTheCommonLayersAreGeoReportErrorListsInThePathsFormat() {
        // no GeoReport endpoint at this path: not problem+json but the list, in XML as the path asks
        String xml = given().get("/open311/v2/no-such-endpoint.xml").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.containsString("xml")).extract().asString();
        assertThat(xml).contains("<errors>").contains("<code>404</code>").contains("<description>");
        // a control character in a parameter is refused before the resource runs: the list, in JSON
        given().queryParam("api_key", "key\u0007").get("/open311/v2/services.json").then().statusCode(400)
                .contentType(org.hamcrest.Matchers.containsString("json"))
                .body("[0].code", equalTo(400)).body("[0].description", org.hamcrest.Matchers.containsString("api_key"));
    }

    @Test
    void shouldFileThroughTheSamePipelineAndShowOnlyTheClientsOwnRequests() throws Exception {
        String key = issueKey("city app");
        String other = issueKey("another app");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicReader reader = TopicReader.fromNow(bootstrap, Topics.PETITION_EVENTS)) {
            String id = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.json").then().statusCode(201)
                    .contentType(startsWith("application/json")).body("$", hasSize(1))
                    .extract().path("[0].service_request_id");
            List<ConsumerRecord<String, String>> events = reader.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(events.get(0).value()).contains("org.minhu.petition.submitted").contains("500108").doesNotContain("13812341234");
            given().queryParam("api_key", key).get("/open311/v2/requests/{id}.json", id).then().statusCode(200)
                    .body("[0].status", equalTo("open")).body("[0].minhu_status", equalTo("SUBMITTED"))
                    .body("[0].service_name", equalTo("交通出行与停车")).body("[0].lat", equalTo(29.5253f))
                    .body("[0].requested_datetime", org.hamcrest.Matchers.endsWith("+08:00"))
                    .body("[0].status_notes", nullValue());
            given().queryParam("api_key", key).get("/open311/v2/requests/{id}.xml", id).then().statusCode(200)
                    .contentType(startsWith("text/xml")).body("service_requests.request.service_request_id", equalTo(id));
            given().queryParam("api_key", key).get("/open311/v2/tokens/{id}.json", id).then().statusCode(200)
                    .body("[0].service_request_id", equalTo(id)).body("[0].token", equalTo(id));
            // another client application does not see it
            given().queryParam("api_key", other).get("/open311/v2/requests/{id}.json", id).then().statusCode(404)
                    .body("[0].code", equalTo(404)).body("[0].description", notNullValue());
            given().queryParam("api_key", other).queryParam("service_request_id", id).get("/open311/v2/requests.json")
                    .then().statusCode(200).body("$", hasSize(0));
        }
    }

    @Test
    void shouldStoreOnlyTheKeysHashAndRefuseARevokedKey() {
        String key = issueKey("to revoke");
        String id = given().auth().oauth2(Tokens.admin("city-gc")).get("/api/v1/open311-clients").then().statusCode(200)
                .body("apiKey", org.hamcrest.Matchers.everyItem(nullValue()))
                .extract().jsonPath().<String>getList("findAll { it.name == 'to revoke' }.id").get(0);
        Long stored = QuarkusTransaction.requiringNew().call(() -> (Long) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM open311_client WHERE key_hash = ?1 OR key_hash LIKE ?2", Long.class)
                .setParameter(1, key).setParameter(2, "%" + key.substring(9) + "%").getSingleResult());
        assertThat(stored).as("the key itself is nowhere in the table").isZero();
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.json").then().statusCode(201);
        given().auth().oauth2(Tokens.admin("city-gc")).delete("/api/v1/open311-clients/{id}", id).then().statusCode(200)
                .body("revokedAt", notNullValue());
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.xml").then().statusCode(403)
                .contentType(startsWith("text/xml")).body("errors.error.code", equalTo("403"));
        // only an administrator manages keys
        given().auth().oauth2(Tokens.staff("500108-transport")).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/v1/open311-clients").then().statusCode(403);
    }

    @Test
    void shouldKeepTheMediaUrlAndRefuseOneThatIsNoUrl() {
        String key = issueKey("media");
        Map<String, String> withMedia = form(key);
        withMedia.put("media_url", "https://img.example.org/parking.jpg");
        String id = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(withMedia)
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().queryParam("api_key", key).get("/open311/v2/requests/{id}.json", id).then().statusCode(200)
                .body("[0].media_url", equalTo("https://img.example.org/parking.jpg"))
                .body("[0].description", equalTo("南坪片区夜间停车难，希望增设停车位。"));
        withMedia.put("media_url", "javascript:alert(1)");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(withMedia).post("/open311/v2/requests.json")
                .then().statusCode(400).body("[0].description", startsWith("media_url"));
    }

    @Test
    void shouldNameEveryMissingOrInvalidFieldInOneAnswer() {
        String key = issueKey("validation");
        Map<String, String> bad = form(key);
        bad.remove("service_code");
        bad.remove("phone");
        bad.put("lat", "39.9");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(bad).post("/open311/v2/requests.json").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.everyItem(equalTo(400)))
                .body("description", org.hamcrest.Matchers.hasItems(startsWith("service_code"), startsWith("phone")));
        Map<String, String> outside = form(key);
        outside.put("lat", "39.9");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(outside).post("/open311/v2/requests.json").then().statusCode(400)
                .body("description", org.hamcrest.Matchers.hasItem(startsWith("lat")));
        Map<String, String> badRegion = form(key);
        badRegion.put("attribute[region]", "999999");
        badRegion.remove("attribute[town]");
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(badRegion).post("/open311/v2/requests.json").then().statusCode(400)
                .body("description", org.hamcrest.Matchers.hasItem(startsWith("attribute[region]")));
        given().queryParam("api_key", key).queryParam("start_date", "2026-01-01T00:00:00+08:00")
                .queryParam("end_date", "2026-06-01T00:00:00+08:00").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("start_date, end_date"));
        given().queryParam("api_key", key).queryParam("start_date", "yesterday").get("/open311/v2/requests.xml").then().statusCode(400)
                .contentType(startsWith("text/xml"));
    }
    @Test
    void shouldAnswerBadPercentEncodingWithAGeoReportErrorList() {
        String key = issueKey("bad encoding");
        String prefix = "api_key=" + key + "&service_code=traffic-parking&attribute%5Bregion%5D=500108&lat=29.5&long=106.5"
                + "&first_name=%E5%B0%8F%E6%98%8E&last_name=%E7%8E%8B&phone=13812341234";
        for (String description : List.of("%E0%A4%A", "%ZZ", "abc%")) {
            given().contentType(ContentType.URLENC).body(prefix + "&description=" + description).post("/open311/v2/requests.json")
                    .then().statusCode(400).contentType(startsWith("application/json"))
                    .body("[0].code", equalTo(400)).body("[0].description", startsWith("description: invalid percent-encoding"));
        }
        given().contentType(ContentType.URLENC).body(prefix + "&description=%ZZ").post("/open311/v2/requests.xml")
                .then().statusCode(400).contentType(startsWith("text/xml")).body("errors.error.code", equalTo("400"))
                .body("errors.error.description", startsWith("description: invalid percent-encoding"));
    }

    @Test
    void shouldWriteWellFormedXmlWhateverControlCharactersATextHolds() throws Exception {
        String key = issueKey("control characters");
        String id = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.xml")
                .then().statusCode(201).extract().path("service_requests.request.service_request_id");
        // texts that reached the database some other way (an older version, a unit's reply from an event)
        String dirty = "南坪片区夜间停车难\u0001\u0008\u000B\u000C\u001B\uFFFF 希望增设停车位\tthanks";
        QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("UPDATE petition SET description = ?1, reply = ?1 WHERE id = CAST(?2 AS uuid)")
                .setParameter(1, dirty).setParameter(2, id).executeUpdate());
        byte[] xml = given().queryParam("api_key", key).get("/open311/v2/requests/{id}.xml", id).then().statusCode(200)
                .extract().asByteArray();
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
        for (String element : List.of("description", "status_notes")) {
            String text = doc.getElementsByTagName(element).item(0).getTextContent();
            assertThat(text).startsWith("南坪片区夜间停车难").contains("希望增设停车位\tthanks")
                    .doesNotContain("\u0001").doesNotContain("\u001B").doesNotContain("\uFFFF");
        }
        // JSON carries them escaped, as they are
        given().queryParam("api_key", key).get("/open311/v2/requests/{id}.json", id).then().statusCode(200)
                .body("[0].description", equalTo(dirty));
    }

    @Test
    void shouldNameThePetitionerByAKeyedPseudonymNotAnUnsaltedHashOfThePhone() throws Exception {
        String key = issueKey("pseudonyms");
        String id = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT petitioner_id, CAST(open311_client_id AS text) FROM petition WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id).getSingleResult());
        String subject = (String) row[0];
        String client = (String) row[1];
        String unsalted = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((client + "/13812341234").getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 32);
        assertThat(subject).startsWith("open311:" + client + ":").doesNotContain(unsalted).doesNotContain("13812341234");
        String keyed = org.minhu.common.privacy.Pseudonyms.keyed(ConfigProvider.getConfig()
                .getValue("minhu.privacy.pseudonym-key", String.class)).of(client + "/13812341234", 32);
        assertThat(subject).isEqualTo("open311:" + client + ":" + keyed);
        // the same person of the same application is the same petitioner
        String again = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key)).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        String second = QuarkusTransaction.requiringNew().call(() -> (String) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT petitioner_id FROM petition WHERE id = CAST(?1 AS uuid)").setParameter(1, again).getSingleResult());
        assertThat(second).isEqualTo(subject);
    }

    @Test
    void shouldRefuseToStartWithoutAPseudonymKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.minhu.petition.open311.Open311Pseudonyms.require(java.util.Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MINHU_PRIVACY_PSEUDONYM_KEY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.minhu.petition.open311.Open311Pseudonyms.require(java.util.Optional.of("short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too short");
    }

    /**
     * What an Open311 client sees of each of our states (README, "Status mapping"), written down here rather than
     * taken from the code: a state added to {@link PetitionStatus} without a line here fails the test.
     */
    static final Map<PetitionStatus, String> OPEN311_STATUS = Map.ofEntries(
            Map.entry(PetitionStatus.SUBMITTED, "open"),
            Map.entry(PetitionStatus.ASSIGNED, "open"),
            Map.entry(PetitionStatus.ACCEPTED, "open"),
            Map.entry(PetitionStatus.RETURNED, "open"),
            Map.entry(PetitionStatus.TRANSFERRED, "open"),
            Map.entry(PetitionStatus.EXTENDED, "open"),
            Map.entry(PetitionStatus.OVERDUE, "open"),
            Map.entry(PetitionStatus.ESCALATED, "open"),
            Map.entry(PetitionStatus.REOPENED, "open"),
            Map.entry(PetitionStatus.ANSWERED, "closed"),
            Map.entry(PetitionStatus.RATED, "closed"),
            Map.entry(PetitionStatus.CLOSED, "closed"),
            Map.entry(PetitionStatus.REJECTED, "closed"),
            Map.entry(PetitionStatus.WITHDRAWN, "closed"),
            Map.entry(PetitionStatus.HANDED_OFF, "closed"));

    @Test
    void everyStatusMapsToItsOpen311StatusWithTheUnitsReplyAsStatusNotes() {
        assertThat(OPEN311_STATUS.keySet()).as("every status has its Open311 status in the table")
                .containsExactlyInAnyOrder(PetitionStatus.values());
        String key = issueKey("status mapping");
        Map<PetitionStatus, String> ids = new EnumMap<>(PetitionStatus.class);
        Map<PetitionStatus, String> replies = new EnumMap<>(PetitionStatus.class);
        for (PetitionStatus status : PetitionStatus.values()) {
            String id = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form(key))
                    .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
            // a reply from the unit once there is one (answered and after); none before
            String reply = status.compareTo(PetitionStatus.ANSWERED) >= 0 ? "已处理：" + status.name().toLowerCase() + " 的答复" : null;
            QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                    .createNativeQuery("UPDATE petition SET status = ?1, reply = ?2 WHERE id = CAST(?3 AS uuid)")
                    .setParameter(1, status.name()).setParameter(2, reply).setParameter(3, id).executeUpdate());
            ids.put(status, id);
            replies.put(status, reply);
        }
        for (PetitionStatus status : PetitionStatus.values()) {
            String id = ids.get(status);
            given().queryParam("api_key", key).get("/open311/v2/requests/{id}.json", id).then().statusCode(200)
                    .body("[0].status", equalTo(OPEN311_STATUS.get(status)))
                    .body("[0].status_notes", equalTo(replies.get(status)))
                    .body("[0].minhu_status", equalTo(status.name()));
            given().queryParam("api_key", key).get("/open311/v2/requests/{id}.xml", id).then().statusCode(200)
                    .body("service_requests.request.status", equalTo(OPEN311_STATUS.get(status)))
                    .body("service_requests.request.status_notes", equalTo(replies.get(status) == null ? "" : replies.get(status)));
        }
        // the status filter of GET requests follows the same mapping
        for (String wanted : List.of("open", "closed")) {
            List<String> listed = given().queryParam("api_key", key).queryParam("status", wanted).get("/open311/v2/requests.json")
                    .then().statusCode(200).extract().jsonPath().getList("service_request_id", String.class);
            Set<String> expected = new HashSet<>();
            OPEN311_STATUS.forEach((status, open311) -> {
                if (open311.equals(wanted)) {
                    expected.add(ids.get(status));
                }
            });
            assertThat(listed).as("status=" + wanted).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void thePetitionerIsAPseudonymStablePerPersonAndClientAndNoNamePhoneOrEmailLeaves() throws Exception {
        String keyA = issueKey("pseudonyms A");
        String keyB = issueKey("pseudonyms B");
        Map<String, String> first = form(keyA);
        first.put("email", "wang.xiaoming@example.cn");
        first.put("phone", "13700001111");
        first.put("first_name", "晓明");
        first.put("last_name", "欧阳");
        Map<String, String> other = form(keyA);
        other.put("phone", "13922223333");
        other.put("first_name", "丽");
        other.put("last_name", "司马");
        Map<String, String> firstOnB = new java.util.LinkedHashMap<>(first);
        firstOnB.put("api_key", keyB);
        List<String> personal = List.of("wang.xiaoming@example.cn", "13700001111", "13922223333", "晓明", "欧阳", "司马");

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Map<String, String> subjectById = new HashMap<>();
        try (TopicReader reader = TopicReader.fromNow(bootstrap, Topics.PETITION_EVENTS)) {
            String a1 = file(first);
            String a2 = file(first); // the same person again, through the same application
            String b = file(other);
            String onB = file(firstOnB);
            List<String> ids = List.of(a1, a2, b, onB);
            List<ConsumerRecord<String, String>> events = reader.await(r -> ids.contains(r.key()), 4, Duration.ofSeconds(30));
            assertThat(events).hasSize(4);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (ConsumerRecord<String, String> e : events) {
                for (String p : personal) {
                    assertThat(e.value()).as("the event carries no personal data").doesNotContain(p);
                }
                subjectById.put(e.key(), json.readTree(e.value()).path("data").path("petitionerId").asText());
            }
            assertThat(subjectById.values()).allMatch(s -> s.matches("open311:[0-9a-f-]{36}:[0-9a-f]{32}"));
            assertThat(subjectById.get(a2)).as("same person, same application: the same petitioner").isEqualTo(subjectById.get(a1));
            assertThat(subjectById.get(b)).as("another person: another petitioner").isNotEqualTo(subjectById.get(a1));
            assertThat(subjectById.get(onB)).as("the same person through another application: another petitioner")
                    .isNotEqualTo(subjectById.get(a1)).isNotEqualTo(subjectById.get(b));
            // not merely another prefix: the pseudonym itself differs, so two applications' petitioners cannot be joined
            java.util.function.Function<String, String> pseudonym = s -> s.substring(s.lastIndexOf(':') + 1);
            assertThat(pseudonym.apply(subjectById.get(onB))).isNotEqualTo(pseudonym.apply(subjectById.get(a1)));
            assertThat(pseudonym.apply(subjectById.get(b))).isNotEqualTo(pseudonym.apply(subjectById.get(a1)));

            // what the clients read: no name, phone or e-mail, by id and in lists, in JSON and in XML
            for (String id : List.of(a1, b)) {
                for (String format : List.of("json", "xml")) {
                    String body = given().queryParam("api_key", keyA).get("/open311/v2/requests/{id}." + format, id)
                            .then().statusCode(200).extract().asString();
                    assertThat(body).contains(id);
                    personal.forEach(p -> assertThat(body).doesNotContain(p));
                }
            }
            for (String format : List.of("json", "xml")) {
                String list = given().queryParam("api_key", keyA).queryParam("service_request_id", a1 + "," + a2 + "," + b)
                        .get("/open311/v2/requests." + format).then().statusCode(200).extract().asString();
                assertThat(list).contains(a1).contains(a2).contains(b);
                personal.forEach(p -> assertThat(list).doesNotContain(p));
            }
        }
    }

    private static String file(Map<String, String> form) {
        String answer = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().asString();
        // the answer to the filing client names no one either
        for (String field : List.of("phone", "email", "first_name", "last_name")) {
            if (form.get(field) != null) {
                assertThat(answer).doesNotContain(form.get(field));
            }
        }
        return io.restassured.path.json.JsonPath.from(answer).getString("[0].service_request_id");
    }
}
