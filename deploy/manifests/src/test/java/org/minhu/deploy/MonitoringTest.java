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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * {@code deploy/kubernetes/monitoring}, the kustomization for clusters with the Prometheus Operator, read like
 * the base: every file listed, every field known (built-in kinds by the Fabric8 model, ServiceMonitor and
 * PrometheusRule by {@link CustomResourceKeys}), a ServiceMonitor for each of the four processes that finds a
 * Service with the named port it scrapes (the gateway's management port, never the Service the Ingress uses),
 * a NetworkPolicy that lets the monitoring namespace's Prometheus reach that port, and the PrometheusRule's
 * groups equal to {@code deploy/observability/alerts.yml}'s, so the copy cannot drift.
 */
class MonitoringTest {

    static final Path DIR = KubernetesManifestsTest.DIR.resolve("monitoring");
    static final Path ALERTS = ComposeFileTest.DEPLOY.resolve("observability/alerts.yml");

    static Map<String, Object> kustomization;
    static List<HasMetadata> resources;
    static List<Map<String, Object>> documents;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        KubernetesManifestsTest.read();
        kustomization = Yaml.map(DIR.resolve("kustomization.yaml"));
        resources = new ArrayList<>();
        documents = new ArrayList<>();
        for (String file : (List<String>) kustomization.get("resources")) {
            resources.addAll(KubernetesManifestsTest.manifests(DIR.resolve(file)));
            try (var in = Files.newBufferedReader(DIR.resolve(file))) {
                for (Object doc : new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                        new org.yaml.snakeyaml.LoaderOptions())).loadAll(in)) {
                    documents.add((Map<String, Object>) doc);
                }
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndTheBaseDoesNotIncludeIt() throws IOException {
        @SuppressWarnings("unchecked")
        Set<String> listed = new TreeSet<>((List<String>) kustomization.get("resources"));
        assertThat(listed).isEqualTo(KubernetesManifestsTest.manifestFilesIn(DIR));
        assertThat(kustomization).containsEntry("kind", "Kustomization")
                .containsEntry("namespace", KubernetesManifestsTest.kustomization.get("namespace"));
        // the base must apply on a cluster without the operator's CRDs
        assertThat(String.valueOf(KubernetesManifestsTest.kustomization.get("resources"))).doesNotContain("monitoring");
        assertThat(KubernetesManifestsTest.resources).noneMatch(r -> r.getApiVersion().startsWith("monitoring.coreos.com/"));
    }

    @Test
    void everyFieldIsKnownToTheKubernetesModelOrToTheOperatorsKeyList() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (!(r instanceof GenericKubernetesResource)) {
                UnknownFields.collect(r, r.getKind() + "/" + r.getMetadata().getName(), unknown);
            }
        }
        List<Map<String, Object>> custom = custom();
        for (Map<String, Object> doc : custom) {
            CustomResourceKeys.unknown(doc).forEach(u -> unknown.add(doc.get("kind") + ": " + u));
        }
        assertThat(unknown).as("fields nobody reads").isEmpty();
        assertThat(custom).extracting(d -> (String) d.get("kind")).contains("ServiceMonitor", "PrometheusRule");
    }

    /** The check above can fail: each key of the ServiceMonitors and the PrometheusRule, misspelt, is reported. */
    @Test
    void aMisspeltKeyOfAServiceMonitorOrThePrometheusRuleIsReported() {
        int mutations = 0;
        for (Map<String, Object> doc : custom()) {
            for (List<Object> keyPath : KubernetesManifestsTest.checkedKeyPaths(doc, new ArrayList<>())) {
                if (keyPath.equals(List.of("apiVersion")) || keyPath.equals(List.of("kind"))) {
                    continue;
                }
                Map<String, Object> copy = KubernetesManifestsTest.deepCopy(doc);
                String misspelt = KubernetesManifestsTest.misspell(copy, keyPath);
                assertThat(CustomResourceKeys.unknown(copy)).as(doc.get("kind") + " with " + misspelt).contains(misspelt);
                mutations++;
            }
        }
        assertThat(mutations).isGreaterThan(50);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleCarriesExactlyTheGroupsOfAlertsYml() throws IOException {
        List<Map<String, Object>> rules = custom().stream().filter(d -> "PrometheusRule".equals(d.get("kind"))).toList();
        assertThat(rules).hasSize(1);
        Object groups = ((Map<String, Object>) rules.get(0).get("spec")).get("groups");
        Object expected = Yaml.map(ALERTS).get("groups");
        assertThat((List<Object>) expected).isNotEmpty();
        assertThat(groups).as("spec.groups of prometheus-rule.yaml; copy alerts.yml's groups there").isEqualTo(expected);
    }

    /**
     * Each of the four processes has a ServiceMonitor, with the job label of Compose (the app.kubernetes.io/name),
     * that selects exactly one Service with the named port it scrapes, whose pods name that port; the gateway's is
     * its management port, on a Service the Ingress does not route to; the monitoring namespace's Prometheus
     * may reach the port through a NetworkPolicy.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyProcessIsScrapedOnANamedPortThatPrometheusMayReach() {
        List<Service> services = Stream.concat(KubernetesManifestsTest.resources.stream(), resources.stream())
                .filter(Service.class::isInstance).map(Service.class::cast).toList();
        Set<String> ingressServices = KubernetesManifestsTest.resources.stream().filter(Ingress.class::isInstance)
                .map(Ingress.class::cast).flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend().getService().getName())
                .collect(Collectors.toSet());
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> monitor : custom()) {
            if (!"ServiceMonitor".equals(monitor.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) monitor.get("spec");
            assertThat(spec).containsEntry("jobLabel", "app.kubernetes.io/name");
            Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
            List<Service> selected = services.stream().filter(s -> s.getMetadata().getLabels() != null
                    && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("Services selected by ServiceMonitor " + monitor.get("metadata")).hasSize(1);
            Service service = selected.get(0);
            String job = service.getMetadata().getLabels().get("app.kubernetes.io/name");
            scraped.add(job);
            Deployment deployment = KubernetesManifestsTest.one(Deployment.class, job);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            for (Map<String, Object> endpoint : (List<Map<String, Object>>) spec.get("endpoints")) {
                assertThat(endpoint).containsEntry("path", "/q/metrics");
                ServicePort port = service.getSpec().getPorts().stream().filter(p -> endpoint.get("port").equals(p.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port " + endpoint.get("port")));
                IntOrString target = port.getTargetPort();
                ContainerPort container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                        .filter(c -> target.getStrVal() != null ? target.getStrVal().equals(c.getName())
                                : target.getIntVal().equals(c.getContainerPort()))
                        .findFirst().orElseThrow(() -> new AssertionError(job + " names no container port " + target));
                if (job.equals("gateway")) {
                    assertThat(container.getContainerPort()).as("the gateway's management port").isEqualTo(9000);
                    assertThat(ingressServices).as("Services the Ingress routes to").doesNotContain(service.getMetadata().getName());
                }
                assertThat(prometheusMayReach(podLabels, container.getContainerPort())).as(job + " port " + container.getContainerPort()).isTrue();
            }
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.SERVICES);
    }

    /** The check above can fail: without the monitoring NetworkPolicies, Prometheus reaches neither port. */
    @Test
    void withoutItsNetworkPoliciesPrometheusReachesNoProcess() {
        Map<String, String> gateway = KubernetesManifestsTest.one(Deployment.class, "gateway").getSpec().getTemplate().getMetadata().getLabels();
        assertThat(prometheusMayReach(gateway, 9000)).isTrue();
        assertThat(prometheusMayReach(gateway, 8080)).as("the gateway's public port, not scraped").isFalse();
        List<NetworkPolicy> base = AccessTest.policies();
        for (String name : KubernetesManifestsTest.SERVICES) {
            Map<String, String> pod = KubernetesManifestsTest.one(Deployment.class, name).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(reaches(base, pod, name.equals("gateway") ? 9000 : 8080)).as(name + " by the base policies alone").isFalse();
        }
    }

    static final Map<String, String> PROMETHEUS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    static final Map<String, String> PROMETHEUS_POD = Map.of("app.kubernetes.io/name", "prometheus");

    static boolean prometheusMayReach(Map<String, String> pod, int port) {
        List<NetworkPolicy> all = new ArrayList<>(AccessTest.policies());
        resources.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).forEach(all::add);
        return reaches(all, pod, port);
    }

    /** Whether a Prometheus pod in the monitoring namespace may reach {@code port} of a pod with these labels. */
    private static boolean reaches(List<NetworkPolicy> policies, Map<String, String> pod, int port) {
        for (NetworkPolicy p : policies) {
            if (!AccessTest.matches(AccessTest.selector(p), pod)) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : AccessTest.rules(p)) {
                if (AccessTest.opens(rule, port) && rule.getFrom() != null && rule.getFrom().stream().anyMatch(MonitoringTest::isPrometheus)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPrometheus(NetworkPolicyPeer peer) {
        LabelSelector namespace = peer.getNamespaceSelector();
        // a peer without a namespace selector means the policy's own namespace (minhu), not monitoring
        return namespace != null && AccessTest.matches(namespace, PROMETHEUS_NAMESPACE)
                && AccessTest.matches(peer.getPodSelector(), PROMETHEUS_POD);
    }

    private static List<Map<String, Object>> custom() {
        return documents.stream().filter(d -> String.valueOf(d.get("apiVersion")).startsWith("monitoring.coreos.com/")).toList();
    }
}
