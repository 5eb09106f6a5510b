package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.RecordingLoggers;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogSinkTest {

    @Test
    void logsOneCompactLineOfJsonPerPushAtInfoUnderTheConfiguredLogger() throws Exception {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().task("{}", 1, 0);
        HostileNames.CORPUS.forEach(name -> builder.task(name, 1, 1));
        MetricsSnapshot snapshot = builder.build();

        RecordingLoggers loggers = new RecordingLoggers();
        JsonMetricsExporter exporter = new JsonMetricsExporter(loggers);
        ExporterConfig config = ExporterConfig.of("json", Map.of("log.enabled", "true", "log.logger", "acme.metrics"));
        exporter.configure(config);
        try (TestExporterContext context = new TestExporterContext(config, snapshot)) {
            exporter.start(context);
            exporter.export(snapshot);
            exporter.export(snapshot);
            exporter.close();
        }

        List<RecordingLoggers.Line> lines = loggers.lines("acme.metrics", Level.INFO);
        assertThat(lines).hasSize(2);
        String line = lines.get(0).message();
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line).isEqualTo(new JsonMetricsFormat().render(snapshot));
        JsonNode doc = MAPPER.readTree(line);
        assertThat(doc.get("task_stats").has("{}"))
                .as("a task named {} is not substituted")
                .isTrue();
        assertThat(loggers.lines().stream()
                        .filter(l -> l.level() == Level.INFO && l.logger().equals("acme.metrics")))
                .hasSize(2);
    }

    @Test
    void usesTheDefaultLoggerName() throws Exception {
        RecordingLoggers loggers = new RecordingLoggers();
        JsonMetricsExporter exporter = new JsonMetricsExporter(loggers);
        ExporterConfig config = ExporterConfig.of("json", Map.of("log.enabled", "true"));
        exporter.configure(config);
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot().task("t", 1, 0).build();
        try (TestExporterContext context = new TestExporterContext(config, snapshot)) {
            exporter.start(context);
            exporter.export(snapshot);
            exporter.close();
        }
        assertThat(loggers.lines("io.symphra.metrics.json", Level.INFO)).hasSize(1);
    }
}
