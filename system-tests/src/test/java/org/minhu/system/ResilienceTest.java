package org.minhu.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minhu.system.SharedSuite.*;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.TopicReader;

import io.restassured.http.ContentType;

/**
 * The packaged suite behind its gateway when parts fail: with Kafka stopped, intake through the
 * gateway still answers 201 and nothing leaves its load balancer; a service stopped (SIGTERM, as
 * in a rolling update) while its consumer is retrying leaves the message for its next start
 * instead of dead-lettering it.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSuite.class)
class ResilienceTest {

    static final String KAFKA_CHECK = "Kafka (informational: intake works without it)";

    private static String file(String citizen, String title) {
        return given().baseUri(gateway.baseUrl()).auth().oauth2(infra.identity().citizen(citizen)).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "南坪步行街周边夜间违停严重，影响通行，希望加强管理。",
                        "categoryCode", "traffic-parking", "regionCode", "500108", "townCode", "500108-NANPING",
                        "channel", "app", "contact", Map.of("name", "李四", "phone", "13900001111")))
                .post("/api/v1/petitions").then().statusCode(201).extract().path("id");
    }

    private static void awaitAssigned(String citizen, List<String> ids) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (String id : ids) {
                given().baseUri(gateway.baseUrl()).auth().oauth2(infra.identity().citizen(citizen))
                        .get("/api/v1/petitions/{id}", id).then().statusCode(200).body("status", equalTo("ASSIGNED"));
            }
        });
    }

    @Test
    void shouldAcceptRequestsThroughTheGatewayAndStayReadyWhileKafkaIsStopped() {
        String citizen = "citizen-kafka-away";
        List<String> ids = new ArrayList<>();
        infra.kafka().stop();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(file(citizen, "南坪违停（Kafka 停机期间）" + i));
            }
            given().baseUri(gateway.baseUrl()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(petitions.baseUrl()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == '" + KAFKA_CHECK + "' }.data.kafka", equalTo("DOWN"));
            given().baseUri(assignment.baseUrl()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(feedback.baseUrl()).get("/q/health/ready").then().statusCode(200);
        } finally {
            infra.kafka().start();
        }
        awaitAssigned(citizen, ids);
    }

    @Test
    void shouldLeaveAMessageInFlightForTheNextStartWhenAServiceStopsNotDeadLetterIt() throws Exception {
        String citizen = "citizen-rolling-update";
        List<String> ids = new ArrayList<>();
        try (DatabaseFaults faults = DatabaseFaults.on(infra.jdbcUrl("assignment"), infra.databaseUser(),
                infra.databasePassword(), "petition_case").serializationFailures(Integer.MAX_VALUE)) {
            for (int i = 0; i < 3; i++) {
                ids.add(file(citizen, "南坪违停（滚动更新期间）" + i));
            }
            // dispatch is retrying these (every attempt fails) when the service is told to stop
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> faults.attempts() >= 6);
            assignment.close(); // SIGTERM, as Kubernetes sends in a rolling update
            assertThat(assignment.isAlive()).isFalse();
        }
        assignment = assignment.restart().awaitReady(Duration.ofSeconds(120));
        awaitAssigned(citizen, ids);
        try (TopicReader dlq = TopicReader.fromBeginning(infra.kafkaBootstrapServers(), "minhu.assignment.dlq")) {
            assertThat(dlq.readToEnd(r -> ids.contains(r.key()), Duration.ofSeconds(30)))
                    .as("nothing dead-lettered because the service was stopping").isEmpty();
        }
        assertThat(Files.readString(assignment.log())).contains("left uncommitted for the next start");
    }
}
