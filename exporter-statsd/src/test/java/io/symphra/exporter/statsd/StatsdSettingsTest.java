package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsdSettingsTest {

    @Test
    void defaults() {
        StatsdSettings s = StatsdSettings.from(ExporterConfig.of("statsd", Map.of()));

        assertThat(s).isEqualTo(new StatsdSettings("127.0.0.1", 8125, "symphra.scheduler", Flavor.ETSY, 1432));
    }

    @Test
    void readsEveryKey() {
        StatsdSettings s = StatsdSettings.from(ExporterConfig.of(
                "statsd",
                Map.of(
                        "host",
                        "statsd.example.org",
                        "port",
                        "9125",
                        "prefix",
                        "acme.billing-jobs",
                        "flavor",
                        "Telegraf",
                        "max-packet-size",
                        "8932")));

        assertThat(s)
                .isEqualTo(new StatsdSettings("statsd.example.org", 9125, "acme.billing-jobs", Flavor.TELEGRAF, 8932));
    }

    @Test
    void acceptsIpLiteralsAndUnderscoredHostNames() {
        for (String host : new String[] {"10.1.2.3", "::1", "[::1]", "fe80::1", "my_statsd", "statsd.", "localhost"}) {
            assertThat(StatsdSettings.from(ExporterConfig.of("statsd", Map.of("host", host)))
                            .host())
                    .isEqualTo(host);
        }
        assertThat(StatsdSettings.from(ExporterConfig.of("statsd", Map.of("host", "[::1]")))
                        .resolvableHost())
                .isEqualTo("::1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "host;stats d.local;expected a host name or an IP address",
                "host;http://statsd:8125;expected a host name or an IP address",
                "host;::zz;expected a host name or an IP address",
                "port;70000;expected a port from 0 to 65535",
                "port;0;expected a port from 1 to 65535",
                "port;eighty;expected a port from 0 to 65535",
                "prefix;symphra..scheduler;expected dot-separated segments",
                "prefix;symphra scheduler;expected dot-separated segments",
                "prefix;.symphra;expected dot-separated segments",
                "flavor;graphite;expected one of [etsy, telegraf, datadog, sysdig]",
                "max-packet-size;100;expected an integer from 512 to 65507",
                "max-packet-size;70000;expected an integer from 512 to 65507",
            })
    void badValueFailsNamingKeyAndValue(String key, String value, String reason) {
        ExporterConfig config = ExporterConfig.of("statsd", Map.of(key, value));

        assertThatThrownBy(() -> StatsdSettings.from(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.statsd." + key + " = '" + value + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void prefixLongerThanTheLimitFails() {
        String prefix = "a".repeat(129);

        assertThatThrownBy(() -> StatsdSettings.from(ExporterConfig.of("statsd", Map.of("prefix", prefix))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.statsd.prefix")
                .hasMessageContaining("at most 128 characters");
    }

    @Test
    void exporterConfigureFailsTheSameWay() {
        StatsdExporter exporter = new StatsdExporter();

        assertThatThrownBy(() -> exporter.configure(ExporterConfig.of("statsd", Map.of("port", "70000"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.statsd.port = '70000'");
    }
}
