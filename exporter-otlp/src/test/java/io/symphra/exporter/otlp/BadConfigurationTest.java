package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values for the OTLP exporter, on the scheduler's builder or in the standard {@code OTEL_*} variables, with
 * the exporter found by {@code ServiceLoader}: {@code build()} fails, naming the key (or variable) and the value
 * ({@code ******} for headers, whose text must not appear).
 */
class BadConfigurationTest {

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "endpoint     | localhost:4318                  | false | expected an absolute http:// or https:// URL",
                "endpoint     | grpc://collector:4317           | false | expected an absolute http:// or https:// URL",
                "endpoint     | http://collector:99999/v1       | false | expected an absolute http:// or https:// URL",
                "protocol     | http/json                       | false | expected http/protobuf or grpc (http/json is not supported)",
                "protocol     | udp                             | false | expected http/protobuf or grpc",
                "timeout      | -5s                             | false | expected a positive duration",
                "timeout      | soon                            | false | expected a positive duration",
                "compression  | zstd                            | false | expected one of",
                "temporality  | sometimes                       | false | expected one of",
                "max-attempts | 0                               | false | expected an integer from 1 to 100",
                "max-attempts | 101                             | false | expected an integer from 1 to 100",
                "max-backoff  | 1ms                             | false | must not be shorter than symphra.exporter.otlp.backoff",
                "interval     | -5s                             | false | expected a positive duration",
                "enabled      | yes                             | false | expected true or false",
                "headers      | x-api-key                       | true  | expected entries written key=value",
                "headers      | bad header=s3cr3t               | true  | is not an HTTP token",
                "headers      | Host=s3cr3t                     | true  | set by the HTTP client",
            })
    void aBadKeyFailsTheBuildNamingKeyAndValue(String relativeKey, String value, boolean secret, String reason) {
        String key = "symphra.exporter.otlp." + relativeKey;
        Scheduler.Builder builder = IsolatedScheduler.discoveringWith("otlp", relativeKey, value);
        var thrown = assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key + " = ")
                .hasMessageContaining(reason == null ? "" : reason);
        if (secret) {
            thrown.hasMessageContaining("'******'").hasMessageNotContaining("s3cr3t");
        } else {
            thrown.hasMessageContaining("'" + value + "'");
        }
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "OTEL_EXPORTER_OTLP_TIMEOUT           | 5s                 | false | expected a positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL  | http/json          | false | expected http/protobuf or grpc",
                "OTEL_EXPORTER_OTLP_ENDPOINT          | collector:4318     | false | expected an absolute http:// or https:// URL",
                "OTEL_EXPORTER_OTLP_COMPRESSION       | brotli             | false | expected one of [gzip, none]",
                "OTEL_EXPORTER_OTLP_HEADERS           | api-key=s3cr3t%zz | true  | malformed %-escape",
            })
    void aBadStandardVariableFailsTheBuildNamingIt(String variable, String value, boolean secret, String reason) {
        var thrown = assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .systemProperties(new Properties())
                        .environment(Map.of(variable, value))
                        .exporterProperty("symphra.exporter.otlp.enabled", "true")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(variable + " = ")
                .hasMessageContaining("environment variable " + variable)
                .hasMessageContaining(reason == null ? "" : reason);
        if (secret) {
            thrown.hasMessageContaining("'******'").hasMessageNotContaining("s3cr3t");
        } else {
            thrown.hasMessageContaining("'" + value + "'");
        }
    }

    private static Scheduler.Builder builder(Map<String, String> properties, Map<String, String> environment) {
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(environment)
                .exporterProperty("symphra.exporter.otlp.enabled", "true");
        properties.forEach((k, v) -> builder.exporterProperty("symphra.exporter.otlp." + k, v));
        return builder;
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "symphra.exporter.otlp.endpoint      | http://admin:hunter2@127.0.0.1:99999/v1/metrics | expected an absolute http:// or https:// URL",
                "symphra.exporter.otlp.endpoint      | http://admin:hunter2@bad host/v1/metrics        | expected an absolute http:// or https:// URL",
                "OTEL_EXPORTER_OTLP_ENDPOINT         | http://admin:hunter2@bad host:4318              | expected an absolute http:// or https:// URL",
                "symphra.exporter.otlp.endpoint      | http://admin:hunter2@127.0.0.1:4318/v1/metrics  | credentials in the URL are not allowed",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT | https://admin:hunter2@127.0.0.1:4318/v1/metrics | credentials in the URL are not allowed",
                "OTEL_EXPORTER_OTLP_ENDPOINT         | http://admin:hunter2@127.0.0.1:4318             | credentials in the URL are not allowed",
            })
    void aPasswordInTheEndpointNeverReachesTheMessageAndIsNeverDroppedSilently(
            String name, String value, String reason) {
        boolean variable = name.startsWith("OTEL_");
        Scheduler.Builder builder = variable
                ? builder(Map.of(), Map.of(name, value))
                : builder(Map.of(name.substring("symphra.exporter.otlp.".length()), value), Map.of());
        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(name + " = '" + value.replace("admin:hunter2", "******") + "'")
                .hasMessageContaining(reason)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theCredentialsRuleNamesWhereCredentialsGo() {
        assertThatThrownBy(builder(Map.of("endpoint", "http://a:b@127.0.0.1:4318/v1/metrics"), Map.of())::build)
                .hasMessageContaining("set them in symphra.exporter.otlp.headers or OTEL_EXPORTER_OTLP_HEADERS");
    }
}
