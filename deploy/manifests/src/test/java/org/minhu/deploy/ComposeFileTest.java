package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/docker-compose.yml} read as Compose reads it (anchors and merge keys resolved):
 * the keys Compose knows, PostgreSQL with each service's database, Kafka in KRaft mode, the four
 * services built from files that exist, and every address a service is given pointing at a
 * service of the file.
 */
class ComposeFileTest {

    static final Path DEPLOY = KubernetesManifestsTest.ROOT.resolve("deploy");
    static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "ports", "volumes", "depends_on",
            "healthcheck", "restart", "command", "entrypoint");

    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        compose = Yaml.map(DEPLOY.resolve("docker-compose.yml"));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyServiceUsesOnlyKeysComposeKnows() {
        assertThat(compose.keySet()).allMatch(k -> k.startsWith("x-") || Set.of("name", "services", "volumes").contains(k));
        services.forEach((name, service) -> assertThat(service.keySet()).as(name).isSubsetOf(SERVICE_KEYS));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSuiteIsPostgresKafkaAndTheFourServicesBuiltFromFilesThatExist() {
        assertThat(services).containsKeys("postgres", "kafka", "petition-service", "assignment-service", "feedback-service", "gateway");
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
            Path context = DEPLOY.resolve((String) build.get("context")).normalize();
            assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " dockerfile").isRegularFile();
            assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).isEqualTo(name);
            assertThat(context.resolve(name + "/pom.xml")).as(name + " module").isRegularFile();
            assertThat((Map<String, Object>) services.get(name).get("healthcheck")).isNotNull();
        }
        Map<String, Object> kafka = env("kafka");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void eachServicesDatabaseIsCreatedAndEveryAddressPointsAtAServiceOfTheFile() throws IOException {
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("CREATE DATABASE (\\w+)").matcher(Files.readString(DEPLOY.resolve("compose/init-databases.sql")));
        while (m.find()) {
            created.add(m.group(1));
        }
        List<String> checked = new ArrayList<>();
        services.forEach((name, service) -> env(name).forEach((key, value) -> {
            String v = String.valueOf(value);
            if (key.endsWith("_DB_URL")) {
                Matcher url = Pattern.compile("jdbc:postgresql://([\\w-]+):\\d+/(\\w+)").matcher(v);
                assertThat(url.matches()).as(name + " " + key).isTrue();
                assertThat(services).containsKey(url.group(1));
                assertThat(created).contains(url.group(2));
                checked.add(key);
            } else if (key.matches("MINHU_(PETITION|ASSIGNMENT|FEEDBACK)_URL|MINHU_KAFKA_BOOTSTRAP")) {
                String host = v.replaceFirst("^http://", "").replaceFirst(":.*$", "");
                assertThat(services).as(name + " " + key).containsKey(host);
                checked.add(key);
            }
        }));
        assertThat(checked).contains("MINHU_PETITION_DB_URL", "MINHU_ASSIGNMENT_DB_URL", "MINHU_FEEDBACK_DB_URL",
                "MINHU_PETITION_URL", "MINHU_ASSIGNMENT_URL", "MINHU_FEEDBACK_URL", "MINHU_KAFKA_BOOTSTRAP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noTwoServicesPublishTheSameHostPort() {
        List<String> hostPorts = new ArrayList<>();
        services.values().forEach(s -> ((List<Object>) s.getOrDefault("ports", List.of()))
                .forEach(p -> hostPorts.add(String.valueOf(p).split(":")[0])));
        assertThat(hostPorts).doesNotHaveDuplicates().contains("8080", "8081", "8082", "8083");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
    }
}
