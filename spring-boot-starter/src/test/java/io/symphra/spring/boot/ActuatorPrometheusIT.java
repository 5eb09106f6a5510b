package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.exporter.prometheus.PrometheusServer;
import io.symphra.exporter.prometheus.Promtool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's meters as Micrometer serves them at /actuator/prometheus, read by the real Prometheus tools. */
class ActuatorPrometheusIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String P50 =
            "histogram_quantile(0.5, sum by (le) (symphra_scheduler_task_duration_seconds_bucket{task=\"report\"}))";

    @Test
    void promtoolAcceptsTheTextAndARealPrometheusScrapesTheCounts(@TempDir Path dir) throws Exception {
        try (RunningApp app =
                RunningApp.start(TestApplication.class, Map.of("symphra.common-labels.service", "demo"))) {
            DemoTasks tasks = app.bean(DemoTasks.class);
            await().atMost(PATIENCE).until(() -> tasks.ticks.get() == 1 && tasks.reports.get() == 1);
            String text = app.get("/actuator/prometheus").body();
            assertThat(text).contains("symphra_scheduler_task_executions_total");

            Promtool.Result lint = Promtool.checkMetrics(text.getBytes(StandardCharsets.UTF_8), dir);
            assertThat(lint.parseErrors()).as(String.join("\n", lint.lines())).isEmpty();
            assertThat(lint.lines())
                    .as("no lint problem in a symphra family")
                    .noneMatch(line -> line.contains("symphra_"));

            String target = app.base.getHost() + ":" + app.base.getPort();
            try (PrometheusServer prometheus = PrometheusServer.start(
                    dir,
                    "  - job_name: boot\n    metrics_path: /actuator/prometheus\n    static_configs:\n"
                            + "      - targets: ['" + target + "']\n")) {
                await().atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> value(prometheus.query(
                                        "symphra_scheduler_task_executions_total{task=\"tick\",outcome=\"success\"}"))
                                == 1.0);
                // The timer's buckets are the scheduler's histogram: histogram_quantile reads them as they are.
                await().atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !prometheus.query(P50).isEmpty());
                JsonNode p50 = prometheus.query(P50);
                assertThat(p50.get(0).path("value").get(1).asDouble()).isBetween(0.0, 0.005);
            }
        }
    }

    @Test
    void theBootDistributionPropertiesReplaceTheDefaultBuckets() throws Exception {
        try (RunningApp app = RunningApp.start(
                TestApplication.class,
                Map.of("management.metrics.distribution.slo.symphra.scheduler.task.duration", "1ms,50ms"))) {
            DemoTasks tasks = app.bean(DemoTasks.class);
            await().atMost(PATIENCE).until(() -> tasks.ticks.get() == 1);
            String inf = "symphra_scheduler_task_duration_seconds_bucket{task=\"tick\",le=\"+Inf\"}";
            await().atMost(PATIENCE).until(() -> Double.valueOf(1).equals(RunningApp.sample(scrape(app), inf)));

            assertThat(scrape(app)
                            .lines()
                            .filter(line ->
                                    line.startsWith("symphra_scheduler_task_duration_seconds_bucket{task=\"tick\","))
                            .map(line -> line.substring(line.indexOf("le=") + 3, line.indexOf('}'))))
                    .containsExactly("\"0.001\"", "\"0.05\"", "\"+Inf\"");
        }
    }

    private static String scrape(RunningApp app) throws Exception {
        return app.get("/actuator/prometheus").body();
    }

    private static double value(JsonNode result) {
        return result.isEmpty()
                ? Double.NaN
                : result.get(0).path("value").get(1).asDouble();
    }
}
