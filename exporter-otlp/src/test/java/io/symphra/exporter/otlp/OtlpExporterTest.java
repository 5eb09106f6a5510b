package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {

    @Test
    void isFoundByServiceLoaderWithItsNameAndDefaults() {
        MetricsExporter exporter = ServiceLoader.load(MetricsExporter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("otlp"))
                .findFirst()
                .orElseThrow();

        assertThat(exporter).isInstanceOf(OtlpExporter.class);
        assertThat(exporter.enabledByDefault()).isFalse();
        assertThat(exporter.defaultInterval()).isEqualTo(Optional.of(Duration.ofSeconds(60)));
    }

    @Test
    void exportBeforeStartFailsClearly() {
        OtlpExporter exporter = new OtlpExporter();

        assertThatThrownBy(() -> exporter.export(MetricsSnapshot.empty(Instant.EPOCH)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
    }

    @Test
    void aPushToAClosedPortFailsWithAnIoErrorAndCloseIsIdempotent() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        MetricsSnapshot snapshot = MetricsSnapshot.empty(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestExporterContext context = TestExporterContext.of(
                "otlp",
                Map.of(
                        "endpoint",
                        "http://127.0.0.1:" + closedPort + "/v1/metrics",
                        "max-attempts",
                        "1",
                        "timeout",
                        "5s"),
                snapshot)) {
            OtlpExporter exporter = new OtlpExporter();
            exporter.configure(context.config());
            exporter.start(context);

            assertThatThrownBy(() -> exporter.export(snapshot))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("OTLP push to http/protobuf http://127.0.0.1:" + closedPort);

            exporter.close();
            exporter.close();
        }
    }

    @Test
    void toStringNeverShowsHeaderValues() {
        OtlpExporter exporter = new OtlpExporter();
        exporter.configure(OtlpSettingsReaderTest.config(Map.of("headers", "x-api-key=topsecret"), Map.of()));

        assertThat(exporter.toString()).contains("x-api-key=******").doesNotContain("topsecret");
    }
}
