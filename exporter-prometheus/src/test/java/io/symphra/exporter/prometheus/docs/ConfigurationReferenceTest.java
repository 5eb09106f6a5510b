package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.exporter.prometheus.PrometheusExporter;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.LayeredConfigSource;
import io.symphra.metrics.spi.MetricsExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/CONFIGURATION.md}: every key's environment variable is the one the configuration really reads, and the
 * Prometheus rows' defaults and messages are what the real exporter does.
 */
class ConfigurationReferenceTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `(symphra\\.exporter\\.[a-z]+\\.[a-z.-]+)` \\| ([^|]*) \\| `([A-Z0-9_]+)`.*$");

    /** Key to {default column, first environment variable}. */
    private static final Map<String, String[]> rows = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        String text = Files.readString(RepositoryDocs.folder().resolve("CONFIGURATION.md"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), new String[] {m.group(2).trim(), m.group(3)});
            }
        }
    }

    @Test
    void everyKeyHasTheEnvironmentVariableThatIsReallyRead() {
        assertThat(rows).hasSizeGreaterThan(50);
        rows.forEach(
                (key, row) -> assertThat(row[1]).as(key).isEqualTo(LayeredConfigSource.environmentVariableFor(key)));
    }

    @Test
    void everyExporterHasItsEnabledAndIntervalKeys() {
        for (String exporter : new String[] {"json", "statsd", "influx", "otlp"}) {
            assertThat(rows)
                    .containsKeys(
                            "symphra.exporter." + exporter + ".enabled", "symphra.exporter." + exporter + ".interval");
        }
        assertThat(rows)
                .containsKey("symphra.exporter.prometheus.enabled")
                .doesNotContainKey("symphra.exporter.prometheus.interval");
    }

    @Test
    void thePrometheusDefaultsAreTheExportersOwn() {
        MetricsExporter exporter = new PrometheusExporter();
        assertThat(exporter.enabledByDefault()).isTrue();
        assertThat(exporter.defaultInterval()).isEmpty();
        assertThat(rows.get("symphra.exporter.prometheus.enabled")[0]).isEqualTo("`true`");
        assertThat(rows.get("symphra.exporter.prometheus.port")[0]).isEqualTo("`9464`");
        assertThat(rows.get("symphra.exporter.prometheus.host")[0]).isEqualTo("`127.0.0.1`");
        assertThat(rows.get("symphra.exporter.prometheus.path")[0]).isEqualTo("`/metrics`");
    }

    @Test
    void aBadPrometheusValueGetsTheDocumentedMessage() {
        assertThatThrownBy(() -> new PrometheusExporter().configure(fromBuilder("port", "70000")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(
                        "symphra.exporter.prometheus.port = '70000' (from builder): expected a port from 0 to 65535");
        assertThatThrownBy(() -> new PrometheusExporter().configure(fromBuilder("threads", "0")))
                .hasMessageEndingWith(": expected an integer from 1 to 64");
        assertThatThrownBy(() -> new PrometheusExporter().configure(fromBuilder("path", "metrics")))
                .hasMessageEndingWith(": expected a path starting with /, such as /metrics");
    }

    /** The configuration as the scheduler builds it for a value set on its builder. */
    private static ExporterConfig fromBuilder(String key, String value) {
        return ExporterConfig.of(
                "prometheus",
                LayeredConfigSource.builder()
                        .add("builder", Map.of("symphra.exporter.prometheus." + key, value))
                        .build());
    }
}
