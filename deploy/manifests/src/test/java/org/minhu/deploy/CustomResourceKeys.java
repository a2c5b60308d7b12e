package org.minhu.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a custom resource (Strimzi, CloudNativePG) may hold, per apiVersion and kind: the
 * Fabric8 model reads these kinds as generic maps, so it cannot tell {@code replcas: 3} from
 * {@code replicas: 3}. The lists are written from the operators' CRD reference (Strimzi 0.48,
 * {@code kafka.strimzi.io/v1beta2}; CloudNativePG 1.27, {@code postgresql.cnpg.io/v1}; the Prometheus Operator 0.8x,
 * {@code monitoring.coreos.com/v1}) for the
 * parts of each schema these manifests use or are likely to use; a key outside them is reported.
 * A manifest that needs a field the list lacks adds it here, from the CRD, in the same change.
 *
 * <p>A path is dotted keys, {@code []} for the items of a list; {@code *} after a path allows any
 * key beneath it (a free-form map: labels, a Kafka {@code config}, PostgreSQL parameters).
 */
final class CustomResourceKeys {

    private CustomResourceKeys() {
    }

    private static final List<String> METADATA = List.of("apiVersion", "kind", "metadata.name", "metadata.namespace",
            "metadata.labels.*", "metadata.annotations.*");

