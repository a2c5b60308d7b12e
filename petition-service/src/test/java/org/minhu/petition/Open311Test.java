package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minhu.open311.GeoReportConformance;
import org.minhu.petition.outbox.Topics;
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
}
