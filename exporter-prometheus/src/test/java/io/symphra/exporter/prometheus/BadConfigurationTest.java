package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values for the Prometheus exporter, set on the scheduler's builder with the exporter found by
 * {@code ServiceLoader} (it is enabled by default): {@code build()} fails, naming the key and the value
 * ({@code ******} for a secret, whose text must not appear; {@code (missing)} for a required key that is not
 * set). {@code {tmp}} in a value stands for a fresh temporary folder.
 */
class BadConfigurationTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} = ''{1}'' with {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "port                  | 70000               |                         | port             | '70000'   | expected a port from 0 to 65535",
                "port                  | -1                  |                         | port             | '-1'      | expected a port from 0 to 65535",
                "port                  | http                |                         | port             | 'http'    | expected a port from 0 to 65535",
                "host                  | http://0.0.0.0      |                         | host             | 'http://0.0.0.0' | expected a host name or IP address",
                "host                  | my host             |                         | host             | 'my host' | expected a host name or IP address",
                "path                  | metrics             |                         | path             | 'metrics' | expected a path starting with /",
                "path                  | /metrics?x=1        |                         | path             | '/metrics?x=1' | without ? or #",
                "path                  | /m\u00E9trics        |                         | path             | '/m\u00E9trics' | visible ASCII",
                "path                  | /-/metrics          |                         | path             | '/-/metrics' | reserved",
                "username              | scraper             |                         | password         | (missing) | required when symphra.exporter.prometheus.username is set",
                "password              | s3cr3t              |                         | username         | (missing) | required when symphra.exporter.prometheus.password is set",
                "username              | scr:aper            | password=s3cr3t         | username         | 'scr:aper' | cannot contain ':'",
                "threads               | 0                   |                         | threads          | '0'       | expected an integer from 1 to 64",
                "threads               | 65                  |                         | threads          | '65'      | expected an integer from 1 to 64",
                "request-timeout       | -5s                 |                         | request-timeout  | '-5s'     | expected a positive duration",
                "enabled               | yes                 |                         | enabled          | 'yes'     | expected true or false",
                "families              | modern              |                         | families         | 'modern'  | expected one of [seed, idiomatic, both]",
                "durations             | buckets             |                         | durations        | 'buckets' | expected one of [summary, histogram]",
                "tls.keystore          | {tmp}/missing.p12   | tls.keystore-password=s3cr3t | tls.keystore | '{tmp}/missing.p12' | no readable file",
                "tls.keystore-password | s3cr3t              |                         | tls.keystore     | (missing) | required when the other tls.* keys are set",
                "tls.keystore          | {tmp}/garbage.p12   | tls.keystore-password=s3cr3t | tls.keystore | '{tmp}/garbage.p12' | cannot open",
                "tls.keystore          | {tmp}/garbage.p12   |                         | tls.keystore-password | (missing) | required when symphra.exporter.prometheus.tls.keystore is set",
                "tls.keystore-type     | PKCS13              | tls.keystore={tmp}/garbage.p12;tls.keystore-password=s3cr3t | tls.keystore-type | 'PKCS13' | not a key store type this JVM knows",
            })
    void aBadValueFailsTheBuildNamingKeyAndValue(
            String relativeKey, String rawValue, String others, String namedKey, String shownValue, String reason)
            throws Exception {
        Files.write(temp.resolve("garbage.p12"), new byte[] {1, 2, 3, 4});
        Map<String, String> properties = new LinkedHashMap<>();
        if (others != null) {
            for (String setting : others.split(";")) {
                properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        properties.put(relativeKey, rawValue);
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(Map.of())
                .exporterProperty("symphra.exporter.prometheus.port", "0");
        properties.forEach((k, v) ->
                builder.exporterProperty("symphra.exporter.prometheus." + k, v.replace("{tmp}", temp.toString())));

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.prometheus." + namedKey + " = "
                        + shownValue.replace("{tmp}", temp.toString()))
                .hasMessageContaining(reason)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aKeyStoreWithTheWrongPasswordFailsTheBuildWithoutShowingThePassword() throws Exception {
        Path keystore = TestKeystores.create(temp);
        assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .systemProperties(new Properties())
                        .environment(Map.of())
                        .exporterProperty("symphra.exporter.prometheus.port", "0")
                        .exporterProperty("symphra.exporter.prometheus.tls.keystore", keystore.toString())
                        .exporterProperty("symphra.exporter.prometheus.tls.keystore-password", "wrong-s3cr3t")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.prometheus.tls.keystore = '" + keystore + "'")
                .hasMessageContaining("cannot open")
                .hasMessageNotContaining("wrong-s3cr3t")
                .hasMessageNotContaining(TestKeystores.PASSWORD);
    }
}
