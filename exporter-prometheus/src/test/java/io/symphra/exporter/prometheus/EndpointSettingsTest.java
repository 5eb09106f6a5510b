package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointSettingsTest {

    private static EndpointSettings read(Map<String, String> values) {
        return EndpointSettings.from(ExporterConfig.of("prometheus", values));
    }

    @Test
    void hasSafeDefaults() {
        EndpointSettings settings = read(Map.of());
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9464);
        assertThat(settings.path()).isEqualTo("/metrics");
        assertThat(settings.credentials()).isEmpty();
        assertThat(settings.tls()).isEmpty();
        assertThat(settings.threads()).isEqualTo(2);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxConnections()).isEqualTo(256);
        assertThat(settings.scheme()).isEqualTo("http");
    }

    @Test
    void readsEveryKey() {
        EndpointSettings settings = read(Map.of(
                "host",
                "0.0.0.0",
                "port",
                "0",
                "path",
                "/internal/metrics",
                "username",
                "scraper",
                "password",
                "s3cret",
                "threads",
                "4",
                "request-timeout",
                "3s"));
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isZero();
        assertThat(settings.path()).isEqualTo("/internal/metrics");
        assertThat(settings.credentials()).get().satisfies(c -> {
            assertThat(c.username()).isEqualTo("scraper");
            assertThat(c.password().reveal()).isEqualTo("s3cret");
        });
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        // a request timeout below the default header timeout also bounds the head
        assertThat(settings.headerTimeout()).isEqualTo(Duration.ofSeconds(3));
        EndpointSettings limits = read(Map.of("header-timeout", "2s", "max-connections", "1000"));
        assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limits.maxConnections()).isEqualTo(1000);
    }

    @Test
    void rejectsBadValuesNamingKeyAndValue() {
        assertInvalid(Map.of("port", "70000"), "symphra.exporter.prometheus.port", "'70000'");
        assertInvalid(Map.of("path", "metrics"), "symphra.exporter.prometheus.path", "'metrics'");
        assertInvalid(Map.of("path", "/me trics"), "symphra.exporter.prometheus.path", "'/me trics'");
        assertInvalid(Map.of("path", "/-/healthy"), "symphra.exporter.prometheus.path", "reserved");
        assertInvalid(Map.of("host", "http://example"), "symphra.exporter.prometheus.host", "'http://example'");
        assertInvalid(Map.of("threads", "0"), "symphra.exporter.prometheus.threads", "'0'");
        assertInvalid(Map.of("threads", "1000"), "symphra.exporter.prometheus.threads", "'1000'");
        assertInvalid(Map.of("request-timeout", "-1s"), "symphra.exporter.prometheus.request-timeout", "'-1s'");
        assertInvalid(Map.of("header-timeout", "0s"), "symphra.exporter.prometheus.header-timeout", "'0s'");
        assertInvalid(Map.of("header-timeout", "11s"), "symphra.exporter.prometheus.header-timeout", "request-timeout");
        assertInvalid(Map.of("max-connections", "0"), "symphra.exporter.prometheus.max-connections", "'0'");
        assertInvalid(Map.of("max-connections", "5000"), "symphra.exporter.prometheus.max-connections", "4096");
        assertInvalid(Map.of("username", "scraper"), "symphra.exporter.prometheus.password", "(missing)");
        assertInvalid(Map.of("username", "a:b", "password", "x"), "symphra.exporter.prometheus.username", "':'");
    }

    @Test
    void aPasswordWithoutUsernameFailsWithoutShowingThePassword() {
        assertThatThrownBy(() -> read(Map.of("password", "hunter2")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.prometheus.username")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void checksTheKeystoreWhileReadingTheConfiguration(@TempDir Path dir) throws Exception {
        assertInvalid(
                Map.of("tls.keystore", dir.resolve("missing.p12").toString(), "tls.keystore-password", "x"),
                "symphra.exporter.prometheus.tls.keystore",
                "missing.p12");
        assertInvalid(Map.of("tls.keystore-password", "x"), "symphra.exporter.prometheus.tls.keystore", "(missing)");
        Path keystore = TestKeystores.create(dir);
        assertInvalid(
                Map.of("tls.keystore", keystore.toString()),
                "symphra.exporter.prometheus.tls.keystore-password",
                "(missing)");
        assertThatThrownBy(() -> read(Map.of("tls.keystore", keystore.toString(), "tls.keystore-password", "wrong")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.prometheus.tls.keystore")
                .hasMessageContaining("password")
                .hasMessageNotContaining("wrong");
        assertInvalid(
                Map.of(
                        "tls.keystore",
                        keystore.toString(),
                        "tls.keystore-password",
                        TestKeystores.PASSWORD,
                        "tls.keystore-type",
                        "NOPE"),
                "symphra.exporter.prometheus.tls.keystore-type",
                "'NOPE'");
        Path notAStore = Files.writeString(dir.resolve("text.p12"), "not a key store");
        assertInvalid(
                Map.of("tls.keystore", notAStore.toString(), "tls.keystore-password", "x"),
                "symphra.exporter.prometheus.tls.keystore",
                "text.p12");

        EndpointSettings settings =
                read(Map.of("tls.keystore", keystore.toString(), "tls.keystore-password", TestKeystores.PASSWORD));
        assertThat(settings.scheme()).isEqualTo("https");
        assertThat(settings.tls()).get().satisfies(tls -> assertThat(tls.type()).isEqualTo("PKCS12"));
        assertThat(settings.toString()).doesNotContain(TestKeystores.PASSWORD);
    }

    private static void assertInvalid(Map<String, String> values, String key, String shown) {
        assertThatThrownBy(() -> read(values))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(shown)
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(key));
    }
}
