package org.minhu.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minhu.testsupport.DatabaseFaults;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A request whose database connection is lost (PostgreSQL restarting, a terminated backend) is
 * the database's outage, not a bug: 503 problem+json with Retry-After and no incident, and the
 * same request sent again with its Idempotency-Key files the petition once.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void shouldAnswer503WithRetryAfterWhenTheConnectionIsLostAndFileOnceOnTheRetry() throws Exception {
        String citizen = Petitions.newCitizen();
        String key = UUID.randomUUID().toString();
        try (DatabaseFaults faults = ReconciliationEvents.faults("petition").dropConnections(1)) {
            String body = Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                    .post("/api/v1/petitions")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("status", equalTo(503)).body("type", equalTo("urn:minhu:problem:unavailable"))
                    .body("detail", containsString("Idempotency-Key"))
                    .extract().asString();
            assertThat(body).doesNotContain("Incident", "terminating", "SQL", "Exception", "org.");
            assertThat(faults.attempts()).isEqualTo(1);
        }
        String first = Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        String again = Petitions.as(citizen).header("Idempotency-Key", key).body(Petitions.parkingRequest())
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
        assertThat(again).as("the retry after the outage filed once; the next one replays it").isEqualTo(first);
        Petitions.as(citizen).get("/api/v1/petitions").then().statusCode(200).body("items.size()", equalTo(1));
    }
}
