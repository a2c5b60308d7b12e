package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * Who may reach what on Kubernetes, from the manifests as they are: every Kafka listener authenticates
 * and the cluster authorizes (simple ACLs); each service logs in as its own KafkaUser, whose ACLs name
 * exactly the topics and consumer groups the service's {@code application.properties} and outbox use
 * (read from the repository, so a new channel without its ACL fails here rather than in production);
 * NetworkPolicies let only the services reach PostgreSQL and Kafka, only the gateway reach the services,
 * and refuse everything else; no policy cuts petition-service off from its object store.
 */
class AccessTest {

    static final List<String> BACKENDS = List.of("petition-service", "assignment-service", "feedback-service",
            "notification-service");
    /** Services that publish no events of their own (no outbox appends): they only consume. */
    static final Set<String> PUBLISH_NOTHING = Set.of("notification-service");
    static final Pattern INCOMING = Pattern.compile(
            "mp\\.messaging\\.incoming\\.(\"[^\"]+\"|[^.\"]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");
    static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.(\"[^\"]+\"|[^.\"]+)\\.topic");
    /** A topic constant of the service's own code outside its consumers: a topic its outbox writes. */
    /** A topic named once, in service-commons' {@code Topics}. */
    static final Pattern TOPIC_CONSTANT = Pattern.compile("static final String (\\w+) = \"(minhu\\.[a-z.]+)\"");
    /** What a service's outbox writes: {@code outbox.append(Topics.X, ...)}. */
    static final Pattern PRODUCED = Pattern.compile("outbox\\.append\\(\\s*Topics\\.(\\w+)");
    static final int POSTGRES_PORT = 5432;

