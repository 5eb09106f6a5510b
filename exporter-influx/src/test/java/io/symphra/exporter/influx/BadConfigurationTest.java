package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values for the Influx exporter, set on the scheduler's builder with the exporter found by
 * {@code ServiceLoader}: {@code build()} fails, naming the key and the value ({@code ******} for a secret, whose
 * text must not appear; {@code (missing)} for a required key that is not set). Each row sets the InfluxDB 2 keys
 * {@code org=acme}, {@code bucket=jobs} unless its {@code others} say otherwise ({@code -org} removes one).
 */
class BadConfigurationTest {

    @ParameterizedTest(name = "{0} = ''{1}'' with {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "url          | ftp://influx:8086               |                      | url          | 'ftp://influx:8086'        | expected an absolute http:// or https:// URL",
                "url          | influx:8086                     |                      | url          | 'influx:8086'              | expected an absolute http:// or https:// URL",
                "url          | http://influx:8086/?db=jobs     |                      | url          | 'http://influx:8086/?db=jobs' | expected a base URL without query or fragment",
                "url          | http://writer:s3cr3t@influx:8086 |                     | url          | 'http://******@influx:8086' | credentials in the URL are not allowed",
                "url          | http://admin:s3cr3t@127.0.0.1:99999/ |                 | url          | 'http://******@127.0.0.1:99999/' | expected an absolute http:// or https:// URL",
                "url          | http://admin:s3cr3t@bad host:8086 |                    | url          | 'http://******@bad host:8086' | expected an absolute http:// or https:// URL",
                "batch-size   | 0                               |                      | batch-size   | '0'                        | expected an integer from 1 to 1000000",
                "batch-size   | 1000001                         |                      | batch-size   | '1000001'                  | expected an integer from 1 to 1000000",
                "buffer-limit | -1                              |                      | buffer-limit | '-1'                       | expected an integer from 1 to 100000000",
                "precision    | minutes                         |                      | precision    | 'minutes'                  | expected one of [ns, us, ms, s]",
                "timeout      | 0s                              |                      | timeout      | '0s'                       | expected a positive duration",
                "max-backoff  | forever                         |                      | max-backoff  | 'forever'                  | expected a positive duration",
                "interval     | -5s                             |                      | interval     | '-5s'                      | expected a positive duration",
                "enabled      | yes                             |                      | enabled      | 'yes'                      | expected true or false",
                "bucket       | jobs                            | -org                 | org          | (missing)                  | required for InfluxDB 2",
                "database     | telegraf                        | -org;-bucket;token=s3cr3t | token        | '******'                   | not both",
                "password     | s3cr3t                          | -org;-bucket;database=telegraf | username | (missing)        | required when password is set",
            })
    void aBadValueFailsTheBuildNamingKeyAndValue(
            String relativeKey, String value, String others, String namedKey, String shownValue, String reason) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("org", "acme", "bucket", "jobs"));
        if (others != null) {
            for (String setting : others.split(";")) {
                if (setting.startsWith("-")) {
                    properties.remove(setting.substring(1));
                } else {
                    properties.put(
                            setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
                }
            }
        }
        properties.put(relativeKey, value);
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(Map.of());
        if (!relativeKey.equals("enabled")) {
            builder.exporterProperty("symphra.exporter.influx.enabled", "true");
        }
        properties.forEach((k, v) -> builder.exporterProperty("symphra.exporter.influx." + k, v));

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.influx." + namedKey + " = " + shownValue)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("s3cr3t");
    }
}
