package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
                "max-attempts       | 0                              | false | expected an integer from 1 to 100",
                "max-attempts       | 101                            | false | expected an integer from 1 to 100",
                "max-attempts       | three                          | false | expected an integer from 1 to 100",
                "timeout            | -5s                            | false | expected a positive duration",
                "backoff            | 0ms                            | false | expected a positive duration",
                "max-backoff        | 1s                             | false | must not be shorter than",
                "push.timeout       | 5s                             | false | renamed: use symphra.exporter.json.timeout",
                "push.max-attempts  | 3                              | false | renamed: use symphra.exporter.json.max-attempts",
                "push.backoff       | 1s                             | false | renamed: use symphra.exporter.json.backoff",
                "push.max-backoff   | 30s                            | false | renamed: use symphra.exporter.json.max-backoff",
                "log.enabled        | yes                            | false | expected true or false",
                "interval           | -5s                            | false | expected a positive duration",
                "push.headers       | Authorization Bearer s3cr3t    | true  | expected entries written key=value",
                "push.headers       | Host=s3cr3t.example            | true  | restricted",
            })
    void aBadValueFailsTheBuildNamingKeyAndValue(String relativeKey, String rawValue, boolean secret, String reason) {
        String key = "symphra.exporter.json." + relativeKey;
        String value = rawValue.replace("{tmp}", temp.toString());
        Scheduler.Builder builder = builder(key, value);
        if (relativeKey.equals("max-backoff")) {
            builder.exporterProperty("symphra.exporter.json.backoff", "2s");
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

    private static Scheduler.Builder builder(String key, String value) {
        return Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(Map.of())
                .exporterProperty("symphra.exporter.json.enabled", "true")
                .exporterProperty(key, value);
    }

    @Test
    void aPasswordInABadPushUrlNeverReachesTheMessage() {
        for (String bad :
                new String[] {"http://admin:hunter2@127.0.0.1:99999/ingest", "http://admin:hunter2@bad host/ingest"}) {
            assertThatThrownBy(builder("symphra.exporter.json.push.url", bad)::build)
                    .as(bad)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("symphra.exporter.json.push.url = 'http://******@")
                    .hasMessageContaining("expected an absolute http:// or https:// URL")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void credentialsInAValidPushUrlAreRejectedNotDroppedSilently() {
        assertThatThrownBy(
                        builder("symphra.exporter.json.push.url", "http://admin:hunter2@127.0.0.1:8080/ingest")::build)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.push.url = 'http://******@127.0.0.1:8080/ingest'")
                .hasMessageContaining("credentials in the URL are not allowed")
                .hasMessageContaining("symphra.exporter.json.push.headers")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFilePathOnAFifoASymbolicLinkOrADeviceFailsAndLeavesTheNodeAsItWas() throws Exception {
        Path fifo = temp.resolve("metrics.fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        Path target = Files.writeString(temp.resolve("elsewhere.txt"), "not yours");
        Path link = Files.createSymbolicLink(temp.resolve("metrics.json"), target);

        assertRejectedUnchanged(fifo, "a device node, FIFO or socket");
        assertRejectedUnchanged(link, "a symbolic link");
        assertRejectedUnchanged(Path.of("/dev/null"), "a device node, FIFO or socket");
        assertThat(Files.readString(target)).isEqualTo("not yours");
    }

    private static void assertRejectedUnchanged(Path node, String kind) throws IOException {
        BasicFileAttributes before = Files.readAttributes(node, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThatThrownBy(builder("symphra.exporter.json.file.path", node.toString())::build)
                .as(node.toString())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.file.path = '" + node + "'")
                .hasMessageContaining(" is " + kind + "; expected a regular file or a path that does not exist");
        BasicFileAttributes after = Files.readAttributes(node, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(after.fileKey()).isEqualTo(before.fileKey());
        assertThat(after.isRegularFile()).isFalse();
    }
}
