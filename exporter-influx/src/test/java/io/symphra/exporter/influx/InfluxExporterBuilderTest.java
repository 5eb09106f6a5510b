package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link InfluxExporterBuilder} through the real scheduler: what it sets wins over system properties, and a bad
 * value fails the build as the same key would, with {@code (from code)} as its origin and secrets masked.
 */
class InfluxExporterBuilderTest {

    @Test
    void valuesSetInCodeWinOverSystemProperties() throws Exception {
        try (StubInfluxServer server = new StubInfluxServer().always(StubInfluxServer.Reply.status(204))) {
            // A batch size of 0 is out of range: had the property won, the build would fail.
            Map<String, String> properties = Map.of(
                    "symphra.exporter.influx.url", "http://127.0.0.1:9",
                    "symphra.exporter.influx.bucket", "from-property",
                    "symphra.exporter.influx.batch-size", "0");
            InfluxExporter exporter = InfluxExporter.builder()
                    .url(URI.create(server.url()))
                    .org("acme")
                    .bucket("from-code")
                    .token("t0ken")
                    .batchSize(100)
                    .interval(Duration.ofHours(1))
                    .build();

            OneShotRuns.runAndClose(exporter, properties, 1);

            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request.pathAndQuery())
                        .startsWith("/api/v2/write")
                        .contains("bucket=from-code")
                        .contains("org=acme");
                assertThat(request.authorization()).isEqualTo("Token t0ken");
                assertThat(request.body()).contains("task=once-0");
            });
        }
    }

    @Test
    void aBadValueSetInCodeFailsTheBuildNamingTheKeyAndCode() {
        InfluxExporter exporter = InfluxExporter.builder()
                .org("acme")
                .bucket("jobs")
                .token("t0ken")
                .bufferLimit(0)
                .build();

        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(exporter).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.influx.buffer-limit = '0' (from code): expected an integer from 1 to"
                        + " 100000000");
    }

    @Test
    void mixingInfluxDb2And18KeysInCodeFailsWithTheSecretMasked() {
        InfluxExporter exporter = InfluxExporter.builder()
                .org("acme")
                .bucket("jobs")
                .token("t0ken")
                .database("telegraf")
                .password("hunter2")
                .build();

        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(exporter).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("(from code)")
                .hasMessageContaining("not both")
                .hasMessageNotContaining("t0ken")
                .hasMessageNotContaining("hunter2");
    }
}