    @BeforeAll
    static void read() throws IOException {
        KubernetesManifestsTest.read();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKafkaListenerAuthenticatesAndTheClusterAuthorizes() {
        GenericKubernetesResource kafka = KubernetesManifestsTest.generic("Kafka", "minhu-kafka");
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).isNotEmpty();
        for (Map<String, Object> listener : listeners) {
            Map<String, Object> authentication = (Map<String, Object>) listener.get("authentication");
            assertThat(authentication).as("listener " + listener.get("name") + " authentication").isNotNull();
            assertThat(authentication.get("type")).as("listener " + listener.get("name")).isIn("scram-sha-512", "tls");
        }
        assertThat((String) kafka.get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat((Object) kafka.get("spec", "entityOperator", "userOperator")).as("the user operator reconciles the KafkaUsers")
                .isNotNull();

        // the services connect to a listener that exists, with its protocol and mechanism
        Map<String, Object> listener = clientListener();
        assertThat(KubernetesManifestsTest.configLiteral("MINHU_KAFKA_BOOTSTRAP"))
                .isEqualTo("minhu-kafka-kafka-bootstrap:" + listener.get("port"));
        assertThat(KubernetesManifestsTest.configLiteral("KAFKA_SECURITY_PROTOCOL"))
                .isEqualTo(Boolean.TRUE.equals(listener.get("tls")) ? "SASL_SSL" : "SASL_PLAINTEXT");
        assertThat(KubernetesManifestsTest.configLiteral("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void eachServiceHasOneKafkaUserWhoseAclsNameOnlyItsOwnTopicsAndGroups() throws IOException {
        List<GenericKubernetesResource> users = KubernetesManifestsTest.resources.stream()
                .filter(r -> "KafkaUser".equals(r.getKind())).map(GenericKubernetesResource.class::cast).toList();
        assertThat(users).extracting(u -> u.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(BACKENDS);
        for (GenericKubernetesResource user : users) {
            String service = user.getMetadata().getName();
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "minhu-kafka");
            assertThat((String) user.get("spec", "authentication", "type")).as(service).isEqualTo("scram-sha-512");
            assertThat((String) user.get("spec", "authorization", "type")).as(service).isEqualTo("simple");
            assertThat(acls(user)).as(service + "'s ACLs against what its code and application.properties use")
                    .isEqualTo(expectedAcls(service));
        }
    }

    @Test
    void theAclCheckRefusesAUserWhoMayReadAnotherServicesDeadLetters() throws IOException {
        // The check must bite: assignment-service's expectation never includes petition-service's dead letters.
        assertThat(expectedAcls("assignment-service")).doesNotContainKey("topic:minhu.petition.dlq")
                .doesNotContainKey("group:petition-service");
        assertThat(expectedAcls("petition-service")).containsEntry("topic:minhu.petition.events", Set.of("Write", "Describe"));
    }

    @Test
    void eachServiceLogsInAsItsOwnKafkaUserAndTheGatewayNotAtAll() {
        Map<String, Object> listener = clientListener();
        for (String service : KubernetesManifestsTest.SERVICES) {
            Map<String, EnvVar> env = new TreeMap<>();
            KubernetesManifestsTest.one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getEnv().forEach(e -> env.put(e.getName(), e));
            if (service.equals("gateway")) {
                assertThat(env).doesNotContainKey("KAFKA_SASL_JAAS_CONFIG");
                continue;
            }
            EnvVar jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas).as(service).isNotNull();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).as(service).isEqualTo(service);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            if (Boolean.TRUE.equals(listener.get("tls"))) {
                EnvVar ca = env.get("KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
                assertThat(ca).as(service + " trusts the cluster CA").isNotNull();
                assertThat(ca.getValueFrom().getSecretKeyRef().getName()).isEqualTo("minhu-kafka-cluster-ca-cert");
                assertThat(ca.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("ca.crt");
                assertThat(KubernetesManifestsTest.configLiteral("KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            }
        }
    }

    @Test
    void everythingIsRefusedUnlessAPolicyLetsItIn() {
        assertThat(policies()).filteredOn(p -> isEmpty(selector(p))).as("a NetworkPolicy selecting every pod")
                .isNotEmpty().allSatisfy(p -> {
                    assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
                    assertThat(p.getSpec().getIngress()).as(p.getMetadata().getName() + " lets nothing in").isNullOrEmpty();
                });
    }

    @Test
    void onlyTheServicesReachPostgres() {
        Map<String, String> instance = Map.of("cnpg.io/cluster", "minhu-db");
        List<Map<String, String>> allowed = new ArrayList<>(BACKENDS.stream().map(AccessTest::podLabels).toList());
        allowed.add(instance); // the cluster's own instances replicate from one another
        List<NetworkPolicy> selecting = policies().stream().filter(p -> matches(selector(p), instance)).toList();
        assertThat(selecting).as("a NetworkPolicy for the PostgreSQL pods").isNotEmpty();
        Set<Map<String, String>> admitted = new HashSet<>();
        for (NetworkPolicy p : selecting) {
            for (NetworkPolicyIngressRule rule : rules(p)) {
                if (opens(rule, POSTGRES_PORT)) {
                    admitted.addAll(podPeers(p, rule, allowed));
                }
            }
        }
        assertThat(admitted).containsAll(BACKENDS.stream().map(AccessTest::podLabels).toList())
                .doesNotContain(podLabels("gateway"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheServicesReachKafka() {
        // Strimzi writes the NetworkPolicy of a listener from its networkPolicyPeers; without them it lets everyone in.
        for (Map<String, Object> listener : (List<Map<String, Object>>) KubernetesManifestsTest.generic("Kafka", "minhu-kafka")
                .get("spec", "kafka", "listeners")) {
            List<Map<String, Object>> peers = (List<Map<String, Object>>) listener.get("networkPolicyPeers");
            assertThat(peers).as("listener " + listener.get("name") + " networkPolicyPeers").isNotEmpty();
            List<Object> selectors = new ArrayList<>();
            for (Map<String, Object> peer : peers) {
                assertThat(peer.keySet()).as("a peer by pod only, in this namespace").containsExactly("podSelector");
                selectors.add(((Map<String, Object>) peer.get("podSelector")).get("matchLabels"));
            }
            assertThat(selectors).containsExactlyInAnyOrderElementsOf(BACKENDS.stream().map(AccessTest::podLabels).toList());
        }
        // and no policy of ours opens the brokers wider
        Map<String, String> broker = Map.of("strimzi.io/cluster", "minhu-kafka", "strimzi.io/kind", "Kafka");
        assertThat(policies()).noneMatch(p -> !isEmpty(selector(p)) && matches(selector(p), broker));
    }

    @Test
    void onlyTheGatewayReachesTheServicesAndOnlyTheIngressReachesTheGateway() {
        for (String service : BACKENDS) {
            // the policies that let something in (an egress policy selecting the pods, say, lets nothing in)
            List<NetworkPolicy> selecting = policies().stream().filter(p -> !isEmpty(selector(p)))
                    .filter(p -> matches(selector(p), podLabels(service))).filter(p -> !rules(p).isEmpty()).toList();
            assertThat(selecting).as("a NetworkPolicy letting the gateway in to " + service).isNotEmpty();
            for (NetworkPolicy p : selecting) {
                for (NetworkPolicyIngressRule rule : rules(p)) {
                    assertThat(podPeers(p, rule, List.of(podLabels("gateway")))).as(p.getMetadata().getName())
                            .containsExactly(podLabels("gateway"));
                    assertThat(opens(rule, 8080)).as(p.getMetadata().getName() + " opens 8080").isTrue();
                }
            }
        }
        List<NetworkPolicy> gateway = policies().stream().filter(p -> !isEmpty(selector(p)))
                .filter(p -> matches(selector(p), podLabels("gateway"))).toList();
        assertThat(gateway).as("a NetworkPolicy for the gateway").isNotEmpty();
        for (NetworkPolicy p : gateway) {
            for (NetworkPolicyIngressRule rule : rules(p)) {
                assertThat(rule.getFrom()).as(p.getMetadata().getName() + ": from the ingress controller's namespace only")
                        .isNotEmpty().allSatisfy(peer -> {
                            assertThat(peer.getIpBlock()).isNull();
                            assertThat(peer.getNamespaceSelector()).isNotNull();
                            assertThat(isEmpty(peer.getNamespaceSelector())).isFalse();
                        });
                assertThat(rule.getPorts()).isNotEmpty().allSatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
            }
        }
    }

    /**
     * The object store is outside the namespace: the policies restrict ingress only, and a policy that restricts
     * petition-service's egress (an overlay's, say) must let it reach the store's port, or every upload answers 503.
     * The check fails on a policy denying petition-service all egress.
     */
    @Test
    void noPolicyCutsPetitionServiceOffFromItsObjectStore() {
        java.net.URI store = java.net.URI.create(KubernetesManifestsTest.configLiterals(KubernetesManifestsTest.OBJECT_STORE)
                .get("MINHU_OBJECT_STORE_URL"));
        int port = store.getPort() != -1 ? store.getPort() : "https".equals(store.getScheme()) ? 443 : 80;
        assertThat(cuttingOff(policies(), podLabels("petition-service"), port)).isEmpty();

        NetworkPolicy denyEgress = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-egress").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress").endSpec().build();
        List<NetworkPolicy> withDeny = new ArrayList<>(policies());
        withDeny.add(denyEgress);
        assertThat(cuttingOff(withDeny, podLabels("petition-service"), port)).containsExactly("deny-egress");
    }

    /**
     * notification-service calls URLs its users register (webhooks), so its egress is restricted: DNS, PostgreSQL's
     * and Kafka's pods on their ports, SMTP and HTTPS anywhere; a webhook aimed at a service's or the gateway's
     * 8080, or at the brokers' or PostgreSQL's other ports, goes nowhere. Only its pods are restricted so.
     */
    @Test
    void notificationServiceReachesOnlyDnsPostgresKafkaSmtpAndHttps() {
        Map<String, String> pod = podLabels("notification-service");
        List<NetworkPolicy> egress = egressPolicies(pod);
        assertThat(egress).as("a NetworkPolicy restricting notification-service's egress").isNotEmpty();
        Map<String, String> db = Map.of("cnpg.io/cluster", "minhu-db");
        Map<String, String> broker = Map.of("strimzi.io/cluster", "minhu-kafka", "strimzi.io/kind", "Kafka");
        int kafka = Integer.parseInt(String.valueOf(clientListener().get("port")));
        int smtp = Integer.parseInt(KubernetesManifestsTest.configLiterals(KubernetesManifestsTest.NOTIFICATION).get("QUARKUS_MAILER_PORT"));

        assertThat(mayConnect(egress, null, "UDP", 53)).as("DNS").isTrue();
        assertThat(mayConnect(egress, null, "TCP", 53)).as("DNS over TCP").isTrue();
        assertThat(mayConnect(egress, db, "TCP", POSTGRES_PORT)).as("PostgreSQL").isTrue();
        assertThat(mayConnect(egress, broker, "TCP", kafka)).as("Kafka's client listener").isTrue();
        assertThat(mayConnect(egress, null, "TCP", smtp)).as("the SMTP server of minhu-notification").isTrue();
        for (int port : List.of(25, 465, 587, 443)) {
            assertThat(mayConnect(egress, null, "TCP", port)).as("SMTP and HTTPS anywhere: port " + port).isTrue();
        }
        for (String service : KubernetesManifestsTest.SERVICES) {
            assertThat(mayConnect(egress, podLabels(service), "TCP", 8080)).as(service + "'s 8080").isFalse();
        }
        assertThat(mayConnect(egress, podLabels("gateway"), "TCP", 9000)).as("the gateway's management port").isFalse();
        assertThat(mayConnect(egress, db, "TCP", 8000)).as("PostgreSQL's instance manager").isFalse();
        assertThat(mayConnect(egress, broker, "TCP", 9091)).as("the brokers' replication port").isFalse();
        assertThat(mayConnect(egress, null, "TCP", 80)).as("plain HTTP").isFalse();

        // no other process is restricted (petition-service's object store above, the OIDC provider's keys)
        for (String service : KubernetesManifestsTest.SERVICES) {
            if (!service.equals("notification-service")) {
                assertThat(egressPolicies(podLabels(service))).as(service).isEmpty();
            }
        }
    }

    /** The check above can fail: without the egress policies' rules, nothing is reachable. */
    @Test
    void anEgressPolicyWithoutRulesReachesNothing() {
        NetworkPolicy none = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-egress").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress").endSpec().build();
        assertThat(mayConnect(List.of(none), null, "TCP", 443)).isFalse();
        assertThat(mayConnect(List.of(none), Map.of("cnpg.io/cluster", "minhu-db"), "TCP", POSTGRES_PORT)).isFalse();
    }

    static List<NetworkPolicy> egressPolicies(Map<String, String> pod) {
        return policies().stream().filter(p -> matches(selector(p), pod))
                .filter(p -> p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Egress")).toList();
    }

    /**
     * Whether one of these egress policies lets a connection out to {@code port} of a pod of this namespace with the
     * labels {@code target}, or, {@code target} null, of an address outside the cluster.
     */
    static boolean mayConnect(List<NetworkPolicy> egress, Map<String, String> target, String protocol, int port) {
        for (NetworkPolicy p : egress) {
            for (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule rule
                    : p.getSpec().getEgress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of()
                            : p.getSpec().getEgress()) {
                boolean portOpen = rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                        .anyMatch(q -> (q.getProtocol() == null ? "TCP" : q.getProtocol()).equals(protocol)
                                && (q.getPort() == null || Integer.valueOf(port).equals(q.getPort().getIntVal())));
                boolean peerOpen = rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(peer -> target == null
                        ? peer.getIpBlock() != null
                        : peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                                && matches(peer.getPodSelector(), target));
                if (portOpen && peerOpen) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The policies selecting {@code pod} that restrict its egress without a rule open to {@code port}. */
    static List<String> cuttingOff(List<NetworkPolicy> policies, Map<String, String> pod, int port) {
        return policies.stream().filter(p -> matches(selector(p), pod))
                .filter(p -> p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Egress"))
                .filter(p -> p.getSpec().getEgress() == null || p.getSpec().getEgress().stream().noneMatch(rule -> rule.getPorts() == null
                        || rule.getPorts().isEmpty() || rule.getPorts().stream()
                                .anyMatch(q -> q.getPort() == null || Integer.valueOf(port).equals(q.getPort().getIntVal()))))
                .map(p -> p.getMetadata().getName()).toList();
    }

    /**
     * Each peer of {@code rule} must be pods of this namespace, chosen by labels, among {@code allowed}:
     * no address block, no other namespace, no "from anywhere". Returns the label sets admitted.
     */
    static List<Map<String, String>> podPeers(NetworkPolicy p, NetworkPolicyIngressRule rule, List<Map<String, String>> allowed) {
        String where = p.getMetadata().getName();
        assertThat(rule.getFrom()).as(where + ": a rule without 'from' lets everyone in").isNotEmpty();
        List<Map<String, String>> admitted = new ArrayList<>();
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            assertThat(peer.getIpBlock()).as(where + " ipBlock").isNull();
            assertThat(peer.getNamespaceSelector()).as(where + " namespaceSelector").isNull();
            assertThat(peer.getPodSelector()).as(where + " podSelector").isNotNull();
            assertThat(peer.getPodSelector().getMatchExpressions()).as(where).isNullOrEmpty();
            assertThat(peer.getPodSelector().getMatchLabels()).as(where + " peer").isIn(allowed);
            admitted.add(peer.getPodSelector().getMatchLabels());
        }
        return admitted;
    }

    /** The topics and groups a service uses, with the operations its KafkaUser needs on each. */
    static Map<String, Set<String>> expectedAcls(String service) throws IOException {
        Properties p = Modules.requiredApplicationProperties(service);
        Map<String, Map<String, String>> channels = new TreeMap<>();
        Map<String, Set<String>> acls = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Matcher in = INCOMING.matcher(key);
            if (in.matches()) {
                channels.computeIfAbsent(in.group(1), c -> new TreeMap<>()).put(in.group(2), p.getProperty(key));
            }
            Matcher out = OUTGOING.matcher(key);
            if (out.matches()) {
                grant(acls, "topic:" + p.getProperty(key), "Write");
            }
        }
        assertThat(channels).as(service + " consumers").isNotEmpty();
        channels.forEach((channel, settings) -> {
            assertThat(settings).as(service + " channel " + channel).containsKeys("topic", "group.id");
            grant(acls, "topic:" + settings.get("topic"), "Read");
            grant(acls, "group:" + settings.get("group.id"), "Read");
            String deadLetters = settings.get("dead-letter-queue.topic");
            if (deadLetters != null) {
                grant(acls, "topic:" + deadLetters, "Write");
                // replaying a dead letter (the admin API) publishes it again on the topic it came from
                grant(acls, "topic:" + settings.get("topic"), "Write");
            }
        });
        for (String topic : producedTopics(service)) {
            grant(acls, "topic:" + topic, "Write");
        }
        acls.forEach((resource, ops) -> {
            if (resource.startsWith("topic:")) {
                ops.add("Describe");
            }
        });
        return acls;
    }

    /** The topics the service's outbox writes: the {@code Topics} constants its code appends to. */
    static Set<String> producedTopics(String service) throws IOException {
        Map<String, String> named = new TreeMap<>();
        Matcher constants = TOPIC_CONSTANT.matcher(Files.readString(KubernetesManifestsTest.ROOT
                .resolve("service-commons/src/main/java/org/minhu/common/events/Topics.java")));
        while (constants.find()) {
            named.put(constants.group(1), constants.group(2));
        }
        Set<String> topics = new TreeSet<>();
        for (Path file : Modules.mainSources(service)) {
            Matcher m = PRODUCED.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(named).as(file + " appends to Topics." + m.group(1)).containsKey(m.group(1));
                topics.add(named.get(m.group(1)));
            }
        }
        assertThat(topics).as(service + " writes its own events (or, consuming only, none)")
                .hasSize(PUBLISH_NOTHING.contains(service) ? 0 : 1);
        return topics;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> acls(GenericKubernetesResource user) {
        Map<String, Set<String>> acls = new TreeMap<>();
        List<Map<String, Object>> entries = user.get("spec", "authorization", "acls");
        assertThat(entries).as(user.getMetadata().getName() + " ACLs").isNotEmpty();
        for (Map<String, Object> acl : entries) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            String where = user.getMetadata().getName() + " " + resource;
            assertThat(resource.getOrDefault("patternType", "literal")).as(where).isEqualTo("literal");
            assertThat(String.valueOf(resource.get("name"))).as(where).doesNotContain("*");
            assertThat(acl.getOrDefault("type", "allow")).as(where).isEqualTo("allow");
            assertThat(acl.getOrDefault("host", "*")).as(where).isEqualTo("*");
            List<String> operations = acl.containsKey("operations") ? (List<String>) acl.get("operations")
                    : List.of(String.valueOf(acl.get("operation")));
            operations.forEach(op -> grant(acls, resource.get("type") + ":" + resource.get("name"), op));
        }
        return acls;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clientListener() {
        List<Map<String, Object>> listeners = KubernetesManifestsTest.generic("Kafka", "minhu-kafka").get("spec", "kafka", "listeners");
        String port = KubernetesManifestsTest.configLiteral("MINHU_KAFKA_BOOTSTRAP").replaceFirst("^.*:", "");
        return listeners.stream().filter(l -> String.valueOf(l.get("port")).equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no Kafka listener on the bootstrap's port " + port));
    }

    static void grant(Map<String, Set<String>> acls, String resource, String operation) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).add(operation);
    }

    static Map<String, String> podLabels(String service) {
        return KubernetesManifestsTest.one(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
    }

    static List<NetworkPolicy> policies() {
        return KubernetesManifestsTest.resources.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
    }

    static LabelSelector selector(NetworkPolicy p) {
        return p.getSpec().getPodSelector();
    }

    static List<NetworkPolicyIngressRule> rules(NetworkPolicy p) {
        return p.getSpec().getIngress() == null ? List.of() : p.getSpec().getIngress();
    }

    /** Whether the rule lets traffic in on {@code port}: a rule without ports opens them all. */
    static boolean opens(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> p.getPort() == null || Integer.valueOf(port).equals(p.getPort().getIntVal()));
    }

    static boolean isEmpty(LabelSelector s) {
        return s == null || (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }

    /** A label selector evaluated on a pod's labels (matchLabels, and matchExpressions In / NotIn / Exists). */
    static boolean matches(LabelSelector s, Map<String, String> labels) {
        if (s == null) {
            return true;
        }
        if (s.getMatchLabels() != null && !s.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (s.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : s.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
