package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboards ({@code deploy/observability/grafana/dashboards}) and the alert rules read as what they
 * query: every PromQL expression names only metrics the services expose, which are the meters the code
 * registers (Micrometer builders in the services' and service-commons' sources, rendered with Prometheus'
 * suffixes) and a short list of Quarkus', the JVM's and the Kafka client's meters (docs/operations.md#metrics).
 * Every panel queries the Prometheus datasource the provisioning file names by uid, and the satisfaction panels
 * count as satisfied exactly the grades of feedback-service's satisfaction-rate formula.
 */
class DashboardsTest {

    static final Path GRAFANA = ComposeFileTest.DEPLOY.resolve("observability/grafana");
    static final List<String> MODULES = List.of("petition-service", "assignment-service", "feedback-service",
            "notification-service", "gateway", "service-commons");
    /** Meters Quarkus binds (HTTP server, JVM, process, Kafka clients): not written in Minhu's code. */
    static final Set<String> FRAMEWORK_METRICS = Set.of("http_server_requests_seconds_count",
            "http_server_requests_seconds_sum", "http_server_requests_seconds_max", "jvm_memory_used_bytes",
            "jvm_memory_committed_bytes", "jvm_memory_max_bytes", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count",
            "process_cpu_usage", "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_lag");

    static final Pattern METER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|Timer)\\.builder\\(\\s*\"([a-z][a-z.]*)\"(.*?)\\.register\\(", Pattern.DOTALL);
    static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"(\\w+)\"\\)");
    static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    static Set<String> known;
    static Map<String, Map<String, Object>> dashboards;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        known = new TreeSet<>(FRAMEWORK_METRICS);
        known.addAll(codeMetrics());
        dashboards = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString(), new ObjectMapper().readValue(file.toFile(), Map.class));
            }
        }
    }

    /** The Prometheus names of the meters registered in the services' code. */
    static Set<String> codeMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            for (Path source : Modules.mainSources(module)) {
                Matcher m = METER.matcher(Files.readString(source));
                while (m.find()) {
                    Matcher unit = BASE_UNIT.matcher(m.group(3));
                    String base = m.group(2).replace('.', '_') + (unit.find() ? "_" + unit.group(1) : "");
                    switch (m.group(1)) {
                        case "Counter", "FunctionCounter" -> names.add(base + "_total");
                        case "Timer" -> Stream.of("_count", "_sum", "_max", "_bucket").forEach(s -> names.add(base + "_seconds" + s));
                        default -> names.add(base);
                    }
                }
            }
        }
        return names;
    }

    /** The metric names a PromQL expression selects: what is left once strings, matchers, ranges, groupings and functions are removed. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(s);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group().toLowerCase())) {
                names.add(m.group());
            }
        }
        return names;
    }

    static Set<String> unknown(String expr) {
        Set<String> out = new TreeSet<>(metricNames(expr));
        out.removeAll(known);
        return out;
    }

    @Test
    void theCodeRegistersTheMetersTheOperationsGuideLists() throws IOException {
        assertThat(codeMetrics()).contains("minhu_petitions_filed_total", "minhu_dispatch_latency_seconds_bucket",
                "minhu_cases", "minhu_cases_overdue", "minhu_ratings_total", "minhu_outbox_backlog_events",
                "minhu_outbox_oldest_age_seconds", "minhu_outbox_published_events_total", "minhu_outbox_relay_failures_total",
                "minhu_events_retried_total", "minhu_events_dead_lettered_total", "minhu_exports_rejected_total",
                "minhu_gateway_breaker_open", "minhu_gateway_rate_limited_total");
    }

    @Test
    void everyDashboardExpressionNamesOnlyMetricsTheServicesExpose() {
        List<String> wrong = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        expressions().forEach((where, expr) -> {
            used.addAll(metricNames(expr));
            unknown(expr).forEach(u -> wrong.add(where + ": " + u));
        });
        assertThat(wrong).as("metrics no service exposes").isEmpty();
        assertThat(used).contains("http_server_requests_seconds_count", "minhu_outbox_backlog_events",
                "kafka_consumer_fetch_manager_records_lag_max", "minhu_events_dead_lettered_total", "minhu_gateway_breaker_open",
                "jvm_memory_used_bytes", "minhu_petitions_filed_total", "minhu_cases", "minhu_cases_overdue", "minhu_ratings_total");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertRuleNamesOnlyMetricsTheServicesExpose() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) Yaml.map(MonitoringTest.ALERTS).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                unknown(String.valueOf(rule.get("expr"))).forEach(u -> wrong.add(rule.get("alert") + ": " + u));
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The checks above can fail: every metric name in every dashboard expression, misspelt, is reported. */
    @Test
    void aMisspeltMetricInAnyExpressionIsReported() {
        int mutations = 0;
        for (String expr : expressions().values()) {
            for (String name : metricNames(expr)) {
                String wrong = expr.replaceFirst("\\b" + Pattern.quote(name) + "\\b", name + "s");
                assertThat(unknown(wrong)).as(wrong).contains(name + "s");
                mutations++;
            }
        }
        assertThat(mutations).isGreaterThan(30);
        assertThat(metricNames("sum by (job) (rate(http_server_requests_seconds_count{job=~\"$job\", status=~\"5..\"}[$__rate_interval])) > 0.5"))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPanelQueriesThePrometheusTheProvisioningFileNames() throws IOException {
        Map<String, String> uids = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(GRAFANA.resolve("provisioning/datasources"))) {
            for (Path file : files.toList()) {
                for (Map<String, Object> ds : (List<Map<String, Object>>) Yaml.map(file).get("datasources")) {
                    uids.put((String) ds.get("type"), (String) ds.get("uid"));
                }
            }
        }
        assertThat(uids).containsKeys("prometheus", "jaeger");
        dashboards.forEach((file, dashboard) -> {
            assertThat(file).isEqualTo(dashboard.get("uid") + ".json");
            List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list");
            Map<String, Object> datasource = variables.stream().filter(v -> "datasource".equals(v.get("name"))).findFirst().orElseThrow();
            assertThat(datasource).containsEntry("type", "datasource").containsEntry("query", "prometheus");
            assertThat(((Map<String, Object>) datasource.get("current")).get("value")).as(file).isEqualTo(uids.get("prometheus"));
            for (Map<String, Object> panel : panels(dashboard)) {
                if ("row".equals(panel.get("type"))) {
                    continue;
                }
                assertThat((Map<String, Object>) panel.get("datasource")).as(file + " " + panel.get("title"))
                        .containsEntry("uid", "${datasource}");
                assertThat((List<Map<String, Object>>) panel.get("targets")).as(file + " " + panel.get("title")).isNotEmpty()
                        .allSatisfy(t -> assertThat((Map<String, Object>) t.get("datasource")).containsEntry("uid", "${datasource}"));
            }
        });
        assertThat(dashboards).containsKeys("minhu-suite.json", "minhu-12345.json");
    }

    /**
     * The satisfaction ratio counts as satisfied the grades the statistics' satisfaction-rate formula puts in its
     * numerator (StatsViews: satisfied + basicallySatisfied), each a constant of feedback-service's Satisfaction, and
     * says it is an approximation of the published rate, which the statistics API gives.
     */
    @Test
    void theSatisfactionRatioCountsTheGradesTheStatisticsCountAndSaysItIsAnApproximation() throws IOException {
        Path feedback = KubernetesManifestsTest.ROOT.resolve("feedback-service/src/main/java/org/minhu/feedback");
        Matcher formula = Pattern.compile("SATISFACTION = new Formula\\(\"satisfaction-rate\", \\d+,\\s*\"\\(([^)]*)\\)")
                .matcher(Files.readString(feedback.resolve("stats/StatsViews.java")));
        assertThat(formula.find()).as("the satisfaction-rate formula in StatsViews").isTrue();
        Set<String> satisfied = Stream.of(formula.group(1).split("\\+")).map(String::trim)
                .map(t -> t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase()).collect(Collectors.toCollection(TreeSet::new));
        String grades = Files.readString(feedback.resolve("rating/Satisfaction.java"));
        assertThat(satisfied).isNotEmpty().allMatch(g -> grades.matches("(?s).*\\b" + g + "\\b.*"));

        List<Map<String, Object>> ratios = panels(dashboards.get("minhu-12345.json")).stream()
                .filter(p -> String.valueOf(p.get("title")).startsWith("Satisfaction ratio")).toList();
        assertThat(ratios).isNotEmpty();
        Pattern matcher = Pattern.compile("satisfaction=~\"([^\"]*)\"");
        for (Map<String, Object> panel : ratios) {
            assertThat(String.valueOf(panel.get("description"))).contains("approximation").contains("/api/v1/stats/satisfaction");
            for (String expr : targets(panel)) {
                Matcher m = matcher.matcher(expr);
                assertThat(m.find()).as(expr).isTrue();
                assertThat(new TreeSet<>(List.of(m.group(1).split("\\|")))).as(expr).isEqualTo(satisfied);
            }
        }
    }

    /** Every expression of every dashboard (panel targets and variable queries), by dashboard and panel. */
    @SuppressWarnings("unchecked")
    static Map<String, String> expressions() {
        Map<String, String> out = new LinkedHashMap<>();
        dashboards.forEach((file, dashboard) -> {
            for (Map<String, Object> panel : panels(dashboard)) {
                List<String> exprs = targets(panel);
                for (int i = 0; i < exprs.size(); i++) {
                    out.put(file + " " + panel.get("title") + " #" + i, exprs.get(i));
                }
            }
            for (Map<String, Object> v : (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list")) {
                if (v.get("query") instanceof Map<?, ?> q) {
                    // label_values(metric, label): the metric
                    out.put(file + " variable " + v.get("name"),
                            String.valueOf(q.get("query")).replaceAll("^label_values\\((\\w+),.*$", "$1"));
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            out.add(panel);
            out.addAll((List<Map<String, Object>>) panel.getOrDefault("panels", List.of()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> targets(Map<String, Object> panel) {
        return ((List<Map<String, Object>>) panel.getOrDefault("targets", List.of())).stream()
                .map(t -> String.valueOf(t.get("expr"))).toList();
    }
}
