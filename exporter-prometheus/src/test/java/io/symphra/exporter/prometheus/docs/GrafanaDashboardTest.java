package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * {@code docs/grafana/symphra-dashboard.json}: it parses, its panels and variables are well formed, and every
 * metric its queries use is a sample name the Prometheus exporter really writes, in both formats. Its PromQL is
 * parsed by the real promtool in {@link AlertRulesIT}.
 */
class GrafanaDashboardTest {

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

    private static JsonNode dashboard;
    private static RealExposition real;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper()
                .readTree(RepositoryDocs.folder()
                        .resolve("grafana/symphra-dashboard.json")
                        .toFile());
        real = RealExposition.render();
    }

    /** Every PromQL query of the dashboard: panel targets, and the selectors inside label_values(...) variables. */
    static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> queries = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        panel.path("title").asText() + " / "
                                + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                Matcher m = LABEL_VALUES.matcher(
                        variable.path("query").path("query").asText());
                assertThat(m.matches())
                        .as("variable %s uses label_values(selector, label)", variable.path("name"))
                        .isTrue();
                queries.put("variable " + variable.path("name").asText(), m.group(1));
            }
        }
        return queries;
    }

    @Test
    void isADashboardWithItsIdentityAndVariables() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("symphra-scheduler");
        assertThat(dashboard.path("title").asText()).isEqualTo("Symphra Scheduler");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        List<String> variables = new ArrayList<>();
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("datasource", "job", "instance", "task");
        assertThat(dashboard
                        .path("templating")
                        .path("list")
                        .get(0)
                        .path("query")
                        .asText())
                .isEqualTo("prometheus");
    }

    @Test
    void everyPanelHasAUniqueIdAPlaceAndQueriesThroughTheChosenDataSource() {
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id of %s", panel.path("title"))
                    .isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("type").asText()).isIn("timeseries", "stat");
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets").size())
                    .as("targets of %s", panel.path("title"))
                    .isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(target.path("expr").asText()).isNotBlank();
            }
        }
    }

    @Test
    void everyMetricTheQueriesUseIsWrittenByTheExporterInBothFormats() {
        Set<String> used = new TreeSet<>();
        queries(dashboard).forEach((where, expr) -> {
            Set<String> names = PromqlMetricNames.of(expr);
            assertThat(names).as("metrics of %s: %s", where, expr).isNotEmpty();
            assertThat(real.textSampleTypes().keySet())
                    .as("0.0.4 samples, for %s", where)
                    .containsAll(names);
            assertThat(real.openMetricsSampleNames())
                    .as("OpenMetrics samples, for %s", where)
                    .containsAll(names);
            used.addAll(names);
        });
        assertThat(used)
                .contains(
                        "symphra_scheduler_task_executions",
                        "symphra_scheduler_task_successes_total",
                        "symphra_scheduler_task_execution_duration_seconds_bucket",
                        "symphra_scheduler_task_lateness_seconds_sum",
                        "symphra_scheduler_task_lateness_seconds_count",
                        "symphra_scheduler_task_running",
                        "symphra_scheduler_exporter_failures_total");
    }

    @Test
    void rateAndIncreaseAreTakenOfCountersOnly() {
        queries(dashboard).forEach((where, expr) -> {
            for (String name : PromqlMetricNames.counted(expr)) {
                assertThat(real.textSampleTypes().get(name))
                        .as("type of %s in %s", name, where)
                        .isIn("counter", "histogram", "summary");
            }
        });
    }

    @Test
    void durationQuantilesComeFromTheHistogramBucketsByLe() {
        List<String> quantiles = new ArrayList<>();
        queries(dashboard).values().stream()
                .filter(q -> q.startsWith("histogram_quantile("))
                .forEach(q -> {
                    assertThat(q).contains("symphra_scheduler_task_execution_duration_seconds_bucket", "by (task, le)");
                    quantiles.add(q.substring("histogram_quantile(".length(), q.indexOf(',')));
                });
        assertThat(quantiles).containsExactly("0.5", "0.95", "0.99");
    }
}
