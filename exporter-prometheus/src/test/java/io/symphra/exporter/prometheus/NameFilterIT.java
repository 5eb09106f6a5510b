package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the endpoint with {@code params: {name[]: [...]}} in its scrape config, once in
 * OpenMetrics (what Prometheus asks for first) and once in text 0.0.4, and stores exactly the series of the named
 * families, no other; a job without {@code params} stores them all.
 */
class NameFilterIT {

    private static final Set<String> SELECTED = Set.of(
            "symphra_scheduler_task_successes_total",
            "symphra_scheduler_task_execution_duration_seconds_bucket",
            "symphra_scheduler_task_execution_duration_seconds_count",
            "symphra_scheduler_task_execution_duration_seconds_sum");

    @TempDir
    static Path dir;

    static final MetricsSnapshot SNAPSHOT = PromtoolCheckIT.hostile();
    static TestExporterContext context;
    static PrometheusExporter exporter;
    static PrometheusServer prometheus;

    @BeforeAll
    static void scrape() throws Exception {
        ExporterConfig config = ExporterConfig.of("prometheus", Map.of("port", "0", "durations", "histogram"));
        context = new TestExporterContext(config, () -> SNAPSHOT, Clock.systemUTC());
        exporter = new PrometheusExporter();
        exporter.configure(config);
        exporter.start(context);
        String target = "['127.0.0.1:" + exporter.port() + "']";
        String params = "    params:\n      'name[]': [symphra_scheduler_task_successes_total,"
                + " symphra_scheduler_task_execution_duration_seconds]\n";
        prometheus = PrometheusServer.start(
                dir,
                "  - job_name: om\n    metrics_path: /metrics\n" + params
                        + "    static_configs: [{targets: " + target + "}]\n"
                        + "  - job_name: text\n    metrics_path: /metrics.prometheus\n" + params
                        + "    static_configs: [{targets: " + target + "}]\n"
                        + "  - job_name: all\n    metrics_path: /metrics\n"
                        + "    static_configs: [{targets: " + target + "}]\n");
        long expectedAll = Exposition.parse(
                        PrometheusRendererTest.renderHistograms(ExpositionFormat.OPENMETRICS, SNAPSHOT))
                .samples()
                .size();
        await("every job scraped and its series queryable")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(prometheus.isAlive())
                            .as("prometheus alive; log: %s", prometheus.log())
                            .isTrue();
                    assertThat(namesOf("om")).containsAll(SELECTED);
                    assertThat(namesOf("text")).containsAll(SELECTED);
                    assertThat(count("all")).isEqualTo(expectedAll);
                });
    }

    @AfterAll
    static void stop() throws Exception {
        // Prometheus first, so that it does not scrape an endpoint that is going away.
        for (AutoCloseable c : new AutoCloseable[] {prometheus, exporter, context}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theFilteredJobsStoreOnlyTheNamedFamiliesInBothFormats() throws Exception {
        assertThat(namesOf("om")).isEqualTo(new TreeSet<>(SELECTED));
        assertThat(namesOf("text")).isEqualTo(new TreeSet<>(SELECTED));
        // Every series of the named families arrived, hostile task names included.
        long perJob = Exposition.parse(PrometheusRendererTest.renderHistograms(ExpositionFormat.OPENMETRICS, SNAPSHOT))
                .samples()
                .stream()
                .filter(s -> SELECTED.contains(s.name()))
                .count();
        assertThat(count("om")).isEqualTo(perJob);
        assertThat(count("text")).isEqualTo(perJob);
    }

    @Test
    void theJobWithoutParamsStoresEveryFamily() throws Exception {
        assertThat(namesOf("all")).containsAll(SELECTED).hasSizeGreaterThan(SELECTED.size());
    }

    private static Set<String> namesOf(String job) throws Exception {
        return prometheus.metricNames(job);
    }

    private static long count(String job) throws Exception {
        return prometheus.seriesCount(job);
    }
}
