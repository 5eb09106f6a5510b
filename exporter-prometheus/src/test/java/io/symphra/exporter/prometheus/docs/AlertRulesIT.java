package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files of {@code docs/prometheus} against the real {@code promtool} 2.42 (Debian package
 * {@code prometheus}, installed by {@code scripts/test.sh}): the scrape configuration and the alert rules are
 * valid, the rules' unit tests ({@code alerts.test.yml}) pass and fail when a rule is wrong, every metric the rules
 * and their test series name is one the exporter really writes, and the Grafana dashboard's queries are valid
 * PromQL.
 */
class AlertRulesIT {

    private static Path docs;
    private static RealExposition real;

    @TempDir
    Path temp;

    @BeforeAll
    static void locate() {
        docs = RepositoryDocs.folder();
        real = RealExposition.render();
    }

    @Test
    void theScrapeConfigurationAndItsRuleFileAreValid() throws Exception {
        Promtool.Result result = Promtool.run(docs.resolve("prometheus"), "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("SUCCESS: prometheus.yml is valid prometheus config file syntax", "SUCCESS: 9 rules found");
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        Promtool.Result result = Promtool.run(docs.resolve("prometheus"), "check", "rules", "alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        Promtool.Result result = Promtool.run(docs.resolve("prometheus"), "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theUnitTestsCatchAWrongThreshold() throws Exception {
        String rules = read("prometheus/alerts.yml");
        assertThat(rules).contains(") < 0.9\n");
        Files.writeString(temp.resolve("alerts.yml"), rules.replace(") < 0.9\n", ") < 0.4\n"));
        Files.copy(docs.resolve("prometheus/alerts.test.yml"), temp.resolve("alerts.test.yml"));
        Promtool.Result result = Promtool.run(temp, "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED", "alertname: SymphraTaskSuccessRateLow, time: 30m");
    }

    @Test
    void theRulesAlertOnFailuresSuccessRateLatenessExportersAndTheEndpoint() throws IOException {
        assertThat(RuleFileText.alertExpressions(read("prometheus/alerts.yml")))
                .containsOnlyKeys(
                        "SymphraTaskFailing",
                        "SymphraTaskSuccessRateLow",
                        "SymphraTaskStartingLate",
                        "SymphraTaskNotSucceeding",
                        "SymphraTaskRanNowhere",
                        "SymphraTaskRunStuck",
                        "SymphraTaskMissingFires",
                        "SymphraExporterFailing",
                        "SymphraMetricsEndpointDown");
    }

    @Test
    void everyMetricOfTheRulesAndTheirTestSeriesIsWrittenByTheExporter() throws IOException {
        Set<String> used = new TreeSet<>();
        Map<String, String> alerts = RuleFileText.alertExpressions(read("prometheus/alerts.yml"));
        alerts.forEach((alert, expr) -> {
            Set<String> names = PromqlMetricNames.of(expr);
            names.remove("up"); // written by Prometheus itself for every scrape
            assertThat(real.textSampleTypes().keySet())
                    .as("metrics of %s", alert)
                    .containsAll(names);
            for (String counted : PromqlMetricNames.counted(expr)) {
                assertThat(real.textSampleTypes().get(counted))
                        .as("rate/increase of %s in %s", counted, alert)
                        .isIn("counter", "histogram", "summary");
            }
            used.addAll(names);
        });
        assertThat(used).hasSize(11);
        for (String series : RuleFileText.inputSeries(read("prometheus/alerts.test.yml"))) {
            String name = series.substring(0, series.indexOf('{'));
            if (!name.equals("up")) {
                assertThat(real.textSampleTypes()).as("test series %s", series).containsKey(name);
            }
        }
    }

    @Test
    void theDashboardQueriesAreValidPromql() throws Exception {
        Map<String, String> queries = GrafanaDashboardTest.queries(new ObjectMapper()
                .readTree(docs.resolve("grafana/symphra-dashboard.json").toFile()));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (String query : queries.values()) {
            String promql = query.replace("$__rate_interval", "1m")
                    .replace("$__range", "1h")
                    .replace("$job", ".*")
                    .replace("$instance", ".*")
                    .replace("$task", ".*");
            assertThat(promql).doesNotContain("$");
            rules.append("      - record: dashboard:query")
                    .append(n++)
                    .append('\n')
                    .append("        expr: '")
                    .append(promql.replace("'", "''"))
                    .append("'\n");
        }
        Files.writeString(temp.resolve("dashboard.yml"), rules, StandardCharsets.UTF_8);
        Promtool.Result result = Promtool.run(temp, "check", "rules", "dashboard.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String read(String relative) throws IOException {
        return Files.readString(docs.resolve(relative), StandardCharsets.UTF_8);
    }
}
