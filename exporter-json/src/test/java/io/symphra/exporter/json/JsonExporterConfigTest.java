package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.exporter.json.JsonExporterSettings.PushSettings;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.LayeredConfigSource;
import io.symphra.metrics.spi.MetricsExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonExporterConfigTest {

    @TempDir
    Path dir;

    private static void configure(Map<String, String> values) {
        new JsonMetricsExporter().configure(ExporterConfig.of("json", values));
    }

    private static JsonExporterSettings settings(Map<String, String> values) {
        return JsonExporterSettings.read(ExporterConfig.of("json", values));
    }

    @Test
    void isFoundByServiceLoaderOffByDefaultPushingEveryTenSeconds() {
        MetricsExporter exporter = ServiceLoader.load(MetricsExporter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("json"))
                .findFirst()
                .orElseThrow();
        assertThat(exporter).isInstanceOf(JsonMetricsExporter.class);
        assertThat(exporter.enabledByDefault()).isFalse();
        assertThat(exporter.defaultInterval()).contains(Duration.ofSeconds(10));
    }

    @Test
    void nothingSetMeansNoSink() {
        JsonExporterSettings settings = settings(Map.of());
        assertThat(settings.hasNoSink()).isTrue();
    }

    @Test
    void pushDefaults() {
        PushSettings push = settings(Map.of("push.url", "http://127.0.0.1:9/ingest?token=abc"))
                .push()
                .orElseThrow();
        assertThat(push.timeout()).isEqualTo(Duration.ofSeconds(5));
        // The unified defaults of every HTTP exporter: the first wait went from 500 ms to 1 s.
        assertThat(push.retry()).isEqualTo(new PushRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(push.headers()).isEmpty();
        // 3 x 5 s + 2 x 30 s
        assertThat(push.retry().longestPush(push.timeout())).isEqualTo(Duration.ofSeconds(75));
        assertThat(push.toString()).doesNotContain("token").contains("http://127.0.0.1:9/ingest");
    }

    @Test
    void logSinkIsOffByDefaultAndUsesTheDefaultLoggerName() {
        assertThat(settings(Map.of("log.logger", "x")).log()).isEmpty();
        assertThat(settings(Map.of("log.enabled", "true")).log().orElseThrow().loggerName())
                .isEqualTo("io.symphra.metrics.json");
        assertThat(settings(Map.of("log.enabled", "TRUE", "log.logger", "metrics.out"))
                        .log()
                        .orElseThrow()
                        .loggerName())
                .isEqualTo("metrics.out");
    }

    @Test
    void readsTheFilePathFromTheEnvironmentVariable() throws IOException {
        Path file = dir.resolve("metrics.json");
        ExporterConfig config = ExporterConfig.of(
                "json",
                LayeredConfigSource.builder()
                        .addEnvironment(Map.of(
                                "SYMPHRA_EXPORTER_JSON_FILE_PATH",
                                file.toString(),
                                "SYMPHRA_EXPORTER_JSON_MAX_ATTEMPTS",
                                "5"))
                        .build());
        assertThat(config.environmentVariable("file.path")).isEqualTo("SYMPHRA_EXPORTER_JSON_FILE_PATH");
        JsonExporterSettings settings = JsonExporterSettings.read(config);
        assertThat(settings.file().orElseThrow().path())
                .isEqualTo(file.toAbsolutePath().normalize());
        try (var files = Files.list(dir)) {
            assertThat(files).as("the writability probe leaves nothing behind").isEmpty();
        }
    }

    @Test
    void aFileInADirectoryThatDoesNotExistFails() {
        String value = dir.resolve("missing").resolve("metrics.json").toString();
        assertThatThrownBy(() -> configure(Map.of("file.path", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.file.path")
                .hasMessageContaining(value)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileInADirectoryNobodyCanWriteFails() {
        // procfs refuses new files even to root, which Files.isWritable would let through.
        String value = "/proc/metrics.json";
        assertThatThrownBy(() -> configure(Map.of("file.path", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.file.path")
                .hasMessageContaining(value)
                .hasMessageContaining("cannot create files in directory /proc");
    }

    @Test
    void aFilePathThatIsADirectoryFails() {
        assertThatThrownBy(() -> configure(Map.of("file.path", dir.toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.file.path")
                .hasMessageContaining("is a directory");
    }

    @Test
    void aFileUnderARegularFileFails() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        String value = plain.resolve("metrics.json").toString();
        assertThatThrownBy(() -> configure(Map.of("file.path", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(value)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aMalformedPushUrlFails() {
        for (String bad : new String[] {"not a url", "ftp://example.com/x", "http://", "localhost:8080/x"}) {
            assertThatThrownBy(() -> configure(Map.of("push.url", bad)))
                    .as(bad)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("symphra.exporter.json.push.url")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void aNonPositiveTimeoutFails() {
        for (String bad : new String[] {"0s", "-1s", "0", "soon"}) {
            assertThatThrownBy(() -> configure(Map.of("push.url", "http://127.0.0.1:1/", "timeout", bad)))
                    .as(bad)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("symphra.exporter.json.timeout")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void maxAttemptsBelowOneFails() {
        for (String bad : new String[] {"0", "-3", "many", "101"}) {
            assertThatThrownBy(() -> configure(Map.of("push.url", "http://127.0.0.1:1/", "max-attempts", bad)))
                    .as(bad)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("symphra.exporter.json.max-attempts")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("from 1 to 100");
        }
    }

    @Test
    void badBackoffsFail() {
        assertThatThrownBy(() -> configure(Map.of("backoff", "0ms")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.backoff");
        assertThatThrownBy(() -> configure(Map.of("backoff", "2s", "max-backoff", "1s")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.max-backoff")
                .hasMessageContaining("'1s'");
    }

    /** The push keys of before the unified HTTP keys fail naming the new key, not silently ignored. */
    @Test
    void theOldPushKeysFailNamingTheNewOnes() {
        Map<String, String> renamed = Map.of(
                "push.timeout", "timeout",
                "push.max-attempts", "max-attempts",
                "push.backoff", "backoff",
                "push.max-backoff", "max-backoff");
        renamed.forEach(
                (old, now) -> assertThatThrownBy(() -> configure(Map.of("push.url", "http://127.0.0.1:1/", old, "3")))
                        .as(old)
                        .isInstanceOf(InvalidConfigException.class)
                        .hasMessageStartingWith("symphra.exporter.json." + old + " = '3'")
                        .hasMessageEndingWith("renamed: use symphra.exporter.json." + now));
    }

    @Test
    void aBadIntervalFailsWhenTheSchedulerIsBuilt() {
        // The runtime alone reads interval; the exporter gets the decided interval through its context.
        assertThatThrownBy(() -> io.symphra.scheduler.Scheduler.builder()
                        .enableMetrics(true)
                        .systemProperties(new java.util.Properties())
                        .environment(Map.of())
                        .exporterProperty("symphra.exporter.json.enabled", "true")
                        .exporterProperty("symphra.exporter.json.log.enabled", "true")
                        .exporterProperty("symphra.exporter.json.interval", "-10s")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.interval");
    }

    @Test
    void aBadLogFlagFails() {
        assertThatThrownBy(() -> configure(Map.of("log.enabled", "yes")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.log.enabled")
                .hasMessageContaining("'yes'");
    }

    @Test
    void badHeadersFailWithoutShowingTheirValues() {
        assertThatThrownBy(() -> configure(Map.of("push.headers", "Authorization=Bearer s3cr3t,broken")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.push.headers")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> configure(Map.of("push.headers", "Host=s3cr3t.example")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.push.headers")
                .hasMessageContaining("'Host'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void headersAreParsedAndKeptSecret() {
        PushSettings push = settings(Map.of(
                        "push.url",
                        "https://collector.example/v1",
                        "push.headers",
                        "Authorization=Bearer s3cr3t, X-Tenant = blue"))
                .push()
                .orElseThrow();
        assertThat(push.headers()).containsOnlyKeys("Authorization", "X-Tenant");
        assertThat(push.headers().get("Authorization").reveal()).isEqualTo("Bearer s3cr3t");
        assertThat(push.headers().get("X-Tenant").reveal()).isEqualTo("blue");
        assertThat(push.toString()).doesNotContain("s3cr3t").doesNotContain("blue");
        JsonMetricsExporter exporter = new JsonMetricsExporter();
        exporter.configure(ExporterConfig.of(
                "json",
                Map.of("push.url", "https://collector.example/v1", "push.headers", "Authorization=Bearer s3cr3t")));
        assertThat(exporter.toString()).doesNotContain("s3cr3t");
    }
}
