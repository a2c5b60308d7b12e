package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/docker-compose.yml} read as Compose reads it (anchors and merge keys resolved):
 * the keys Compose knows, PostgreSQL with each service's database, Kafka in KRaft mode, MinIO with
 * the attachments' bucket made before petition-service starts, Mailpit catching notification-service's e-mail, the
 * four services and the gateway built from files that exist, and every address a service is given pointing at a
 * service of the file. Safe by default: only the gateway is published (and Mailpit's web UI on the host's loopback), no secret has a default
 * (Compose refuses to start without it), the gateway runs its production profile (the local demo with
 * self-signed tokens is the override file docker-compose.demo.yml), and Kafka authenticates every
 * client, each service as its own user.
 */
class ComposeFileTest {

    static final Path DEPLOY = KubernetesManifestsTest.ROOT.resolve("deploy");
    static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "ports", "volumes", "depends_on",
            "healthcheck", "restart", "command", "entrypoint");

    /** A Compose variable reference: name, operator (:-, -, :?, ?, :+, +) and the default or message. */
    static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");
    /** Names of variables and settings that hold a secret (an S3 access key is a user name; its secret key is the secret). */
    static final Pattern SECRET_NAME = Pattern.compile("(?i)PASSWORD|SECRET|PSEUDONYM|TOKEN_KEY|(?<!ACCESS)_KEY$|JAAS");
    /** A value that is nothing but a required variable. */
    static final String REQUIRED = "\\$\\{[A-Za-z_][A-Za-z0-9_]*:\\?[^}]+}";

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
        assertThat(services).containsKeys("postgres", "kafka", "minio", "minio-init", "mailpit", "petition-service",
                "assignment-service", "feedback-service", "notification-service", "gateway");
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
            Path context = DEPLOY.resolve((String) build.get("context")).normalize();
            assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " dockerfile").isRegularFile();
            assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).isEqualTo(name);
            if (Modules.expectedPresent(name)) {
                assertThat(context.resolve(name + "/pom.xml")).as(name + " module").isRegularFile();
            }
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
            } else if (key.matches("MINHU_(PETITION|ASSIGNMENT|FEEDBACK|NOTIFICATION|OBJECT_STORE)_URL|MINHU_KAFKA_BOOTSTRAP")) {
                String host = v.replaceFirst("^http://", "").replaceFirst(":.*$", "");
                assertThat(services).as(name + " " + key).containsKey(host);
                checked.add(key);
            }
        }));
        assertThat(checked).contains("MINHU_PETITION_DB_URL", "MINHU_ASSIGNMENT_DB_URL", "MINHU_FEEDBACK_DB_URL",
                "MINHU_NOTIFICATION_DB_URL", "MINHU_PETITION_URL", "MINHU_ASSIGNMENT_URL", "MINHU_FEEDBACK_URL",
                "MINHU_NOTIFICATION_URL", "MINHU_KAFKA_BOOTSTRAP", "MINHU_OBJECT_STORE_URL");
    }

    @Test
    void onlyTheGatewayIsPublished() {
        // PostgreSQL, Kafka, MinIO and the services stay on the compose network: what is published is reachable by
        // anyone who reaches the host, and only the gateway checks tokens and limits requests. Mailpit's web UI
        // (what was sent, with citizens' names in it) is published on the host's loopback only.
        services.forEach((name, service) -> {
            assertThat(service).as(name + " network_mode").doesNotContainKey("network_mode");
            if (name.equals("mailpit")) {
                assertThat(service.get("ports")).as("mailpit's web UI").isEqualTo(List.of("127.0.0.1:8025:8025"));
            } else if (!name.equals("gateway")) {
                assertThat(service).as(name + " publishes a port").doesNotContainKey("ports");
            }
        });
        assertThat(services.get("gateway").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void noPasswordHasADefaultEveryOneIsRequiredFromTheEnvironment() throws IOException {
        // Every reference to a secret-like variable is ${VAR:?message}: Compose refuses to start without it.
        String text = Files.readString(DEPLOY.resolve("docker-compose.yml"));
        Matcher ref = VARIABLE.matcher(text);
        List<String> secretRefs = new ArrayList<>();
        while (ref.find()) {
            if (SECRET_NAME.matcher(ref.group(1)).find()) {
                secretRefs.add(ref.group());
                assertThat(ref.group(2)).as(ref.group() + " must be required (${VAR:?message})").isEqualTo(":?");
                assertThat(ref.group(3)).as(ref.group() + " needs a message").isNotBlank();
            }
        }
        assertThat(secretRefs).isNotEmpty();
        // and every secret-like setting of a container is such a reference, never a literal
        List<String> checked = new ArrayList<>();
        services.forEach((name, service) -> env(name).forEach((key, value) -> {
            String v = String.valueOf(value);
            if (key.contains("JAAS")) {
                Matcher credential = Pattern.compile("(password|user_[\\w-]+)=\"([^\"]*)\"").matcher(v);
                int credentials = 0;
                while (credential.find()) {
                    assertThat(credential.group(2)).as(name + " " + key + " " + credential.group(1)).matches(REQUIRED);
                    credentials++;
                }
                assertThat(credentials).as(name + " " + key + " credentials").isPositive();
                checked.add(name + " " + key);
            } else if (SECRET_NAME.matcher(key).find()) {
                assertThat(v).as(name + " " + key).matches(REQUIRED);
                checked.add(name + " " + key);
            }
        }));
        assertThat(checked).contains("postgres POSTGRES_PASSWORD", "petition-service MINHU_DB_PASSWORD",
                "petition-service MINHU_PRIVACY_PSEUDONYM_KEY", "kafka KAFKA_LISTENER_NAME_INTERNAL_PLAIN_SASL_JAAS_CONFIG",
                "assignment-service KAFKA_SASL_JAAS_CONFIG", "petition-service MINHU_OBJECT_STORE_SECRET_KEY",
                "minio MINIO_ROOT_PASSWORD", "minio-init MINIO_ROOT_PASSWORD", "notification-service KAFKA_SASL_JAAS_CONFIG",
                "notification-service MINHU_NOTIFICATION_WEBHOOK_SECRET");
    }

    /**
     * petition-service's attachments: MinIO (a pinned image, not published, a health check, its data on a named
     * volume) and minio-init, which makes the bucket and petition-service's own user (never MinIO's root) from a
     * script that exists, after MinIO is healthy; petition-service starts only once it has succeeded, and logs in
     * with the very bucket, user and secret minio-init made.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theObjectStoreIsMinioAndItsBucketAndUserExistBeforePetitionServiceStarts() {
        Map<String, Object> minio = services.get("minio");
        for (String name : List.of("minio", "minio-init")) {
            String image = String.valueOf(services.get(name).get("image"));
            assertThat(image).as(name + " image pinned to a release").matches("[\\w./-]+:RELEASE\\.[\\w.-]+");
        }
        assertThat(minio).doesNotContainKey("ports");
        assertThat((Map<String, Object>) minio.get("healthcheck")).as("minio healthcheck").containsKey("test");
        String dataVolume = ((List<String>) minio.get("volumes")).stream().filter(v -> v.endsWith(":/data")).findFirst()
                .orElseThrow(() -> new AssertionError("minio keeps no /data")).split(":")[0];
        assertThat((Map<String, Object>) compose.get("volumes")).as("a named volume").containsKey(dataVolume);
        assertThat(String.valueOf(env("minio").get("MINIO_BROWSER"))).as("no console").isEqualTo("off");

        Map<String, Object> init = services.get("minio-init");
        assertThat(condition(init, "minio")).isEqualTo("service_healthy");
        assertThat(condition(services.get("petition-service"), "minio-init")).isEqualTo("service_completed_successfully");
        assertThat(condition(services.get("petition-service"), "postgres")).isEqualTo("service_healthy");
        assertThat(condition(services.get("petition-service"), "kafka")).isEqualTo("service_healthy");
        Map<String, String> initMounts = mounts(init);
        String script = String.valueOf(((List<Object>) init.get("entrypoint")).get(1));
        assertThat(initMounts).containsKey(script);
        assertThat(DEPLOY.resolve(initMounts.get(script))).isRegularFile();
        assertThat(init).doesNotContainKey("restart");

        Map<String, Object> petition = env("petition-service");
        assertThat(petition.get("MINHU_OBJECT_STORE_URL")).isEqualTo("http://minio:9000");
        for (String key : List.of("MINHU_OBJECT_STORE_BUCKET", "MINHU_OBJECT_STORE_ACCESS_KEY", "MINHU_OBJECT_STORE_SECRET_KEY")) {
            assertThat(petition.get(key)).as("petition-service " + key).isNotNull().isEqualTo(env("minio-init").get(key));
        }
        assertThat(String.valueOf(petition.get("MINHU_OBJECT_STORE_SECRET_KEY"))).matches(REQUIRED);
        assertThat(petition.get("MINHU_OBJECT_STORE_ACCESS_KEY")).as("petition-service is not MinIO's root")
                .isNotEqualTo(env("minio").get("MINIO_ROOT_USER"));
        assertThat(env("minio-init")).containsEntry("MINIO_ROOT_USER", env("minio").get("MINIO_ROOT_USER"))
                .containsEntry("MINIO_ROOT_PASSWORD", env("minio").get("MINIO_ROOT_PASSWORD"));
        // only petition-service holds the store's login
        services.forEach((name, service) -> {
            if (!name.startsWith("minio") && !name.equals("petition-service")) {
                assertThat(env(name).keySet()).as(name).noneMatch(k -> k.startsWith("MINHU_OBJECT_STORE_"));
            }
        });
    }

    /**
     * notification-service's e-mail goes to Mailpit, the compose network's mail catcher: a pinned release, the SMTP port
     * notification-service is given being the one Mailpit listens on (no TLS, no login on that network), its web UI
     * on the host's loopback only, healthy before notification-service starts. The links in messages point at the
     * gateway's published port unless MINHU_NOTIFICATION_WEB_URL says otherwise; the webhooks' key is required. No
     * other process is given the mail settings.
     */
    @Test
    @SuppressWarnings("unchecked")
    void notificationServiceSendsItsMailToMailpitWhoseWebUiOnlyTheHostSees() {
        Map<String, Object> mailpit = services.get("mailpit");
        assertThat(String.valueOf(mailpit.get("image"))).as("mailpit pinned to a release").matches("axllent/mailpit:v\\d+\\.\\d+\\.\\d+");
        Map<String, Object> catcher = env("mailpit");
        String smtp = String.valueOf(catcher.getOrDefault("MP_SMTP_BIND_ADDR", "0.0.0.0:1025"));
        String ui = String.valueOf(catcher.getOrDefault("MP_UI_BIND_ADDR", "0.0.0.0:8025"));
        assertThat((List<String>) mailpit.get("ports")).containsExactly("127.0.0.1:8025:" + ui.substring(ui.lastIndexOf(':') + 1));
        assertThat((Map<String, Object>) mailpit.get("healthcheck")).as("mailpit healthcheck").containsKey("test");

        Map<String, Object> notification = env("notification-service");
        assertThat(notification).containsEntry("QUARKUS_MAILER_HOST", "mailpit")
                .containsEntry("QUARKUS_MAILER_PORT", smtp.substring(smtp.lastIndexOf(':') + 1))
                .containsEntry("QUARKUS_MAILER_TLS", "false").containsEntry("QUARKUS_MAILER_START_TLS", "DISABLED")
                .doesNotContainKeys("QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");
        assertThat(String.valueOf(notification.get("QUARKUS_MAILER_FROM"))).contains("@");
        assertThat(condition(services.get("notification-service"), "mailpit")).isEqualTo("service_healthy");
        assertThat(condition(services.get("notification-service"), "postgres")).isEqualTo("service_healthy");
        assertThat(condition(services.get("notification-service"), "kafka")).isEqualTo("service_healthy");

        Matcher web = VARIABLE.matcher(String.valueOf(notification.get("MINHU_NOTIFICATION_WEB_URL")));
        assertThat(web.matches()).as("MINHU_NOTIFICATION_WEB_URL from the environment").isTrue();
        assertThat(web.group(1)).isEqualTo("MINHU_NOTIFICATION_WEB_URL");
        String gatewayPort = String.valueOf(((List<Object>) services.get("gateway").get("ports")).get(0)).split(":")[0];
        assertThat(web.group(3)).as("the links' default: the gateway as published").isEqualTo("http://localhost:" + gatewayPort);
        assertThat(String.valueOf(notification.get("MINHU_NOTIFICATION_WEBHOOK_SECRET"))).matches(REQUIRED);
        assertThat(condition(services.get("gateway"), "notification-service")).isEqualTo("service_started");

        services.forEach((name, service) -> {
            if (!name.equals("notification-service")) {
                assertThat(env(name).keySet()).as(name).noneMatch(k -> k.startsWith("QUARKUS_MAILER_") || k.startsWith("MINHU_NOTIFICATION_WEB"));
            }
        });
    }

    /** The condition on which {@code service} waits for {@code dependency}. */
    @SuppressWarnings("unchecked")
    static String condition(Map<String, Object> service, String dependency) {
        Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
        assertThat(dependsOn).as("depends_on").containsKey(dependency);
        return String.valueOf(((Map<String, Object>) dependsOn.get(dependency)).get("condition"));
    }

    @Test
    void theGatewayRunsTheProductionProfileAndTrustsOnlyTheConfiguredProvider() {
        // The local profile (or the demo opt-in) lets anyone who reaches port 8080 mint an admin token at /dev/tokens.
        services.forEach((name, service) -> env(name).forEach((key, value) -> {
            String v = String.valueOf(value);
            assertThat(key).as(name).doesNotContainIgnoringCase("DEMO").doesNotContainIgnoringCase("DEV_TOKENS")
                    .doesNotContainIgnoringCase("SIGN_KEY");
            if (key.equals("QUARKUS_PROFILE")) {
                assertThat(v).as(name + " profile").isEqualTo("prod");
            }
        }));
        Map<String, Object> gateway = env("gateway");
        assertThat(gateway.getOrDefault("QUARKUS_PROFILE", "prod")).isEqualTo("prod");
        for (String name : KubernetesManifestsTest.SERVICES) {
            // no default issuer or key: the local identity provider's would be trusted otherwise
            assertThat(String.valueOf(env(name).get("MINHU_JWT_ISSUER"))).as(name).startsWith("${MINHU_JWT_ISSUER:?");
            assertThat(String.valueOf(env(name).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))).as(name).startsWith("${MINHU_JWKS_URL:?");
            assertThat(services.get(name)).as(name + " mounts the local keys").doesNotContainKey("volumes");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLocalDemoIsAnExplicitOverrideFile() throws IOException {
        Map<String, Object> demo = Yaml.map(DEPLOY.resolve("docker-compose.demo.yml"));
        Map<String, Map<String, Object>> overridden = (Map<String, Map<String, Object>>) demo.get("services");
        assertThat(services.keySet()).containsAll(overridden.keySet());
        Map<String, Object> gateway = (Map<String, Object>) overridden.get("gateway").get("environment");
        assertThat(gateway).containsEntry("MINHU_DEMO_TOKENS", "true").doesNotContainKey("QUARKUS_PROFILE");
        overridden.forEach((name, service) -> assertThat(service).as(name).doesNotContainKey("ports"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaAuthenticatesEveryClientAndEachServiceLogsInAsItself() {
        Map<String, Object> kafka = env("kafka");
        Map<String, String> protocols = new TreeMap<>();
        for (String entry : String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")) {
            protocols.put(entry.split(":")[0], entry.split(":")[1]);
        }
        String controller = String.valueOf(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        for (String listener : String.valueOf(kafka.get("KAFKA_LISTENERS")).split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            if (name.equals(controller)) {
                // the controller listener only on the container's loopback: nothing else reaches it
                assertThat(listener).as("controller listener").startsWith(name + "://localhost:");
            } else {
                assertThat(protocols.get(name)).as("listener " + name).startsWith("SASL_");
            }
        }
        for (String advertised : String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS")).split(",")) {
            assertThat(protocols.get(advertised.substring(0, advertised.indexOf("://")))).as(advertised).startsWith("SASL_");
        }
        String brokerJaas = kafka.entrySet().stream().filter(e -> e.getKey().endsWith("_SASL_JAAS_CONFIG"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElseThrow(() -> new AssertionError("no broker JAAS"));
        List<String> mechanisms = List.of(String.valueOf(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS")).split(","));
        for (String name : AccessTest.BACKENDS) {
            Map<String, Object> env = env(name);
            assertThat(String.valueOf(env.get("MINHU_KAFKA_BOOTSTRAP"))).isEqualTo("kafka:9092");
            assertThat(String.valueOf(env.get("KAFKA_SECURITY_PROTOCOL"))).as(name).startsWith("SASL_");
            assertThat(mechanisms).as(name).contains(String.valueOf(env.get("KAFKA_SASL_MECHANISM")));
            assertThat(String.valueOf(env.get("KAFKA_SASL_JAAS_CONFIG"))).as(name).contains("username=\"" + name + "\"");
            assertThat(brokerJaas).contains("user_" + name + "=\"${");
        }
        List<Object> healthcheck = (List<Object>) ((Map<String, Object>) services.get("kafka").get("healthcheck")).get("test");
        assertThat(DEPLOY.resolve("compose/kafka-healthcheck.sh")).isRegularFile();
        assertThat(healthcheck).contains("/opt/minhu/kafka-healthcheck.sh");
    }

    /**
     * The observability stack is the override file docker-compose.observability.yml: it only adds the OpenTelemetry
     * settings to the services (tracing to the collector, which passes the spans to Jaeger), publishes Grafana and
     * Jaeger on the host's loopback only, requires Grafana's admin password, and mounts the one prometheus.yml and
     * alerts.yml, whose scrape targets are the services of the base file.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theObservabilityStackIsAnOverrideThatPublishesOnlyOnTheLoopback() throws IOException {
        Path file = DEPLOY.resolve("docker-compose.observability.yml");
        Map<String, Object> override = Yaml.map(file);
        assertThat(override.keySet()).allMatch(k -> k.startsWith("x-") || Set.of("services", "volumes").contains(k));
        Map<String, Map<String, Object>> added = (Map<String, Map<String, Object>>) override.get("services");
        assertThat(added).containsKeys("prometheus", "grafana", "otel-collector", "jaeger");
        Map<String, Object> collector = Yaml.map(DEPLOY.resolve("observability/otel-collector.yml"));
        String grpc = String.valueOf(((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                collector.get("receivers")).get("otlp")).get("protocols")).get("grpc")).get("endpoint"));
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, Object> service = added.get(name);
            assertThat(service.keySet()).as(name).containsExactly("environment");
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            assertThat(env).as(name).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false");
            String endpoint = String.valueOf(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertThat(endpoint).as(name).isEqualTo("http://otel-collector:" + grpc.substring(grpc.lastIndexOf(':') + 1));
        }
        // the collector passes the traces on to Jaeger, a service of the file
        Map<String, Object> exporters = (Map<String, Object>) collector.get("exporters");
        List<String> pipeline = (List<String>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                collector.get("service")).get("pipelines")).get("traces")).get("exporters");
        assertThat(pipeline).isNotEmpty().allSatisfy(e -> {
            String endpoint = String.valueOf(((Map<String, Object>) exporters.get(e)).get("endpoint"));
            assertThat(added).containsKey(endpoint.replaceFirst(":.*$", ""));
        });

        Map<String, List<String>> published = new TreeMap<>();
        added.forEach((name, service) -> {
            assertThat(service.keySet()).as(name).isSubsetOf(SERVICE_KEYS);
            if (service.containsKey("ports")) {
                published.put(name, (List<String>) service.get("ports"));
            }
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DEPLOY.resolve(source)).as(name + " mounts " + source).exists();
                }
            }
        });
        assertThat(published).containsOnlyKeys("grafana", "jaeger");
        published.values().forEach(ports -> assertThat(ports).allMatch(p -> p.startsWith("127.0.0.1:")));

        // secrets required, as in the base file
        Matcher ref = VARIABLE.matcher(Files.readString(file));
        List<String> secrets = new ArrayList<>();
        while (ref.find()) {
            if (SECRET_NAME.matcher(ref.group(1)).find()) {
                assertThat(ref.group(2)).as(ref.group()).isEqualTo(":?");
                secrets.add(ref.group(1));
            }
        }
        assertThat(secrets).contains("MINHU_GRAFANA_ADMIN_PASSWORD");
        assertThat(String.valueOf(((Map<String, Object>) added.get("grafana").get("environment")).get("GF_SECURITY_ADMIN_PASSWORD")))
                .matches(REQUIRED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusAndGrafanaReadTheOneConfigurationAndTheServicesOfTheBaseFile() throws IOException {
        Map<String, Map<String, Object>> added = (Map<String, Map<String, Object>>) Yaml.map(
                DEPLOY.resolve("docker-compose.observability.yml")).get("services");
        Map<String, String> prometheusMounts = mounts(added.get("prometheus"));
        assertThat(prometheusMounts).containsEntry("/etc/prometheus/prometheus.yml", "./observability/prometheus.yml");
        Map<String, Object> config = Yaml.map(DEPLOY.resolve("observability/prometheus.yml"));
        for (String rules : (List<String>) config.get("rule_files")) {
            // rule_files are relative to the configuration file
            assertThat(prometheusMounts).containsEntry("/etc/prometheus/" + rules, "./observability/" + rules);
        }
        Set<String> jobs = new TreeSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            jobs.add((String) job.get("job_name"));
            assertThat(job).containsEntry("metrics_path", "/q/metrics");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                for (String target : (List<String>) targets.get("targets")) {
                    String host = target.replaceFirst(":.*$", "");
                    assertThat(host).as("the job name is the service's, as on Kubernetes").isEqualTo(job.get("job_name"));
                    assertThat(services).containsKey(host);
                    assertThat(target).endsWith(host.equals("gateway") ? ":9000" : ":8080");
                }
            }
        }
        assertThat(jobs).containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.SERVICES);

        Map<String, String> grafanaMounts = mounts(added.get("grafana"));
        assertThat(grafanaMounts).containsEntry("/etc/grafana/provisioning", "./observability/grafana/provisioning");
        Map<String, Object> provider = ((List<Map<String, Object>>) Yaml.map(
                DEPLOY.resolve("observability/grafana/provisioning/dashboards/minhu.yml")).get("providers")).get(0);
        String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
        assertThat(grafanaMounts).containsEntry(path, "./observability/grafana/dashboards");
        for (Map<String, Object> ds : (List<Map<String, Object>>) Yaml.map(
                DEPLOY.resolve("observability/grafana/provisioning/datasources/minhu.yml")).get("datasources")) {
            String host = String.valueOf(ds.get("url")).replaceFirst("^http://", "").replaceFirst(":.*$", "");
            assertThat(added).as("datasource " + ds.get("name")).containsKey(host);
        }
    }

    /** A service's bind mounts: container path -> host path. */
    @SuppressWarnings("unchecked")
    static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> out = new TreeMap<>();
        for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(volume).split(":");
            out.put(parts[1], parts[0]);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
    }
}
