package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each {@code families} choice served by its own endpoint (one configured by key, the others by the builder) and
 * scraped by a real Prometheus in OpenMetrics and in text 0.0.4: Prometheus stores exactly the series of that
 * choice's rendering, hostile task names included, and {@code promtool check metrics} parses both texts. A fourth
 * endpoint serves a real collector's snapshot with aggregated tasks: Prometheus stores them as {@code _aggregated}.
 */
class FamiliesIT {

    @TempDir
    static Path dir;

    static final MetricsSnapshot SNAPSHOT = PromtoolCheckIT.hostile();
    static final Map<FamilySelection, PrometheusExporter> exporters = new EnumMap<>(FamilySelection.class);
    static final List<TestExporterContext> contexts = new ArrayList<>();
    static PrometheusServer prometheus;
    static PrometheusExporter aggregated;

    @BeforeAll
    static void scrape() throws Exception {
        StringBuilder jobs = new StringBuilder();
        for (FamilySelection choice : FamilySelection.values()) {
            String value = choice.name().toLowerCase(Locale.ROOT);
            PrometheusExporter exporter = choice == FamilySelection.SEED
                    ? new PrometheusExporter()
                    : PrometheusExporter.builder().port(0).families(choice).build();
            ExporterConfig config = choice == FamilySelection.SEED
                    ? ExporterConfig.of("prometheus", Map.of("port", "0", "families", value))
                    : ExporterConfig.of("prometheus", exporter.settingsInCode());
            TestExporterContext context = new TestExporterContext(config, () -> SNAPSHOT, Clock.systemUTC());
            contexts.add(context);
            exporter.configure(config);
            exporter.start(context);
            exporters.put(choice, exporter);
            String target = "    static_configs: [{targets: ['127.0.0.1:" + exporter.port() + "']}]\n";
            jobs.append("  - job_name: om_")
                    .append(value)
                    .append("\n    metrics_path: /metrics\n")
                    .append(target);
            jobs.append("  - job_name: text_")
                    .append(value)
                    .append("\n    metrics_path: /metrics.prometheus\n")
                    .append(target);
        }
        ExporterConfig aggregatedConfig = ExporterConfig.of("prometheus", Map.of("port", "0"));
        TestExporterContext aggregatedContext =
                new TestExporterContext(aggregatedConfig, AggregatedSnapshot::take, Clock.systemUTC());
        contexts.add(aggregatedContext);
        aggregated = new PrometheusExporter();
        aggregated.configure(aggregatedConfig);
        aggregated.start(aggregatedContext);
        jobs.append("  - job_name: aggregated\n    metrics_path: /metrics\n")
                .append("    static_configs: [{targets: ['127.0.0.1:" + aggregated.port() + "']}]\n");
        prometheus = PrometheusServer.start(dir, jobs.toString());
        await("every job scraped and its series queryable")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(prometheus.isAlive())
                            .as("prometheus alive; log: %s", prometheus.log())
                            .isTrue();
                    for (FamilySelection choice : FamilySelection.values()) {
                        long expected = expectedSamples(choice).size();
                        assertThat(count("om_" + name(choice))).isEqualTo(expected);
                        assertThat(count("text_" + name(choice))).isEqualTo(expected);
                    }
                    assertThat(count("aggregated")).isPositive();
                });
    }

    @AfterAll
    static void stop() throws Exception {
        // Prometheus first, so that it does not scrape endpoints that are going away.
        if (prometheus != null) {
            prometheus.close();
        }
        for (PrometheusExporter exporter : exporters.values()) {
            exporter.close();
        }
        if (aggregated != null) {
            aggregated.close();
        }
        for (TestExporterContext context : contexts) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(FamilySelection.class)
    void prometheusStoresExactlyTheChoicesSeriesInBothFormats(FamilySelection choice) throws Exception {
        Set<String> expectedNames = expectedSamples(choice).stream()
                .map(Exposition.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(namesOf("om_" + name(choice))).isEqualTo(expectedNames);
        assertThat(namesOf("text_" + name(choice))).isEqualTo(expectedNames);
        Set<String> seedNames = Set.of("symphra_scheduler_task_executions", "symphra_scheduler_task_duration_seconds");
        if (choice == FamilySelection.IDIOMATIC) {
            assertThat(expectedNames).doesNotContainAnyElementsOf(seedNames);
        } else {
            assertThat(expectedNames).containsAll(seedNames);
        }
    }

    @Test
    void prometheusStoresTheAggregatedTasksUnderTheOneLabelValueAggregated() throws Exception {
        Set<String> tasks = new TreeSet<>();
        for (JsonNode series : prometheus.query("{__name__=~\"symphra_.+\",job=\"aggregated\",task!=\"\"}")) {
            tasks.add(series.path("metric").path("task").asText());
        }
        assertThat(tasks).containsExactly(MetricsCollector.AGGREGATED_TASK, AggregatedSnapshot.OWN);
        JsonNode successes =
                prometheus.query("symphra_scheduler_task_successes_total{job=\"aggregated\",task=\"_aggregated\"}");
        assertThat(successes).hasSize(1);
        assertThat(successes.get(0).path("value").get(1).asText()).isEqualTo("2");
        JsonNode total = prometheus.query("sum(symphra_scheduler_task_executions{job=\"aggregated\"})");
        assertThat(total.get(0).path("value").get(1).asText()).isEqualTo("4");
    }

    @ParameterizedTest
    @EnumSource(FamilySelection.class)
    void promtoolParsesBothTextsOfTheChoice(FamilySelection choice) throws Exception {
        for (ExpositionFormat format : ExpositionFormat.values()) {
            byte[] text = FamilySelectionTest.render(format, choice, SNAPSHOT).getBytes(StandardCharsets.UTF_8);
            Promtool.Result result = Promtool.checkMetrics(text, dir);
            assertThat(result.parseErrors()).as("%s %s", choice, format).isEmpty();
            // Only lint findings (exit 3: the seed's counters without _total, OpenMetrics counters read as text) or
            // none at all; never a parse failure (exit 1).
            assertThat(result.exitCode())
                    .as("%s %s: %s", choice, format, result.lines())
                    .isIn(0, 3);
        }
    }

    private static List<Exposition.Sample> expectedSamples(FamilySelection choice) throws Exception {
        return Exposition.parse(FamilySelectionTest.render(ExpositionFormat.OPENMETRICS, choice, SNAPSHOT))
                .samples();
    }

    private static String name(FamilySelection choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> namesOf(String job) throws Exception {
        return prometheus.metricNames(job);
    }

    private static long count(String job) throws Exception {
        return prometheus.seriesCount(job);
    }
}
