package io.symphra.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleExporterTest {

    @Test
    void printsOneLinePerTaskWithItsCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleExporter exporter = new ConsoleExporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        exporter.configure(ExporterConfig.of("console", Map.of("prefix", "demo")));
        exporter.export(SnapshotBuilder.snapshot()
                .task("a", 3, 1)
                .task("new\nline", 2, 0)
                .build());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines())
                .containsExactly(
                        "demo task=\"a\" executions=4 failures=1 avg=0.013s max=0.020s",
                        "demo task=\"new\\nline\" executions=2 failures=0 avg=0.010s max=0.010s");
    }

    @Test
    void failuresOnlyFiltersAndBadPrefixIsRejected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleExporter exporter = new ConsoleExporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        exporter.configure(ExporterConfig.of("console", Map.of("failures-only", "true")));
        exporter.export(
                SnapshotBuilder.snapshot().task("ok", 3, 0).task("bad", 0, 2).build());
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("task=\"bad\"")
                .doesNotContain("task=\"ok\"");
        assertThatThrownBy(() -> exporter.configure(ExporterConfig.of("console", Map.of("prefix", "a b"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.console.prefix = 'a b'");
    }

    @Test
    void isDiscoveredThroughServiceLoaderAndPushedToByTheScheduler() {
        Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .environment(Map.of())
                .exporterProperty("symphra.exporter.console.enabled", "true")
                .exporterProperty("symphra.exporter.console.interval", "50ms")
                // Test-only: 50 ms is below the 100 ms floor of push intervals.
                .exporterProperty("symphra.exporter.minimum-interval", "1ms")
                .exporterProperty("symphra.exporter.prometheus.port", "0")
                .build();
        try (scheduler) {
            assertThat(scheduler.exporterNames()).contains("console");
            scheduler.schedule("tick", Triggers.every(Duration.ofMillis(10)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().exporters().stream()
                            .anyMatch(e -> e.name().equals("console") && e.exports() >= 2));
        }
    }
}
