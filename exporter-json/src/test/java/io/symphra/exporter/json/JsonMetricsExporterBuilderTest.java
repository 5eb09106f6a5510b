package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonMetricsExporterBuilder} through the real scheduler: its file sink writes the builder's path and its
 * HTTP push reaches the builder's URL; what it sets wins over system properties; a bad value fails the build as the
 * same key would, with {@code (from code)} as its origin.
 */
class JsonMetricsExporterBuilderTest {

    private static final int RUNS = 3;

    @TempDir
    Path dir;

    private static JsonNode read(Path file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(file));
    }

    @Test
    void theFinalPushWritesTheBuildersFileAndPostsToTheBuildersUrl() throws Exception {
        Path file = dir.resolve("metrics.json");
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        try (JsonReceiver receiver = JsonReceiver.start(0, tally)) {
            JsonMetricsExporter exporter = JsonMetricsExporter.builder()
                    .filePath(file)
                    .pushUrl(URI.create(receiver.url()))
                    .pushHeaders(Map.of("X-Scheduler", "billing"))
                    .logEnabled(true)
                    .logLogger("io.symphra.test.json")
                    .interval(Duration.ofHours(1))
                    .build();
            OneShotRuns.runAndClose(exporter, Map.of(), RUNS);
            // An hour's interval: the only push is the final one on close, which returns once it was answered.
            assertThat(read(file).get("total_executions").asLong()).isEqualTo(RUNS);
            assertThat(tally.documents()).isEqualTo(1);
            assertThat(tally.lastTotal()).isEqualTo(RUNS);
            assertThat(tally.lastTasks()).containsOnlyKeys("once-0", "once-1", "once-2");
        }
    }

    @Test
    void valuesSetInCodeWinOverSystemProperties() throws Exception {
        // log.enabled is not a boolean: had the property won, the build would fail.
        Map<String, String> properties = Map.of(
                "symphra.exporter.json.file.path",
                dir.resolve("from-property.json").toString(),
                "symphra.exporter.json.log.enabled",
                "maybe");
        JsonMetricsExporter exporter = JsonMetricsExporter.builder()
                .filePath(dir.resolve("from-code.json"))
                .logEnabled(false)
                .interval(Duration.ofHours(1))
                .build();
        OneShotRuns.runAndClose(exporter, properties, 1);

        assertThat(read(dir.resolve("from-code.json")).get("total_executions").asLong())
                .isEqualTo(1);
        assertThat(dir.resolve("from-property.json")).doesNotExist();
    }

    @Test
    void aBadHeaderSetInCodeFailsTheBuildNamingTheKeyAndCodeWithTheValueMasked() {
        JsonMetricsExporter exporter = JsonMetricsExporter.builder()
                .pushUrl(URI.create("http://127.0.0.1:9/ingest"))
                .pushHeaders(Map.of("Host", "evil.example"))
                .build();

        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(exporter).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.json.push.headers = '******' (from code): ")
                .hasMessageContaining("'Host'")
                .hasMessageNotContaining("evil.example");
    }

    @Test
    void aHeaderThatCannotBeWrittenAsAMapKeyIsRefusedAtOnce() {
        assertThatThrownBy(() -> JsonMetricsExporter.builder().pushHeaders(Map.of("Accept", "a,b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("push.headers: entry 'Accept'");
    }
}
