package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry variables added for parity with the SDK: the export interval, the SDK switch, and the TLS files
 * with their metrics-specific variants, each ranked against the {@code symphra} keys, and a bad value failing the
 * build naming the variable.
 */
class OtlpEnvironmentSettingsTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    private static OtlpSettings read(Map<String, String> keys, Map<String, String> env) {
        return OtlpSettingsReaderTest.read(keys, env);
    }

    @Test
    void theExportIntervalComesFromTheVariableInMillisecondsElseSixtySeconds() {
        assertThat(OtlpSettingsReader.exportInterval(OtlpSettingsReaderTest.config(Map.of(), Map.of())))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(OtlpSettingsReader.exportInterval(
                        OtlpSettingsReaderTest.config(Map.of(), Map.of("OTEL_METRIC_EXPORT_INTERVAL", "15000"))))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(new OtlpExporter()
                        .defaultInterval(
                                OtlpSettingsReaderTest.config(Map.of(), Map.of("OTEL_METRIC_EXPORT_INTERVAL", "2500"))))
                .contains(Duration.ofMillis(2500));
    }

    @Test
    void aBadExportIntervalFailsNamingTheVariable() {
        for (String bad : new String[] {"15s", "-1", "50", "1e3"}) {
            assertThatThrownBy(() -> OtlpSettingsReader.exportInterval(
                            OtlpSettingsReaderTest.config(Map.of(), Map.of("OTEL_METRIC_EXPORT_INTERVAL", bad))))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("OTEL_METRIC_EXPORT_INTERVAL = '" + bad + "'")
                    .hasMessageContaining("expected a whole number of milliseconds from 100");
        }
    }

    @Test
    void otelSdkDisabledTrueSwitchesTheExporterOffAnythingElseDoesNot() {
        OtlpExporter exporter = new OtlpExporter();
        assertThat(exporter.disabledBy(
                        OtlpSettingsReaderTest.config(Map.of("enabled", "true"), Map.of("OTEL_SDK_DISABLED", "TRUE"))))
                .contains("environment variable OTEL_SDK_DISABLED=true");
        assertThat(exporter.disabledBy(OtlpSettingsReaderTest.config(Map.of(), Map.of("OTEL_SDK_DISABLED", "false"))))
                .isEmpty();
        assertThat(exporter.disabledBy(OtlpSettingsReaderTest.config(Map.of(), Map.of("OTEL_SDK_DISABLED", "yes"))))
                .isEmpty();
        assertThat(exporter.disabledBy(OtlpSettingsReaderTest.config(Map.of(), Map.of())))
                .isEmpty();
    }

    @Test
    void theTlsFilesAreReadFromKeysThenMetricsVariablesThenGenericOnes() throws Exception {
        String missing = dir.resolve("missing.pem").toString();
        OtlpSettings fromEnv = read(
                Map.of(),
                Map.of(
                        "OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE",
                        certificates.serverCertificate().toString(),
                        "OTEL_EXPORTER_OTLP_CERTIFICATE",
                        missing,
                        "OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY",
                        certificates.clientKey().toString(),
                        "OTEL_EXPORTER_OTLP_CLIENT_KEY",
                        missing,
                        "OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE",
                        certificates.clientCertificate().toString(),
                        "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
                        missing));
        assertThat(fromEnv.tls().trustedCertificates())
                .get()
                .isEqualTo(Files.readAllBytes(certificates.serverCertificate()));
        assertThat(fromEnv.tls().clientKey()).get().isEqualTo(Files.readAllBytes(certificates.clientKey()));
        assertThat(fromEnv.tls().isCustom()).isTrue();
        assertThat(fromEnv.toString())
                .contains("OtlpTls[trusted=file, client=key and certificate]")
                .doesNotContain("PRIVATE");

        OtlpSettings fromKeys = read(
                Map.of("certificate", certificates.serverCertificate().toString()),
                Map.of("OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE", missing));
        assertThat(fromKeys.tls().trustedCertificates()).isPresent();
        assertThat(read(Map.of(), Map.of()).tls()).isEqualTo(OtlpTls.DEFAULT);
    }

    @Test
    void aMissingOrBadFileOrAKeyWithoutItsCertificateFailsNamingTheSetting() {
        assertThatThrownBy(() -> read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_CERTIFICATE", "/no/such.pem")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_CERTIFICATE = '/no/such.pem'")
                .hasMessageContaining("cannot read the file");
        assertThatThrownBy(() ->
                        read(Map.of("certificate", certificates.clientKey().toString()), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.certificate")
                .hasMessageContaining("expected PEM X.509 certificates");
        assertThatThrownBy(
                        () -> read(Map.of("client-key", certificates.clientKey().toString()), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.client-key")
                .hasMessageContaining("needs both the client key and its certificate");
        assertThatThrownBy(() -> read(
                        Map.of(),
                        Map.of(
                                "OTEL_EXPORTER_OTLP_CLIENT_KEY",
                                        certificates.clientCertificate().toString(),
                                "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
                                        certificates.clientCertificate().toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_CLIENT_KEY")
                .hasMessageContaining("expected a PEM PKCS#8 private key");
    }
}
