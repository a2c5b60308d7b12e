package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Every manifest under {@code deploy/kubernetes} read with the Fabric8 Kubernetes model: a field
 * the model does not know (a typo), a kind it cannot read, a file the kustomization forgets, a
 * reference that points nowhere (a Service without pods, an HPA without its Deployment, a topic or
 * database a service uses that the cluster does not create) fails the build.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("minhu.root", "../.."));
    static final Path DIR = ROOT.resolve("deploy/kubernetes");
    static final List<String> SERVICES = List.of("petition-service", "assignment-service", "feedback-service",
            "notification-service", "gateway");
    /** The ConfigMap (URL, bucket, region) and the Secret (access-key, secret-key) of the attachments' object store. */
    static final String OBJECT_STORE = "minhu-object-store";
    /**
     * The ConfigMap (Quarkus Mailer's host, port, TLS and sender; the public URL of the links) and the Secret
     * (smtp-username, smtp-password, webhook-secret) of notification-service.
     */
    static final String NOTIFICATION = "minhu-notification";

    static Map<String, Object> kustomization;
    static List<HasMetadata> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        kustomization = Yaml.map(DIR.resolve("kustomization.yaml"));
        resources = new ArrayList<>();
        for (String file : (List<String>) kustomization.get("resources")) {
            resources.addAll(manifests(DIR.resolve(file)));
        }
    }

    /** The resources of one manifest file, read with the Fabric8 model (one or several documents). */
    static List<HasMetadata> manifests(Path file) throws IOException {
        List<HasMetadata> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = Serialization.unmarshal(in);
            if (parsed instanceof List<?> list) {
                list.forEach(r -> read.add((HasMetadata) r));
            } else {
                read.add((HasMetadata) parsed);
            }
        }
        return read;
    }

    /** The manifests of a kustomization's folder: its .yaml files but kustomization.yaml. */
    static Set<String> manifestFilesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndEveryManifestExists() throws IOException {
        @SuppressWarnings("unchecked")
        Set<String> listed = new TreeSet<>((List<String>) kustomization.get("resources"));
        assertThat(listed).isEqualTo(manifestFilesIn(DIR));
        assertThat(kustomization).containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1").containsEntry("kind", "Kustomization");
    }

    @Test
    void everyFieldOfEveryBuiltInResourceIsKnownToTheKubernetesModel() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (!(r instanceof GenericKubernetesResource)) {
                UnknownFields.collect(r, r.getKind() + "/" + r.getMetadata().getName(), unknown);
            }
        }
        assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
        assertThat(resources).filteredOn(r -> !(r instanceof GenericKubernetesResource))
                .extracting(HasMetadata::getKind).contains("Deployment", "Service", "HorizontalPodAutoscaler",
                        "PodDisruptionBudget", "Ingress", "Namespace");
    }

    /**
     * The custom resources (Strimzi, CloudNativePG), which the Fabric8 model reads as plain maps, against the keys
     * their kind allows ({@link CustomResourceKeys}): a misspelt key fails here rather than being ignored by the
     * operator.
     */
    @Test
    void everyKeyOfEveryCustomResourceIsOneItsKindAllows() throws IOException {
        List<String> unknown = new ArrayList<>();
        List<Map<String, Object>> custom = customResourceDocuments();
        for (Map<String, Object> doc : custom) {
            CustomResourceKeys.unknown(doc).forEach(u -> unknown.add(doc.get("kind") + "/" + name(doc) + ": " + u));
        }
        assertThat(unknown).as("keys of custom resources that their kind does not allow").isEmpty();
        assertThat(custom).extracting(d -> (String) d.get("kind"))
                .contains("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database");
    }

    /**
     * The check above can fail: every key it checks in every custom resource, misspelt in a copy (its last letter
     * doubled: {@code replicass}), is reported with its path, and so is a kind at an apiVersion the list does not know.
     */
    @Test
    void aMisspeltKeyAnywhereInACustomResourceIsReported() throws IOException {
        int mutations = 0;
        for (Map<String, Object> doc : customResourceDocuments()) {
            for (List<Object> keyPath : checkedKeyPaths(doc, new ArrayList<>())) {
                if (keyPath.equals(List.of("apiVersion")) || keyPath.equals(List.of("kind"))) {
                    continue; // these choose the list itself: checked below
                }
                Map<String, Object> copy = deepCopy(doc);
                String misspelt = misspell(copy, keyPath);
                assertThat(CustomResourceKeys.unknown(copy)).as(doc.get("kind") + "/" + name(doc) + " with " + misspelt)
                        .contains(misspelt);
                mutations++;
            }
            Map<String, Object> future = deepCopy(doc);
            future.put("apiVersion", doc.get("apiVersion") + "9");
            assertThat(CustomResourceKeys.unknown(future)).singleElement().asString().contains("no list of allowed keys");
        }
        assertThat(mutations).as("keys misspelt").isGreaterThan(100);
    }

    /** The documents of the kustomization's files that the Fabric8 model reads as generic (custom) resources. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> customResourceDocuments() throws IOException {
        Set<String> generic = resources.stream().filter(r -> r instanceof GenericKubernetesResource)
                .map(r -> r.getKind() + "/" + r.getMetadata().getName()).collect(Collectors.toSet());
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String file : (List<String>) kustomization.get("resources")) {
            try (var in = Files.newBufferedReader(DIR.resolve(file))) {
                for (Object doc : new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                        new org.yaml.snakeyaml.LoaderOptions())).loadAll(in)) {
                    if (doc instanceof Map<?, ?> map && generic.contains(map.get("kind") + "/" + name((Map<String, Object>) map))) {
                        docs.add((Map<String, Object>) map);
                    }
                }
            }
        }
        assertThat(docs).hasSize(generic.size());
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> doc) {
        return (String) ((Map<String, Object>) doc.get("metadata")).get("name");
    }

    /** Paths (keys, and list indexes) to every key the allow-list checks: not those inside a free-form map. */
    static List<List<Object>> checkedKeyPaths(Object node, List<Object> at) {
        List<List<Object>> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<Object> here = new ArrayList<>(at);
                here.add(e.getKey());
                out.add(here);
                String dotted = dotted(here);
                boolean freeForm = dotted.endsWith("labels") || dotted.endsWith("annotations")
                        || dotted.endsWith(".config") || dotted.endsWith(".parameters") || dotted.endsWith(".matchLabels")
                        || dotted.endsWith(".requests") || dotted.endsWith(".limits");
                if (!freeForm) {
                    out.addAll(checkedKeyPaths(e.getValue(), here));
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                List<Object> here = new ArrayList<>(at);
                here.add(i);
                out.addAll(checkedKeyPaths(list.get(i), here));
            }
        }
        return out;
    }

    private static String dotted(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer) {
                s.append("[]");
            } else {
                s.append(s.length() == 0 ? "" : ".").append(p);
            }
        }
        return s.toString();
    }

    /** Renames the key at {@code path} in {@code doc} (last letter doubled) and returns the path the check reports. */
    @SuppressWarnings("unchecked")
    static String misspell(Map<String, Object> doc, List<Object> path) {
        Object node = doc;
        for (Object p : path.subList(0, path.size() - 1)) {
            node = p instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(p);
        }
        String key = (String) path.get(path.size() - 1);
        String wrong = key + key.charAt(key.length() - 1);
        Map<String, Object> parent = (Map<String, Object>) node;
        parent.put(wrong, parent.remove(key));
        List<Object> reported = new ArrayList<>(path.subList(0, path.size() - 1));
        reported.add(wrong);
        return dotted(reported);
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(KubernetesManifestsTest::deepCopy).toList());
        }
        return node;
    }

    @Test
    void everyServiceRunsTwoOrMoreReplicasWithHealthProbesResourcesAndAnAutoscaler() {
        for (String name : SERVICES) {
            Deployment d = one(Deployment.class, name);
            assertThat(d.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(d.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("minhu/" + name);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKey("memory");
            assertThat(c.getEnvFrom()).anyMatch(e -> e.getConfigMapRef() != null
                    && "minhu-config".equals(e.getConfigMapRef().getName()));

            Service s = one(Service.class, name);
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector());
            assertThat(s.getSpec().getPorts()).anyMatch(p -> p.getPort() == 8080);

            HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        }
    }

    @Test
    void secretsAreReferencedNeverCommitted() {
        assertThat(resources).noneMatch(r -> "Secret".equals(r.getKind()));
        Set<String> secrets = new TreeSet<>();
        for (String name : SERVICES) {
            one(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
                if (c.getEnv() != null) {
                    c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                            .forEach(e -> secrets.add(e.getValueFrom().getSecretKeyRef().getName()));
                }
            });
        }
        // the credentials CloudNativePG creates for the cluster's application owner, the pseudonym key, the
        // object-store login and notification-service's SMTP login and webhook key (made by hand), and what Strimzi
        // creates: each KafkaUser's credentials (a Secret named after it) and the cluster CA
        Set<String> expected = new TreeSet<>(Set.of(generic("Cluster", "minhu-db").getMetadata().getName() + "-app",
                "minhu-privacy", OBJECT_STORE, NOTIFICATION,
                generic("Kafka", "minhu-kafka").getMetadata().getName() + "-cluster-ca-cert"));
        resources.stream().filter(r -> "KafkaUser".equals(r.getKind())).forEach(u -> expected.add(u.getMetadata().getName()));
        assertThat(secrets).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaHasThreeBrokersReplicationThreeAndTwoInSyncAndEveryTopicTheServicesUse() throws IOException {
        GenericKubernetesResource kafka = generic("Kafka", "minhu-kafka");
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) kafka.get("spec", "kafka")).get("config");
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2);
        GenericKubernetesResource pool = generic("KafkaNodePool", "brokers");
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "minhu-kafka");
        assertThat((Integer) pool.get("spec", "replicas")).isEqualTo(3);
        assertThat((List<String>) pool.get("spec", "roles")).contains("broker");

        Set<String> declared = resources.stream().filter(r -> "KafkaTopic".equals(r.getKind())).peek(t -> {
            GenericKubernetesResource topic = (GenericKubernetesResource) t;
            assertThat((Integer) topic.get("spec", "replicas")).as(t.getMetadata().getName()).isEqualTo(3);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "minhu-kafka");
        }).map(t -> t.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(declared).containsAll(topicsTheServicesUse());
        // the services reach it where the operator names its bootstrap service
        assertThat(configLiteral("MINHU_KAFKA_BOOTSTRAP")).startsWith("minhu-kafka-kafka-bootstrap:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresIsAReplicatedClusterHoldingEachServicesDatabase() {
        GenericKubernetesResource cluster = generic("Cluster", "minhu-db");
        assertThat(cluster.getApiVersion()).startsWith("postgresql.cnpg.io/");
        assertThat((Integer) cluster.get("spec", "instances")).isGreaterThanOrEqualTo(3);
        Set<String> databases = new TreeSet<>();
        databases.add((String) ((Map<String, Object>) cluster.get("spec", "bootstrap", "initdb")).get("database"));
        resources.stream().filter(r -> "Database".equals(r.getKind())).forEach(r -> {
            GenericKubernetesResource db = (GenericKubernetesResource) r;
            assertThat((String) db.get("spec", "cluster", "name")).isEqualTo("minhu-db");
            databases.add((String) db.get("spec", "name"));
        });
        for (String service : List.of("PETITION", "ASSIGNMENT", "FEEDBACK", "NOTIFICATION")) {
            String url = configLiteral("MINHU_" + service + "_DB_URL");
            assertThat(url).startsWith("jdbc:postgresql://minhu-db-rw:5432/");
            assertThat(databases).contains(url.substring(url.lastIndexOf('/') + 1));
        }
    }

    /**
     * The attachments' object store is outside these manifests (as an operator runs PostgreSQL and Kafka): petition-service
     * reads its URL, bucket and region from the ConfigMap minhu-object-store, every one of {@code minhu.object-store}'s
     * settings without a default set there or from the Secret of the same name, the store reached over TLS; no other
     * process is given the store or its login.
     */
    @Test
    void petitionServiceAloneNamesTheObjectStoreAndReachesItOverTls() throws IOException {
        Map<String, String> store = configLiterals(OBJECT_STORE);
        assertThat(store.get("MINHU_OBJECT_STORE_URL")).as("the store over TLS").matches("https://[\\w.-]+(:\\d+)?/?");
        assertThat(store.get("MINHU_OBJECT_STORE_BUCKET")).isNotBlank();
        assertThat(store.get("MINHU_OBJECT_STORE_REGION")).isNotBlank();
        Container c = one(Deployment.class, "petition-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnvFrom()).anyMatch(e -> e.getConfigMapRef() != null && OBJECT_STORE.equals(e.getConfigMapRef().getName()));
        Map<String, String> fromSecret = new java.util.TreeMap<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                && OBJECT_STORE.equals(e.getValueFrom().getSecretKeyRef().getName()))
                .forEach(e -> fromSecret.put(e.getName(), e.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(fromSecret).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MINHU_OBJECT_STORE_ACCESS_KEY", "access-key", "MINHU_OBJECT_STORE_SECRET_KEY", "secret-key"));
        assertThat(c.getEnv()).noneMatch(e -> e.getName().startsWith("MINHU_OBJECT_STORE_") && e.getValue() != null);

        // every setting of ObjectStoreConfig without a default is given (the timeout and the rest have defaults)
        Set<String> given = new TreeSet<>(store.keySet());
        given.addAll(fromSecret.keySet());
        String config = Files.readString(ROOT.resolve(
                "petition-service/src/main/java/org/minhu/petition/attachment/ObjectStoreConfig.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(@WithDefault\\(\"[^\"]*\"\\)\\s*)?\\S+ (\\w+)\\(\\);")
                .matcher(config);
        List<String> required = new ArrayList<>();
        while (m.find()) {
            if (m.group(1) == null) {
                required.add("MINHU_OBJECT_STORE_" + m.group(2).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
            }
        }
        assertThat(required).as("ObjectStoreConfig's settings without a default").contains("MINHU_OBJECT_STORE_URL");
        assertThat(given).containsAll(required);

        for (String name : SERVICES.subList(1, SERVICES.size())) {
            Container other = one(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(other.getEnvFrom()).as(name).noneMatch(e -> e.getConfigMapRef() != null
                    && OBJECT_STORE.equals(e.getConfigMapRef().getName()));
            assertThat(other.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : other.getEnv()).as(name)
                    .noneMatch(e -> e.getName().startsWith("MINHU_OBJECT_STORE_"));
        }
        assertThat(configLiterals("minhu-config").keySet()).noneMatch(k -> k.startsWith("MINHU_OBJECT_STORE_"));
    }

    /**
     * notification-service's e-mail and webhooks: Quarkus Mailer's host, port, TLS and sender and the public URL of the
     * links come from the ConfigMap minhu-notification, the SMTP login and the webhooks' signing key from the Secret
     * of the same name (never a literal); the SMTP server is reached over TLS (STARTTLS required, or TLS from the first
     * byte) on a submission port; the links point at the Ingress's host over https; no other process is given any of it.
     */
    @Test
    void notificationServiceAloneGetsTheMailSettingsAndTheWebhookKeyFromItsConfigMapAndSecret() {
        Map<String, String> mail = configLiterals(NOTIFICATION);
        assertThat(mail).containsKeys("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_FROM",
                "MINHU_NOTIFICATION_WEB_URL");
        assertThat(mail.get("QUARKUS_MAILER_HOST")).isNotBlank();
        assertThat(mail.get("QUARKUS_MAILER_FROM")).contains("@");
        assertThat(Integer.parseInt(mail.get("QUARKUS_MAILER_PORT"))).isIn(25, 465, 587);
        assertThat("true".equals(mail.get("QUARKUS_MAILER_TLS")) || "REQUIRED".equals(mail.get("QUARKUS_MAILER_START_TLS")))
                .as("SMTP over TLS: QUARKUS_MAILER_TLS=true or QUARKUS_MAILER_START_TLS=REQUIRED").isTrue();
        io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress = one(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "gateway");
        String host = ingress.getSpec().getRules().get(0).getHost();
        assertThat(ingress.getSpec().getTls()).anyMatch(t -> t.getHosts().contains(host));
        assertThat(mail.get("MINHU_NOTIFICATION_WEB_URL")).as("the links: the gateway's public address").isEqualTo("https://" + host);

        Container c = one(Deployment.class, "notification-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnvFrom()).anyMatch(e -> e.getConfigMapRef() != null && NOTIFICATION.equals(e.getConfigMapRef().getName()));
        Map<String, String> fromSecret = new java.util.TreeMap<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                && NOTIFICATION.equals(e.getValueFrom().getSecretKeyRef().getName()))
                .forEach(e -> fromSecret.put(e.getName(), e.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(fromSecret).containsExactlyInAnyOrderEntriesOf(Map.of("QUARKUS_MAILER_USERNAME", "smtp-username",
                "QUARKUS_MAILER_PASSWORD", "smtp-password", "MINHU_NOTIFICATION_WEBHOOK_SECRET", "webhook-secret"));
        assertThat(c.getEnv()).noneMatch(e -> (e.getName().startsWith("QUARKUS_MAILER_") || e.getName().startsWith("MINHU_NOTIFICATION_"))
                && e.getValue() != null);

        for (String name : SERVICES) {
            if (name.equals("notification-service")) {
                continue;
            }
            Container other = one(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(other.getEnvFrom()).as(name).noneMatch(e -> e.getConfigMapRef() != null
                    && NOTIFICATION.equals(e.getConfigMapRef().getName()));
            assertThat(other.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : other.getEnv()).as(name)
                    .noneMatch(e -> e.getName().startsWith("QUARKUS_MAILER_") || e.getName().startsWith("MINHU_NOTIFICATION_WEB"));
        }
        assertThat(configLiterals("minhu-config").keySet())
                .noneMatch(k -> k.startsWith("QUARKUS_MAILER_") || k.startsWith("MINHU_NOTIFICATION_WEB"));
    }

    @Test
    void theGatewayReachesEachServiceThroughItsService() {
        for (String upstream : List.of("PETITION", "ASSIGNMENT", "FEEDBACK", "NOTIFICATION")) {
            String url = configLiteral("MINHU_" + upstream + "_URL");
            String host = url.replaceFirst("^http://", "").replaceFirst(":.*$", "");
            Service s = one(Service.class, host);
            assertThat(url).endsWith(":" + s.getSpec().getPorts().get(0).getPort());
        }
    }

    static Set<String> topicsTheServicesUse() throws IOException {
        Set<String> topics = new TreeSet<>();
        for (String service : AccessTest.BACKENDS) {
            Properties p = Modules.requiredApplicationProperties(service);
            p.stringPropertyNames().stream().filter(k -> k.endsWith(".topic")).map(p::getProperty).forEach(topics::add);
        }
        assertThat(topics).isNotEmpty();
        return topics;
    }

    /** The literals of one of the kustomization's generated ConfigMaps. */
    @SuppressWarnings("unchecked")
    static Map<String, String> configLiterals(String configMap) {
        List<Map<String, Object>> generators = (List<Map<String, Object>>) kustomization.get("configMapGenerator");
        List<Map<String, Object>> named = generators.stream().filter(g -> configMap.equals(g.get("name"))).toList();
        assertThat(named).as("configMapGenerator " + configMap).hasSize(1);
        Map<String, String> literals = new java.util.TreeMap<>();
        for (String l : (List<String>) named.get(0).get("literals")) {
            literals.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        return literals;
    }

    @SuppressWarnings("unchecked")
    static String configLiteral(String key) {
        List<Map<String, Object>> generators = (List<Map<String, Object>>) kustomization.get("configMapGenerator");
        return generators.stream().filter(g -> "minhu-config".equals(g.get("name")))
                .flatMap(g -> ((List<String>) g.get("literals")).stream())
                .filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("minhu-config has no " + key));
    }

    static <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName())).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    static GenericKubernetesResource generic(String kind, String name) {
        List<GenericKubernetesResource> found = resources.stream().filter(r -> kind.equals(r.getKind()))
                .filter(r -> name.equals(r.getMetadata().getName())).map(GenericKubernetesResource.class::cast).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }
}
