package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP/HTTP over TLS with client authentication, against the test's receiver on HTTPS that trusts one client
 * certificate, with certificates made in the test: configured through the {@code OTEL_*} variables or the
 * {@code symphra} keys, the push is delivered; a client without the certificate, or one that does not trust the
 * server, is refused in the handshake and nothing arrives.
 */
class OtlpTlsIT {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private final ExporterHarness harness = new ExporterHarness();
    private OtlpHttpReceiver receiver;

    private final MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
            .label("service", "billing")
            .task("nightly", 2, 1)
            .build();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = harness.keep(OtlpHttpReceiver.startTls(certificates.serverContext()));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theOtelVariablesGiveMutualTlsAndThePushIsDelivered() throws Exception {
        OtlpExporter exporter = harness.start(
                Map.of("max-attempts", "1"),
                Map.of(
                        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", receiver.metricsUrl(),
                        "OTEL_EXPORTER_OTLP_CERTIFICATE",
                                certificates.serverCertificate().toString(),
                        "OTEL_EXPORTER_OTLP_CLIENT_KEY",
                                certificates.clientKey().toString(),
                        "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
                                certificates.clientCertificate().toString()),
                snapshot);

        exporter.export(snapshot);

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.request().getResourceMetricsCount()).isEqualTo(1);
        });
        assertThat(receiver.metricsUrl()).startsWith("https://");
    }

    /** The endpoint and the client's key and certificate as {@code symphra} keys, one attempt per push. */
    private Map<String, String> clientKeys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("endpoint", receiver.metricsUrl());
        keys.put("client-key", certificates.clientKey().toString());
        keys.put("client-certificate", certificates.clientCertificate().toString());
        keys.put("max-attempts", "1");
        return keys;
    }

    @Test
    void theSymphraKeysGiveTheSame() throws Exception {
        Map<String, String> keys = clientKeys();
        keys.put("certificate", certificates.serverCertificate().toString());
        OtlpExporter exporter = harness.start(keys, Map.of(), snapshot);

        exporter.export(snapshot);

        assertThat(receiver.received())
                .singleElement()
                .extracting(OtlpHttpReceiver.Received::status)
                .isEqualTo(200);
    }

    @Test
    void aClientWithoutTheCertificateIsRefused() throws Exception {
        OtlpExporter exporter = harness.start(
                Map.of(
                        "endpoint",
                        receiver.metricsUrl(),
                        "certificate",
                        certificates.serverCertificate().toString(),
                        "max-attempts",
                        "1"),
                Map.of(),
                snapshot);

        assertThatThrownBy(() -> exporter.export(snapshot)).isInstanceOf(IOException.class);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aClientThatDoesNotTrustTheServerIsRefused() throws Exception {
        OtlpExporter exporter = harness.start(clientKeys(), Map.of(), snapshot);

        assertThatThrownBy(() -> exporter.export(snapshot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed");
        assertThat(receiver.received()).isEmpty();
    }
}
