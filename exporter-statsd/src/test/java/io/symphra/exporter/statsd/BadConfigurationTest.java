package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values for the StatsD exporter, set on the scheduler's builder with the exporter found by
 * {@code ServiceLoader}: {@code build()} fails, naming the key and the value.
 */
class BadConfigurationTest {

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "port            | 70000                | expected a port from 0 to 65535",
                "port            | 0                    | the daemon's port cannot be 0",
                "port            | -1                   | expected a port from 0 to 65535",
                "port            | eight                | expected a port from 0 to 65535",
                "host            | stats d              | expected a host name or an IP address",
                "host            | statsd:8125          | expected a host name or an IP address",
                "prefix          | symphra..scheduler   | expected dot-separated segments",
                "prefix          | symphra.sched uler   | expected dot-separated segments",
                "prefix          | .symphra             | expected dot-separated segments",
                "prefix          | sym:phra             | expected dot-separated segments",
                "flavor          | graphite             | expected one of [etsy, telegraf, datadog, sysdig]",
                "max-packet-size | 100                  | expected an integer from 512 to 65507",
                "max-packet-size | 65508                | expected an integer from 512 to 65507",
                "interval        | -5s                  | expected a positive duration",
                "enabled         | yes                  | expected true or false",
            })
    void aBadValueFailsTheBuildNamingKeyAndValue(String relativeKey, String value, String reason) {
        String key = "symphra.exporter.statsd." + relativeKey;
        Scheduler.Builder builder = IsolatedScheduler.discoveringWith("statsd", relativeKey, value);
        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(key + " = '" + value + "' (from builder): ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "SYMPHRA_EXPORTER_STATSD_PORT   | 70000 | symphra.exporter.statsd.port",
                "SYMPHRA_EXPORTER_STATSD_FLAVOR | dogs  | symphra.exporter.statsd.flavor",
            })
    void aBadValueFromTheEnvironmentNamesTheVariable(String variable, String value, String key) {
        assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .systemProperties(new Properties())
                        .environment(Map.of(variable, value, "SYMPHRA_EXPORTER_STATSD_ENABLED", "true"))
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(key + " = '" + value + "' (from environment variable " + variable + ")");
    }
}
