package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * The PostgreSQL connection budget, computed from the deploy files as they are: every service's
 * connection pools at their max-size, times the most replicas it can run (the HPA's maxReplicas on
 * Kubernetes, one in Compose), must stay below 90 % of max_connections. When the pools take every
 * slot, a new pod (a scale-up, a rollout) fails to connect and reports unready exactly when it is
 * needed, and nobody can open psql to see why.
 *
 * <p>The pools are read from the environment the deploy files give each container, and every pool
 * and worker pool the service's {@code application.properties} declares must be set there: a
 * datasource added later (as "export" was) must be budgeted on purpose, and a misspelt variable,
 * which Quarkus would silently ignore, fails here. Each Kafka worker pool must stay below the default
 * datasource's pool, so a burst of events waits for a worker rather than timing out waiting for a
 * connection.
 */
class ConnectionBudgetTest {

    /** The share of max_connections the services' pools may take; the rest is headroom (see postgres.yaml). */
    static final double SHARE = 0.9;
    /** PostgreSQL's default max_connections, what the postgres image runs without {@code -c max_connections}. */
    static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
    /** PostgreSQL's default superuser_reserved_connections: slots ordinary users (the services) never get. */
    static final int POSTGRES_DEFAULT_SUPERUSER_RESERVED = 3;
    /** Quarkus' default {@code jdbc.max-size}, for a datasource declared without one. */
    static final int QUARKUS_DEFAULT_POOL = 20;
    /** Kubernetes' default rollingUpdate.maxSurge. */
    static final IntOrString KUBERNETES_DEFAULT_SURGE = new IntOrString("25%");

    static final Pattern DATASOURCE_KEY = Pattern.compile(
            "quarkus\\.datasource\\.(?:\"([^\"]+)\"\\.)?(?:db-kind|jdbc\\.url|jdbc\\.max-size)");
    static final Pattern WORKER_KEY = Pattern.compile("smallrye\\.messaging\\.worker\\.(.+)\\.max-concurrency");
    static final Pattern POOL_ENV = Pattern.compile("QUARKUS_DATASOURCE_.*JDBC_MAX_SIZE");
    static final Pattern WORKER_ENV = Pattern.compile("SMALLRYE_MESSAGING_WORKER_.+_MAX_CONCURRENCY");
    static final String DEFAULT_DATASOURCE = "<default>";

    /** One service's pools on one replica, as its deploy file sets them. */
    record Pools(String service, Map<String, Integer> datasources, Map<String, Integer> workers) {

        int perReplica() {
            return datasources.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One service's line of the budget: its pools times the most replicas it runs at once. */
    record Line(Pools pools, int replicas) {

        int total() {
            return replicas * pools.perReplica();
        }

        @Override
        public String toString() {
            return pools.service() + ": " + replicas + " x " + pools.datasources() + " = " + total();
        }
    }

    @BeforeAll
    static void read() throws IOException {
        KubernetesManifestsTest.read();
        ComposeFileTest.read();
    }

    @Test
    void kubernetesPoolsAtEveryAutoscalersMaximumStayBelowNinetyPercentOfMaxConnections() throws IOException {
        List<Line> lines = kubernetesBudget(Map.of());
        int maxConnections = clusterParameter("max_connections", -1);

        assertThat(lines).extracting(l -> l.pools().service()).containsExactlyInAnyOrderElementsOf(AccessTest.BACKENDS);
        assertWithinBudget(lines, maxConnections);
    }

    @Test
    void kubernetesPoolsFitEvenWhileARolloutSurgesAtTheMaximum() throws IOException {
        // A rollout at maxReplicas runs maxSurge pods more, each opening its pools before an old pod closes its own;
        // the 10 % headroom has to cover them, within the slots PostgreSQL leaves to non-superusers.
        int available = clusterParameter("max_connections", -1)
                - clusterParameter("superuser_reserved_connections", POSTGRES_DEFAULT_SUPERUSER_RESERVED);
        List<Line> surging = new ArrayList<>();
        for (Line line : kubernetesBudget(Map.of())) {
            Deployment d = KubernetesManifestsTest.one(Deployment.class, line.pools().service());
            surging.add(new Line(line.pools(), line.replicas() + surge(d, line.replicas())));
        }
        int total = surging.stream().mapToInt(Line::total).sum();
        assertThat(total).as("connections at maxReplicas plus the rollout's surge: %s; %d slots for the services",
                surging, available).isLessThanOrEqualTo(available);
    }

    @Test
    void kubernetesWorkerPoolsStayBelowTheirDeploymentsPool() throws IOException {
        for (Line line : kubernetesBudget(Map.of())) {
            assertWorkersBelowPool(line.pools());
        }
    }

    @Test
    void theBudgetCheckRefusesAnAutoscalerRaisedPastIt() throws IOException {
        // The budget must bite: one autoscaler raised to the partitions' count (12) has to fail it.
        int maxConnections = clusterParameter("max_connections", -1);
        List<Line> raised = kubernetesBudget(Map.of("petition-service", 12));
        assertThatThrownBy(() -> assertWithinBudget(raised, maxConnections)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("petition-service: 12 x");
    }

    @Test
    void composePoolsOfEveryServiceStayBelowNinetyPercentOfMaxConnections() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String service : ComposeFileTest.services.keySet()) {
            Map<String, String> env = new TreeMap<>();
            ComposeFileTest.env(service).forEach((k, v) -> env.put(k, String.valueOf(v)));
            Pools pools = pools(service, env, "compose service " + service);
            if (pools != null) {
                lines.add(new Line(pools, composeReplicas(ComposeFileTest.services.get(service))));
                assertWorkersBelowPool(pools);
            }
        }
        assertThat(lines).extracting(l -> l.pools().service()).containsExactlyInAnyOrderElementsOf(AccessTest.BACKENDS);
        assertWithinBudget(lines, composeMaxConnections());
    }

