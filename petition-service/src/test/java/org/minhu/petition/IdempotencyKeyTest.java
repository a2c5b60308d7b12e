package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.petition.config.PetitionConfig;
import org.minhu.petition.idempotency.IdempotencyStore;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdempotencyStore store;

    @Inject
    PetitionConfig config;

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
    void shouldFileOnceAndAnswerBothConcurrentDuplicatesWithTheSameRequest() throws Exception {
        // Many rounds, each with two simultaneous requests carrying one key: every round files one
        // request, and the other answer is its replay (the loser waited for the winner's transaction).
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
                List<Response> answers = new ArrayList<>();
                for (Future<Response> f : futures) {
                    answers.add(f.get());
                }
                assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
                assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
                assertThat(answers.get(1).path("id").toString()).isEqualTo(answers.get(0).path("id"));
                assertThat(rowsOf(citizen)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldRefuseAnUnusableKey() {
        Petitions.as(Petitions.newCitizen()).header("Idempotency-Key", "x".repeat(300)).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    /** The key's row, as the store keeps it: state, fingerprint, or null when there is none. */
    private Object[] keyRow(String citizen, String key) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT state, fingerprint FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, citizen).setParameter(2, key).getResultList());
        return rows.isEmpty() ? null : (Object[]) rows.get(0);
    }

    private static Response file(String citizen, String key, Map<String, Object> body) {
        return Petitions.as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/petitions").andReturn();
    }

    /**
     * Holds every request that files a petition at its INSERT into petition (a SHARE lock taken by
     * another transaction keeps writers out, readers pass) until {@link #release()}.
     */
    private final class PetitionInsertsHeld implements AutoCloseable {
        final Connection blocker;

        PetitionInsertsHeld() throws Exception {
            blocker = dataSource.getConnection();
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE petition IN SHARE MODE");
            }
        }

        /** Waits until {@code n} sessions wait for a lock while inserting a petition or claiming a key. */
        void awaitWaiting(String insertInto, int n) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                     var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                             + "AND query ILIKE 'INSERT INTO " + insertInto + "%'")) {
                    rs.next();
                    return rs.getInt(1) >= n;
                }
            });
        }

        /** Ends the first held request's transaction by terminating its database session. */
        void killHeldRequest() throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query ILIKE 'INSERT INTO petition%'");
            }
        }

        void release() throws Exception {
            blocker.rollback();
        }

        @Override
        public void close() throws Exception {
            blocker.rollback();
            blocker.close();
        }
    }

    @Test
    void shouldLetADuplicateOfARequestInFlightWaitForItAndAnswerItsAnswer() throws Exception {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Response> first;
            Future<Response> duplicate;
            Future<Response> reused;
            try (PetitionInsertsHeld held = new PetitionInsertsHeld()) {
                first = pool.submit(() -> file(citizen, key, Petitions.parkingRequest()));
                held.awaitWaiting("petition", 1);
                assertThat(keyRow(citizen, key)).as("the claim is not visible before the work commits").isNull();

                // the same request again, and another body under the same key, while the first is in flight:
                // both wait at their claim for the first transaction, nothing is filed twice
                duplicate = pool.submit(() -> file(citizen, key, Petitions.parkingRequest()));
                Map<String, Object> other = Petitions.parkingRequest();
                other.put("title", "另一个诉求");
                reused = pool.submit(() -> file(citizen, key, other));
                held.awaitWaiting("idempotency_key", 2);
                assertThat(first.isDone() || duplicate.isDone() || reused.isDone()).isFalse();
                held.release();
            }
            Response created = first.get(30, TimeUnit.SECONDS);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.header("Idempotent-Replayed")).isNull();
            assertThat(keyRow(citizen, key)[0]).isEqualTo("COMPLETED");
            Response replay = duplicate.get(30, TimeUnit.SECONDS);
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.path("id").toString()).isEqualTo(created.path("id"));
            Response refused = reused.get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:minhu:problem:idempotency-key-reused");
            assertThat(rowsOf(citizen)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLetAWaitingDuplicateFileTheRequestWhenTheFirstFails() throws Exception {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> first;
            Future<Response> duplicate;
            try (PetitionInsertsHeld held = new PetitionInsertsHeld()) {
                first = pool.submit(() -> file(citizen, key, Petitions.parkingRequest()));
                held.awaitWaiting("petition", 1);
                duplicate = pool.submit(() -> file(citizen, key, Petitions.parkingRequest()));
                held.awaitWaiting("idempotency_key", 1);
                // the first request's database session dies: its transaction, claim included, is rolled back
                held.killHeldRequest();
                assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
                held.release();
            }
            Response filed = duplicate.get(30, TimeUnit.SECONDS);
            assertThat(filed.statusCode()).isEqualTo(201);
            assertThat(filed.header("Idempotent-Replayed")).isNull();
            assertThat(keyRow(citizen, key)[0]).isEqualTo("COMPLETED");
            assertThat(rowsOf(citizen)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLetARetryTakeOverAKeyWhoseRequestDiedOnceItsLeaseExpired() {
        String citizen = Petitions.newCitizen();
        // the fingerprint of this body, as the store computed it for an earlier request of the same body
        String earlierKey = UUID.randomUUID().toString();
        String earlierId = file(citizen, earlierKey, Petitions.parkingRequest()).then().statusCode(201).extract().path("id");
        String fingerprint = (String) keyRow(citizen, earlierKey)[1];

        // a request that claimed its key and died before answering (its process was killed): the claim stays
        String key = UUID.randomUUID().toString();
        Instant claimed = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO idempotency_key "
                        + "(caller, idempotency_key, fingerprint, state, created_at, lease_until) VALUES (?1, ?2, ?3, 'IN_FLIGHT', ?4, ?5)")
                .setParameter(1, citizen).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, Timestamp.from(claimed)).setParameter(5, Timestamp.from(claimed.plus(config.idempotency().lease())))
                .executeUpdate());
        // while its lease runs, a retry is told the request is in flight
        file(citizen, key, Petitions.parkingRequest()).then().statusCode(409)
                .body("type", equalTo("urn:minhu:problem:request-in-progress"));
        assertThat(rowsOf(citizen)).isEqualTo(1);

        // the lease ran out: the retry takes the key over and files the request, once
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE idempotency_key SET lease_until = now() - interval '1 second' WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, citizen).setParameter(2, key).executeUpdate());
        Response taken = file(citizen, key, Petitions.parkingRequest());
        assertThat(taken.statusCode()).isEqualTo(201);
        assertThat(taken.header("Idempotent-Replayed")).isNull();
        assertThat(taken.path("id").toString()).isNotEqualTo(earlierId);
        assertThat(keyRow(citizen, key)[0]).isEqualTo("COMPLETED");
        Response again = file(citizen, key, Petitions.parkingRequest());
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.path("id").toString()).isEqualTo(taken.path("id"));
        assertThat(rowsOf(citizen)).isEqualTo(2);
    }

    @Test
    void shouldPurgeKeysOlderThanTheRetentionSoThatAReusedKeyFilesANewPetition() throws Exception {
        String citizen = Petitions.newCitizen();
        String expiredKey = UUID.randomUUID().toString();
        String keptKey = UUID.randomUUID().toString();
        String expiredId = file(citizen, expiredKey, Petitions.parkingRequest()).then().statusCode(201).extract().path("id");
        String keptId = file(citizen, keptKey, Petitions.parkingRequest()).then().statusCode(201).extract().path("id");
        Duration retention = config.idempotency().retention();
        // one key an hour past the retention, one an hour short of it
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE idempotency_key SET created_at = ?3 WHERE caller = ?1 AND idempotency_key = ?2")
                    .setParameter(1, citizen).setParameter(2, expiredKey)
                    .setParameter(3, Timestamp.from(Instant.now().minus(retention).minus(Duration.ofHours(1)))).executeUpdate();
            em.createNativeQuery("UPDATE idempotency_key SET created_at = ?3 WHERE caller = ?1 AND idempotency_key = ?2")
                    .setParameter(1, citizen).setParameter(2, keptKey)
                    .setParameter(3, Timestamp.from(Instant.now().minus(retention).plus(Duration.ofHours(1)))).executeUpdate();
        });

        // the maintenance job (scheduled hourly), run now
        Method purge = IdempotencyStore.class.getDeclaredMethod("purgeExpired");
        purge.setAccessible(true);
        purge.invoke(store);

        assertThat(keyRow(citizen, expiredKey)).as("a key past the retention is purged").isNull();
        assertThat(keyRow(citizen, keptKey)).as("a key inside the retention is kept").isNotNull();
        Response kept = file(citizen, keptKey, Petitions.parkingRequest());
        assertThat(kept.statusCode()).isEqualTo(201);
        assertThat(kept.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(kept.path("id").toString()).isEqualTo(keptId);
        // the purged key is a new key: the same body files a new petition
        Response reused = file(citizen, expiredKey, Petitions.parkingRequest());
        assertThat(reused.statusCode()).isEqualTo(201);
        assertThat(reused.header("Idempotent-Replayed")).isNull();
        assertThat(reused.path("id").toString()).isNotEqualTo(expiredId).isNotEqualTo(keptId);
        assertThat(rowsOf(citizen)).isEqualTo(3);
    }
}