    /** Kubernetes types the CRDs embed. */
    private static final List<String> RESOURCES = List.of("requests.*", "limits.*");
    private static final List<String> SELECTOR = List.of("matchLabels.*", "matchExpressions[].key",
            "matchExpressions[].operator", "matchExpressions[].values[]");
    private static final List<String> PROBE = List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds",
            "successThreshold", "failureThreshold");
    private static final List<String> JVM_OPTIONS = List.of("-Xms", "-Xmx", "gcLoggingEnabled", "-XX.*",
            "javaSystemProperties[].name", "javaSystemProperties[].value");
    private static final List<String> STORAGE_VOLUME = List.of("id", "type", "size", "class", "deleteClaim",
            "kraftMetadata", "selector.*");
    private static final List<String> KAFKA_CA = List.of("generateCertificateAuthority", "generateSecretOwnerReference",
            "validityDays", "renewalDays", "certificateExpirationPolicy");

    static final Map<String, Set<String>> ALLOWED = Map.of(
            "kafka.strimzi.io/v1beta2 Kafka", paths(
                    under("spec.kafka", "version", "metadataVersion", "image", "config.*", "rack.topologyKey",
                            "brokerRackInitImage", "template.*", "quotas.*", "tieredStorage.*", "metricsConfig.*", "logging.*"),
                    under("spec.kafka.listeners[]", "name", "port", "type", "tls", "configuration.*",
                            "authentication.type", "authentication.listenerConfig.*", "authentication.sasl",
                            "authentication.secrets[].key", "authentication.secrets[].secretName"),
                    under("spec.kafka.listeners[].networkPolicyPeers[]", prefix("podSelector", SELECTOR),
                            prefix("namespaceSelector", SELECTOR), List.of("ipBlock.cidr", "ipBlock.except[]")),
                    under("spec.kafka.authorization", "type", "superUsers[]"),
                    under("spec.kafka.resources", RESOURCES),
                    under("spec.kafka.jvmOptions", JVM_OPTIONS),
                    under("spec.kafka.livenessProbe", PROBE),
                    under("spec.kafka.readinessProbe", PROBE),
                    under("spec.entityOperator", "template.*"),
                    under("spec.entityOperator.topicOperator", "watchedNamespace", "image", "reconciliationIntervalMs",
                            "logging.*", prefix("resources", RESOURCES), prefix("jvmOptions", JVM_OPTIONS),
                            prefix("livenessProbe", PROBE), prefix("readinessProbe", PROBE), prefix("startupProbe", PROBE)),
                    under("spec.entityOperator.userOperator", "watchedNamespace", "image", "reconciliationIntervalMs",
                            "secretPrefix", "logging.*", prefix("resources", RESOURCES), prefix("jvmOptions", JVM_OPTIONS),
                            prefix("livenessProbe", PROBE), prefix("readinessProbe", PROBE)),
                    under("spec.clusterCa", KAFKA_CA),
                    under("spec.clientsCa", KAFKA_CA),
                    under("spec.kafkaExporter", "topicRegex", "groupRegex", "topicExcludeRegex", "groupExcludeRegex",
                            "enableSaramaLogging", "showAllOffsets", "logging", "image", prefix("resources", RESOURCES)),
                    under("spec.cruiseControl", "config.*", "brokerCapacity.*", "image", "template.*", "logging.*",
                            "metricsConfig.*", prefix("resources", RESOURCES), prefix("jvmOptions", JVM_OPTIONS)),
                    List.of("spec.maintenanceTimeWindows[]")),
            "kafka.strimzi.io/v1beta2 KafkaNodePool", paths(
                    under("spec", "replicas", "roles[]", "template.*"),
                    under("spec.storage", "type", "size", "class", "deleteClaim", "kraftMetadata", "selector.*"),
                    under("spec.storage.volumes[]", STORAGE_VOLUME),
                    under("spec.resources", RESOURCES),
                    under("spec.jvmOptions", JVM_OPTIONS)),
            "kafka.strimzi.io/v1beta2 KafkaTopic", paths(
                    under("spec", "topicName", "partitions", "replicas", "config.*")),
            "kafka.strimzi.io/v1beta2 KafkaUser", paths(
                    under("spec.authentication", "type", "password.valueFrom.secretKeyRef.name",
                            "password.valueFrom.secretKeyRef.key"),
                    under("spec.authorization", "type"),
                    under("spec.authorization.acls[]", "type", "operation", "operations[]", "host", "resource.type",
                            "resource.name", "resource.patternType"),
                    under("spec.quotas", "producerByteRate", "consumerByteRate", "requestPercentage", "controllerMutationRate"),
                    under("spec.template.secret.metadata", "labels.*", "annotations.*")),
            "postgresql.cnpg.io/v1 Cluster", paths(
                    under("spec", "description", "imageName", "imagePullPolicy", "instances", "minSyncReplicas",
                            "maxSyncReplicas", "primaryUpdateStrategy", "primaryUpdateMethod", "enableSuperuserAccess",
                            "superuserSecret.name", "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay",
                            "failoverDelay", "priorityClassName", "logLevel", "enablePDB", "affinity.*",
                            "topologySpreadConstraints[].*", "inheritedMetadata.labels.*", "inheritedMetadata.annotations.*",
                            "monitoring.*", "backup.*", "externalClusters[].*", "managed.*", "env[].*", "envFrom[].*"),
                    under("spec.bootstrap.initdb", "database", "owner", "secret.name", "dataChecksums", "encoding",
                            "localeCollate", "localeCType", "locale", "localeProvider", "walSegmentSize", "options[]",
                            "postInitSQL[]", "postInitApplicationSQL[]", "postInitTemplateSQL[]", "import.*"),
                    under("spec.bootstrap", "recovery.*", "pg_basebackup.*"),
                    under("spec.postgresql", "parameters.*", "pg_hba[]", "pg_ident[]", "shared_preload_libraries[]",
                            "synchronous.*", "syncReplicaElectionConstraint.*", "promotionTimeout", "enableAlterSystem"),
                    under("spec.storage", "size", "storageClass", "resizeInUseVolumes", "pvcTemplate.*"),
                    under("spec.walStorage", "size", "storageClass", "resizeInUseVolumes", "pvcTemplate.*"),
                    under("spec.resources", RESOURCES)),
            "postgresql.cnpg.io/v1 Database", paths(
                    under("spec", "name", "owner", "ensure", "template", "encoding", "locale", "localeProvider",
                            "localeCollate", "localeCType", "icuLocale", "icuRules", "builtinLocale", "collationVersion",
                            "isTemplate", "allowConnections", "connectionLimit", "tablespace", "databaseReclaimPolicy",
                            "cluster.name", "schemas[].*", "extensions[].*")),
            "monitoring.coreos.com/v1 ServiceMonitor", paths(
                    under("spec", "jobLabel", "targetLabels[]", "podTargetLabels[]", "sampleLimit", "scrapeProtocols[]",
                            "attachMetadata.node", "namespaceSelector.any", "namespaceSelector.matchNames[]"),
                    under("spec.selector", SELECTOR),
                    under("spec.endpoints[]", "port", "targetPort", "path", "scheme", "interval", "scrapeTimeout",
                            "honorLabels", "honorTimestamps", "params.*", "tlsConfig.*", "authorization.*",
                            "relabelings[].*", "metricRelabelings[].*")),
            "monitoring.coreos.com/v1 PrometheusRule", paths(
                    under("spec.groups[]", "name", "interval", "limit", "query_offset", "partial_response_strategy", "labels.*"),
                    under("spec.groups[].rules[]", "alert", "record", "expr", "for", "keep_firing_for", "labels.*",
                            "annotations.*")));

    /** Every key of {@code resource} (a manifest document) that its kind's list does not allow, with its path. */
    static List<String> unknown(Map<String, Object> resource) {
        String type = resource.get("apiVersion") + " " + resource.get("kind");
        Set<String> allowed = ALLOWED.get(type);
        if (allowed == null) {
            return List.of(type + ": a custom resource kind with no list of allowed keys");
        }
        List<String> out = new ArrayList<>();
        walk(resource, "", allowed, out);
        return out;
    }

    private static void walk(Object value, String path, Set<String> allowed, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String p = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                if (free(p, allowed)) {
                    return;
                }
                if (!allowed.contains(p)) {
                    out.add(p);
                    return;
                }
                walk(v, p, allowed, out);
            });
        } else if (value instanceof Collection<?> items) {
            if (free(path + "[]", allowed)) {
                return;
            }
            for (Object item : items) {
                walk(item, path + "[]", allowed, out);
            }
        }
    }

    /** Whether {@code path} lies beneath a free-form map of the list (an entry ending in {@code .*}). */
    private static boolean free(String path, Set<String> allowed) {
        for (String entry : allowed) {
            if (entry.endsWith(".*")) {
                String base = entry.substring(0, entry.length() - 2);
                if (path.startsWith(base + ".") || path.startsWith(base + "[")) {
                    return true;
                }
            }
        }
        return false;
    }

    @SafeVarargs
    private static Set<String> paths(List<String>... groups) {
        Set<String> all = new TreeSet<>();
        List<String> entries = new ArrayList<>(METADATA);
        for (List<String> g : groups) {
            entries.addAll(g);
        }
        for (String entry : entries) {
            all.add(entry);
            // every enclosing key is allowed too: spec.kafka.listeners[].port allows spec, spec.kafka, spec.kafka.listeners
            for (int i = 0; i < entry.length(); i++) {
                char c = entry.charAt(i);
                if (c == '.' || c == '[') {
                    all.add(entry.substring(0, i));
                }
            }
            if (entry.endsWith(".*")) {
                all.add(entry.substring(0, entry.length() - 2));
            }
        }
        return all;
    }

    private static List<String> under(String prefix, Object... keys) {
        List<String> out = new ArrayList<>();
        for (Object k : keys) {
            if (k instanceof Collection<?> many) {
                many.forEach(m -> out.add(prefix + "." + m));
            } else {
                out.add(prefix + "." + k);
            }
        }
        return out;
    }

    private static List<String> prefix(String prefix, List<String> keys) {
        return keys.stream().map(k -> prefix + "." + k).toList();
    }
}
