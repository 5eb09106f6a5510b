package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.RecordingLoggers;
import io.symphra.metrics.testkit.ScriptedHttpServer;
import io.symphra.metrics.testkit.ScriptedHttpServer.Response;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** The exporter driven through its whole lifecycle as the scheduler's runtime drives it. */
class JsonMetricsExporterTest {

    @TempDir
    Path dir;

    private static MetricsSnapshot snapshotAt(int second) {
        return SnapshotBuilder.snapshot()
                .timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second))
                .label("service", "billing")
                .task("report", second, 1)
                .build();
    }

    @Test
    void everySinkGetsEveryPushIncludingTheFinalOne() throws Exception {
        Path file = dir.resolve("metrics.json");
        RecordingLoggers loggers = new RecordingLoggers();
        try (ScriptedHttpServer server = ScriptedHttpServer.answering(Response.of(200))) {
            ExporterConfig config = ExporterConfig.of(
                    "json",
                    Map.of(
                            "enabled", "true",
                            "interval", "1s",
                            "file.path", file.toString(),
                            "log.enabled", "true",
                            "push.url", server.uri("/metrics").toString()));
            JsonMetricsExporter exporter = new JsonMetricsExporter(loggers);
            exporter.configure(config);
            try (TestExporterContext context = new TestExporterContext(config, snapshotAt(1))) {
                exporter.start(context);
                assertThat(exporter.sinks())
                        .extracting(DocumentSink::describe)
                        .containsExactly(
                                "file " + file,
                                "log io.symphra.metrics.json",
                                "HTTP push to " + server.uri("/metrics"));
                exporter.export(snapshotAt(10));
                exporter.export(snapshotAt(20));
                // The runtime's last push on shutdown, then close.
                exporter.export(snapshotAt(30));
                exporter.close();
            }

            JsonNode fromFile = MAPPER.readTree(Files.readAllBytes(file));
            assertThat(fromFile.get("timestamp").textValue()).isEqualTo("2026-01-01T00:00:30Z");
            assertThat(JsonSchemaCheck.errors(fromFile)).isEmpty();
            assertThat(loggers.lines("io.symphra.metrics.json", Level.INFO)).hasSize(3);
            assertThat(server.received()).hasSize(3);
            assertThat(MAPPER.readTree(server.received().get(2).body())).isEqualTo(fromFile);
        }
    }

    @Test
    void aFailingSinkDoesNotStopTheOthersAndThePushThrows() throws Exception {
        Path file = dir.resolve("metrics.json");
        RecordingLoggers loggers = new RecordingLoggers();
        try (ScriptedHttpServer server = ScriptedHttpServer.answering(new Response(401, Map.of(), "bad token"))) {
            ExporterConfig config = ExporterConfig.of(
                    "json",
                    Map.of(
                            "file.path",
                            file.toString(),
                            "log.enabled",
                            "true",
                            "push.url",
                            server.uri("/metrics").toString(),
                            "push.headers",
                            "Authorization=Bearer s3cr3t"));
            JsonMetricsExporter exporter = new JsonMetricsExporter(loggers);
            exporter.configure(config);
            try (TestExporterContext context = new TestExporterContext(config, snapshotAt(1))) {
                exporter.start(context);
                assertThatThrownBy(() -> exporter.export(snapshotAt(5)))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("JSON export failed for 1 of 3 sink(s)")
                        .hasMessageContaining("HTTP 401: bad token")
                        .hasMessageNotContaining("s3cr3t");
                exporter.close();
            }
            assertThat(MAPPER.readTree(Files.readAllBytes(file))
                            .get("timestamp")
                            .textValue())
                    .isEqualTo("2026-01-01T00:00:05Z");
            assertThat(loggers.lines("io.symphra.metrics.json", Level.INFO)).hasSize(1);
            assertThat(server.received()).hasSize(1);
            assertThat(loggers.lines()).allSatisfy(l -> assertThat(l.message()).doesNotContain("s3cr3t"));
        }
    }

    @Test
    void withoutASinkItWarnsOnceAndPushesAreNoOps() throws Exception {
        RecordingLoggers loggers = new RecordingLoggers();
        ExporterConfig config = ExporterConfig.of("json", Map.of("enabled", "true"));
        JsonMetricsExporter exporter = new JsonMetricsExporter(loggers);
        exporter.configure(config);
        try (TestExporterContext context = new TestExporterContext(config, snapshotAt(1))) {
            exporter.start(context);
            exporter.export(snapshotAt(2));
            exporter.close();
        }
        assertThat(loggers.lines(JsonMetricsExporter.class.getName(), Level.WARN))
                .singleElement()
                .extracting(RecordingLoggers.Line::message)
                .asString()
                .contains("symphra.exporter.json.file.path");
    }
}