    static void assertWithinBudget(List<Line> lines, int maxConnections) {
        int total = lines.stream().mapToInt(Line::total).sum();
        assertThat((double) total).as("connections with every pool full at the most replicas: %s; max_connections %d x %.2f",
                lines, maxConnections, SHARE).isLessThan(maxConnections * SHARE);
    }

    static void assertWorkersBelowPool(Pools pools) {
        int pool = pools.datasources().get(DEFAULT_DATASOURCE);
        pools.workers().forEach((worker, concurrency) -> assertThat(concurrency)
                .as("%s: worker pool %s (%d) against its default datasource's pool (%d)",
                        pools.service(), worker, concurrency, pool)
                .isLessThan(pool));
    }

    /** Every Deployment that holds connections, at its HPA's maxReplicas (or {@code maxReplicasOverride}). */
    static List<Line> kubernetesBudget(Map<String, Integer> maxReplicasOverride) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Deployment d : KubernetesManifestsTest.resources.stream().filter(Deployment.class::isInstance)
                .map(Deployment.class::cast).toList()) {
            String name = d.getMetadata().getName();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Pools pools = pools(name, environment(c, "Deployment " + name), "Deployment " + name);
            if (pools != null) {
                lines.add(new Line(pools, maxReplicasOverride.getOrDefault(name, maxReplicas(d))));
            }
        }
        return lines;
    }

    /**
     * A service's pools as its environment sets them, or null when its module declares no datasource
     * (the gateway). Fails when a declared pool or worker pool is left to application.properties, or
     * when a variable names a pool that does not exist.
     */
    static Pools pools(String service, Map<String, String> env, String where) throws IOException {
        java.util.Optional<Properties> read = Modules.applicationProperties(service);
        if (read.isEmpty()) {
            return null;
        }
        Properties p = read.get();
        Map<String, String> datasourceKeys = new TreeMap<>();
        Map<String, String> workerKeys = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String unprofiled = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            Matcher ds = DATASOURCE_KEY.matcher(unprofiled);
            Matcher worker = WORKER_KEY.matcher(unprofiled);
            if (ds.matches()) {
                String name = ds.group(1) == null ? DEFAULT_DATASOURCE : ds.group(1);
                datasourceKeys.put(name, ds.group(1) == null ? "quarkus.datasource.jdbc.max-size"
                        : "quarkus.datasource.\"" + name + "\".jdbc.max-size");
            } else if (worker.matches()) {
                workerKeys.put(worker.group(1), unprofiled);
            }
        }
        // Pools through system properties would bypass the environment this budget reads.
        env.forEach((k, v) -> assertThat(v).as(where + " " + k)
                .doesNotContain("-Dquarkus.datasource.").doesNotContain("-Dsmallrye.messaging.worker."));
        if (datasourceKeys.isEmpty()) {
            assertThat(env.keySet()).as(where + ": pool variables for a service without a datasource")
                    .noneMatch(k -> POOL_ENV.matcher(k).matches() || WORKER_ENV.matcher(k).matches());
            return null;
        }

        Map<String, Integer> datasources = new LinkedHashMap<>();
        datasourceKeys.forEach((name, key) -> datasources.put(name, explicit(env, key, where)));
        Map<String, Integer> workers = new LinkedHashMap<>();
        workerKeys.forEach((name, key) -> workers.put(name, explicit(env, key, where)));

        List<String> known = new ArrayList<>();
        datasourceKeys.values().forEach(k -> known.add(envName(k)));
        workerKeys.values().forEach(k -> known.add(envName(k)));
        assertThat(env.keySet()).as(where + ": variables naming a pool " + service + " does not declare (Quarkus ignores them)")
                .filteredOn(k -> POOL_ENV.matcher(k).matches() || WORKER_ENV.matcher(k).matches())
                .isSubsetOf(known);
        return new Pools(service, datasources, workers);
    }

    /** The value the environment gives {@code property}, which it must give: the budget is the deploy file's. */
    static int explicit(Map<String, String> env, String property, String where) {
        String name = envName(property);
        String value = env.get(name);
        assertThat(value).as(where + " sets " + name + " (" + property + "), so the budget does not depend on "
                + "application.properties").isNotNull();
        Matcher interpolated = Pattern.compile("\\$\\{[^}:]+:-(\\d+)}").matcher(value);
        return Integer.parseInt(interpolated.matches() ? interpolated.group(1) : value.trim());
    }

    /** The environment variable SmallRye Config reads for {@code property}: every other character becomes '_'. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The container's environment as Kubernetes builds it: envFrom first, env overriding. */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Container c, String where) {
        Map<String, String> env = new TreeMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                List<Map<String, Object>> generators = (List<Map<String, Object>>) KubernetesManifestsTest.kustomization
                        .getOrDefault("configMapGenerator", List.of());
                generators.stream().filter(g -> name.equals(g.get("name")))
                        .flatMap(g -> ((List<String>) g.getOrDefault("literals", List.of())).stream())
                        .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
                KubernetesManifestsTest.resources.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                        .filter(m -> name.equals(m.getMetadata().getName()) && m.getData() != null)
                        .forEach(m -> env.putAll(m.getData()));
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (POOL_ENV.matcher(e.getName()).matches() || WORKER_ENV.matcher(e.getName()).matches()) {
                assertThat(e.getValue()).as(where + " " + e.getName() + " is a literal, so the budget can be computed")
                        .isNotNull();
            }
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else {
                env.remove(e.getName());
            }
        }
        return env;
    }

    /** The most replicas the Deployment runs: its HPA's maxReplicas, or its fixed replicas without one. */
    static int maxReplicas(Deployment d) {
        String name = d.getMetadata().getName();
        List<HorizontalPodAutoscaler> hpas = KubernetesManifestsTest.resources.stream()
                .filter(HorizontalPodAutoscaler.class::isInstance).map(HorizontalPodAutoscaler.class::cast)
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && name.equals(h.getSpec().getScaleTargetRef().getName()))
                .toList();
        assertThat(hpas).as("autoscalers of " + name).hasSizeLessThanOrEqualTo(1);
        if (hpas.isEmpty()) {
            return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        }
        return hpas.get(0).getSpec().getMaxReplicas();
    }

    /** Pods a rolling update adds on top of {@code replicas}: maxSurge, a percentage rounded up as Kubernetes does. */
    static int surge(Deployment d, int replicas) {
        DeploymentStrategy strategy = d.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return 0;
        }
        IntOrString surge = strategy == null || strategy.getRollingUpdate() == null
                || strategy.getRollingUpdate().getMaxSurge() == null
                        ? KUBERNETES_DEFAULT_SURGE
                        : strategy.getRollingUpdate().getMaxSurge();
        if (surge.getIntVal() != null) {
            return surge.getIntVal();
        }
        int percent = Integer.parseInt(surge.getStrVal().replace("%", "").trim());
        return (replicas * percent + 99) / 100;
    }

    /** A PostgreSQL parameter of the CloudNativePG Cluster, {@code otherwise} when unset (-1: it must be set). */
    @SuppressWarnings("unchecked")
    static int clusterParameter(String name, int otherwise) {
        GenericKubernetesResource cluster = KubernetesManifestsTest.generic("Cluster", "minhu-db");
        Map<String, Object> parameters = (Map<String, Object>) cluster.get("spec", "postgresql", "parameters");
        Object value = parameters == null ? null : parameters.get(name);
        if (value == null) {
            assertThat(otherwise).as("Cluster minhu-db sets " + name).isNotNegative();
            return otherwise;
        }
        return Integer.parseInt(String.valueOf(value).trim());
    }

    /** max_connections of the Compose file's PostgreSQL: its {@code -c max_connections=} or the server's default. */
    @SuppressWarnings("unchecked")
    static int composeMaxConnections() {
        Object command = ComposeFileTest.services.get("postgres").get("command");
        List<String> args = command instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : command == null ? List.of() : List.of(String.valueOf(command).split("\\s+"));
        for (String arg : args) {
            Matcher m = Pattern.compile("(?:--)?max_connections=(\\d+)").matcher(arg);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return POSTGRES_DEFAULT_MAX_CONNECTIONS;
    }

    /** Containers Compose starts for a service: {@code scale} or {@code deploy.replicas}, else one. */
    @SuppressWarnings("unchecked")
    static int composeReplicas(Map<String, Object> service) {
        if (service.get("scale") != null) {
            return Integer.parseInt(String.valueOf(service.get("scale")));
        }
        Map<String, Object> deploy = (Map<String, Object>) service.get("deploy");
        return deploy == null || deploy.get("replicas") == null ? 1 : Integer.parseInt(String.valueOf(deploy.get("replicas")));
    }
}
