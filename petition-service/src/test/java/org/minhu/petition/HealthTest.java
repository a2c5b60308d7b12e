package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    static final String KAFKA_CHECK = "Kafka (informational: intake works without it)";

    @Test
    void shouldReportPostgresqlKafkaAndOutboxWhenReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", KAFKA_CHECK, "Outbox relay"))
                .body("checks.find { it.name == '" + KAFKA_CHECK + "' }.data.kafka", equalTo("UP"));
    }
}
