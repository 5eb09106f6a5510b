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
    private static final String P50 = "histogram_quantile(0.5, sum without (bound) (label_replace("
            + "symphra_scheduler_task_duration_within_total{task=\"report\"}, \"le\", \"$1\", \"bound\", \"(.*)\")))";

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
                // The bucket counters give percentiles once their bound is the le that histogram_quantile reads.
                await().atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !prometheus.query(P50).isEmpty());
                JsonNode p50 = prometheus.query(P50);
                assertThat(p50.get(0).path("value").get(1).asDouble()).isBetween(0.0, 0.005);
            }
        }
    }

    private static double value(JsonNode result) {
        return result.isEmpty()
                ? Double.NaN
                : result.get(0).path("value").get(1).asDouble();
    }
}
