package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    EntityManager em;

    private long rowsOf(String citizen) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM petition WHERE petitioner_id = ?1")
                .setParameter(1, citizen).getSingleResult()).longValue();
    }

    @Test
    void shouldReturnTheSameAnswerAndCreateOneRowForTheSameKeyAndBody() {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        Response first = Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201).extract().response();
        Response second = Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().response();

        assertThat(second.path("id").toString()).isEqualTo(first.path("id"));
        assertThat(second.path("trackingNumber").toString()).isEqualTo(first.path("trackingNumber"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(rowsOf(citizen)).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithADifferentBody() {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201);
        Map<String, Object> other = Petitions.parkingRequest();
        other.put("title", "另一个诉求");
        Petitions.as(citizen).header("Idempotency-Key", key).body(other)
                .post("/api/v1/petitions").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:minhu:problem:idempotency-key-reused"));
        assertThat(rowsOf(citizen)).isEqualTo(1);
    }

    @Test
    void shouldScopeKeysToTheCaller() {
        String key = UUID.randomUUID().toString();
        String a = Petitions.newCitizen();
        String b = Petitions.newCitizen();
        String idA = Petitions.as(a).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String idB = Petitions.as(b).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        assertThat(idB).isNotEqualTo(idA);
    }

    @Test
    void shouldTreatReorderedJsonAsTheSameRequest() {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        String a = """
                {"title":"路灯不亮","description":"弹子石街道江边步道路灯连续一周不亮","categoryCode":"urban-management",
                 "regionCode":"500108","channel":"web","contact":{"name":"李四","phone":"13900001111"}}""";
        String b = """
                {"contact":{"phone":"13900001111","name":"李四"},"channel":"web","regionCode":"500108",
                   "categoryCode":"urban-management","description":"弹子石街道江边步道路灯连续一周不亮","title":"路灯不亮"}""";
        Petitions.as(citizen).header("Idempotency-Key", key).body(a).post("/api/v1/petitions").then().statusCode(201);
        Petitions.as(citizen).header("Idempotency-Key", key).body(b).post("/api/v1/petitions").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
        assertThat(rowsOf(citizen)).isEqualTo(1);
    }

    @Test
    void shouldGiveOneCreatedAndOneConflictForConcurrentDuplicates() throws Exception {
        // Many rounds, each with two simultaneous requests carrying one key: every round files one
        // request; the loser either sees the key in flight (409) or, if it came late, the replay.
        int conflicts = 0;
        for (int round = 0; round < 20; round++) {
            String citizen = Petitions.newCitizen();
            String key = UUID.randomUUID().toString();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Response> call = () -> {
                    go.await();
                    return Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                            .post("/api/v1/petitions").andReturn();
                };
                List<Future<Response>> futures = new ArrayList<>();
                futures.add(pool.submit(call));
                futures.add(pool.submit(call));
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> f : futures) {
                    Response r = f.get();
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        assertThat(r.contentType()).startsWith("application/problem+json");
                        assertThat(r.jsonPath().getString("type")).isEqualTo("urn:minhu:problem:request-in-progress");
                    }
                }
                assertThat(statuses).contains(201);
                assertThat(statuses).allMatch(s -> s == 201 || s == 409);
                if (statuses.contains(409)) {
                    conflicts++;
                }
                assertThat(rowsOf(citizen)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(conflicts).as("rounds where the duplicate arrived while the first was in flight").isPositive();
    }

    @Test
    void shouldRefuseAnUnusableKey() {
        Petitions.as(Petitions.newCitizen()).header("Idempotency-Key", "x".repeat(300)).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }
}
