package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values for the JSON exporter, set on the scheduler's builder with the exporter found by {@code ServiceLoader}:
 * {@code build()} fails, and the message names the key and the value ({@code ******} for a secret, whose text must
 * not appear). {@code {tmp}} in a value stands for a fresh temporary folder.
 */
class BadConfigurationTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "file.path          | {tmp}/no/such/dir/metrics.json | false | does not exist",
                "file.path          | {tmp}                          | false | is a directory",
                "push.url           | ftp://collector/metrics        | false | expected an absolute http:// or https:// URL",
                "push.url           | not a url                      | false | expected an absolute http:// or https:// URL",
                "push.url           | http:///no-host                | false | expected an absolute http:// or https:// URL",
                "push.max-attempts  | 0                              | false | expected an integer from 1 to 100",
                "push.max-attempts  | 101                            | false | expected an integer from 1 to 100",
                "push.max-attempts  | three                          | false | expected an integer from 1 to 100",
                "push.timeout       | -5s                            | false | expected a positive duration",
                "push.backoff       | 0ms                            | false | expected a positive duration",
                "push.max-backoff   | 1s                             | false | must not be shorter than",
                "log.enabled        | yes                            | false | expected true or false",
                "interval           | -5s                            | false | expected a positive duration",
                "push.headers       | Authorization Bearer s3cr3t    | true  | expected entries written key=value",
                "push.headers       | Host=s3cr3t.example            | true  | restricted",
            })
    void aBadValueFailsTheBuildNamingKeyAndValue(String relativeKey, String rawValue, boolean secret, String reason) {
        String key = "symphra.exporter.json." + relativeKey;
        String value = rawValue.replace("{tmp}", temp.toString());
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(Map.of())
                .exporterProperty("symphra.exporter.json.enabled", "true")
                .exporterProperty(key, value);
        if (relativeKey.equals("push.max-backoff")) {
            builder.exporterProperty("symphra.exporter.json.push.backoff", "2s");
        }

        var thrown = assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(reason);
        if (secret) {
            thrown.hasMessageContaining("'******'").hasMessageNotContaining("s3cr3t");
        } else {
            thrown.hasMessageContaining("'" + value + "'");
        }
    }
}
