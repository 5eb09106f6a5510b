package io.symphra.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExporterConfigTest {

    enum Flavor {
        ETSY,
        TELEGRAF
    }

    @Test
    void parsesEveryDurationNotation() {
        ExporterConfig config = ExporterConfig.of(
                "x", Map.of("a", "500ms", "b", "10s", "c", "2m", "d", "1h", "e", "PT10S", "f", " 3 s "));
        assertThat(config.duration("a", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.duration("b", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.duration("c", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.duration("d", null)).isEqualTo(Duration.ofHours(1));
        assertThat(config.duration("e", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.duration("f", null)).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.duration("unset", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheOrigin() {
        ExporterConfig config = ExporterConfig.of(
                "statsd",
                Map.of(
                        "interval",
                        "-5s",
                        "port",
                        "70000",
                        "url",
                        "not a url",
                        "enabled",
                        "yes",
                        "flavor",
                        "graphite",
                        "size",
                        "12x"));
        assertThatThrownBy(() -> config.duration("interval", null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.statsd.interval = '-5s'")
                .hasMessageContaining("positive duration");
        assertThatThrownBy(() -> config.port("port", 8125))
                .hasMessageContaining("symphra.exporter.statsd.port = '70000'")
                .hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> config.httpUrl("url")).hasMessageContaining("'not a url'");
        assertThatThrownBy(() -> config.bool("enabled", false)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> config.enumValue("flavor", Flavor.class, Flavor.ETSY))
                .hasMessageContaining("[etsy, telegraf]");
        assertThatThrownBy(() -> config.integer("size", 1, 1, 100)).hasMessageContaining("'12x'");
    }

    @Test
    void readsTypedValues() {
        ExporterConfig config = ExporterConfig.of(
                "otlp",
                Map.of(
                        "enabled",
                        "TRUE",
                        "port",
                        "0",
                        "endpoint",
                        "http://127.0.0.1:4318/v1/metrics",
                        "headers",
                        "a=1, b = 2",
                        "flavor",
                        "Telegraf",
                        "list",
                        "x, ,y"));
        assertThat(config.enabled(false)).isTrue();
        assertThat(config.port("port", 1)).isZero();
        assertThat(config.httpUrl("endpoint")).contains(URI.create("http://127.0.0.1:4318/v1/metrics"));
        assertThat(config.map("headers", true)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(config.enumValue("flavor", Flavor.class, Flavor.ETSY)).isEqualTo(Flavor.TELEGRAF);
        assertThat(config.list("list")).containsExactly("x", "y");
    }

    @Test
    void secretsNeverShowInMessagesOrToString() {
        ExporterConfig config =
                ExporterConfig.of("otlp", Map.of("headers", "Authorization Bearer s3cr3t", "token", "tok-123"));
        assertThatThrownBy(() -> config.map("headers", true))
                .hasMessageNotContaining("s3cr3t")
                .hasMessageContaining("symphra.exporter.otlp.headers");
        assertThat(config.secret("token").orElseThrow().reveal()).isEqualTo("tok-123");
        assertThat(config.secret("token").orElseThrow().toString()).doesNotContain("tok-123");
        assertThat(config.toString()).doesNotContain("tok-123");
        assertThat(config.invalid("token", "rejected by server").getMessage()).doesNotContain("tok-123");
        ExporterConfig tls = ExporterConfig.of(
                "prometheus",
                Map.of("tls.keystore", "/etc/ks.p12", "tls.keystore-password", "hunter2", "api-key", "k-42"));
        assertThat(tls.invalid("tls.keystore", "no such file").getMessage()).contains("/etc/ks.p12");
        assertThat(tls.invalid("tls.keystore-password", "wrong").getMessage()).doesNotContain("hunter2");
        assertThat(tls.invalid("api-key", "rejected").getMessage()).doesNotContain("k-42");
    }

    @Test
    void layersResolveBuilderThenSystemPropertiesThenEnvironment() {
        Properties props = new Properties();
        props.setProperty("symphra.exporter.statsd.host", "from-props");
        props.setProperty("symphra.exporter.statsd.port", "9000");
        LayeredConfigSource source = LayeredConfigSource.builder()
                .add("builder", Map.of("symphra.exporter.statsd.host", "from-builder"))
                .addSystemProperties(props)
                .addEnvironment(Map.of(
                        "SYMPHRA_EXPORTER_STATSD_PORT",
                        "1",
                        "SYMPHRA_EXPORTER_STATSD_PREFIX",
                        "env",
                        "OTEL_SERVICE_NAME",
                        "svc"))
                .build();
        ExporterConfig config = ExporterConfig.of("statsd", source);
        assertThat(config.string("host", null)).isEqualTo("from-builder");
        assertThat(config.port("port", 8125)).isEqualTo(9000);
        assertThat(config.string("prefix", null)).isEqualTo("env");
        assertThat(config.environment("OTEL_SERVICE_NAME")).contains("svc");
        assertThat(config.environmentVariable("flush-interval")).isEqualTo("SYMPHRA_EXPORTER_STATSD_FLUSH_INTERVAL");

        LayeredConfigSource envOnly = LayeredConfigSource.builder()
                .addEnvironment(Map.of("SYMPHRA_EXPORTER_STATSD_PORT", "abc"))
                .build();
        assertThatThrownBy(() -> ExporterConfig.of("statsd", envOnly).port("port", 8125))
                .hasMessageContaining("environment variable SYMPHRA_EXPORTER_STATSD_PORT");
    }
}
