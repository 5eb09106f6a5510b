package io.symphra.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @Test
    void parsesOptionsWithDefaults() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(9464, Optional.empty(), 0, Duration.ofSeconds(5)));
        assertThat(DemoOptions.parse("--port", "0", "--duration", "3", "--tasks", "100"))
                .isEqualTo(new DemoOptions(0, Optional.of(Duration.ofSeconds(3)), 100, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageContaining("'70000'");
        assertThatThrownBy(() -> DemoOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> DemoOptions.parse("--tasks")).hasMessageContaining("missing value after --tasks");
    }

    @Test
    void tableShowsRunsSuccessRateDurationsAndLastOutcome() {
        String table = StatsTable.render(
                SnapshotBuilder.snapshot()
                        .task("flaky", 7, 3)
                        .task("fast", 4, 0)
                        .build(),
                10);
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("14 executions, success rate 78.6%");
        assertThat(table.lines().filter(l -> l.startsWith("flaky")).findFirst().orElseThrow())
                .contains("10", "70.0%", "13.0ms", "10.0ms", "20.0ms", "success");
    }

    @Test
    void runsForItsDurationAndShutsDownGracefully() throws Exception {
        String out = runDemo("--port", "0", "--duration", "2", "--tasks", "20", "--report", "1");
        assertThat(out)
                .contains("Prometheus metrics: http://127.0.0.1:")
                .contains("/metrics.json")
                .contains("Stopped after 2 s.")
                .contains("synthetic-00000")
                .contains("fast");
    }

    @Test
    void printsHttpsUrlsWhenTheEndpointServesTls(@TempDir Path dir) throws Exception {
        Path keystore = selfSignedKeystore(dir);
        System.setProperty(TLS_KEYSTORE, keystore.toString());
        System.setProperty(TLS_PASSWORD, KEYSTORE_PASSWORD);
        String out;
        try {
            out = runDemo("--port", "0", "--duration", "1", "--report", "1");
        } finally {
            System.clearProperty(TLS_KEYSTORE);
            System.clearProperty(TLS_PASSWORD);
        }
        assertThat(out)
                .containsPattern("Prometheus metrics: https://127\\.0\\.0\\.1:[0-9]+/metrics\n")
                .containsPattern("JSON metrics: +https://127\\.0\\.0\\.1:[0-9]+/metrics\\.json\n")
                .doesNotContain("http://");
    }

    private static final String TLS_KEYSTORE = "symphra.exporter.prometheus.tls.keystore";
    private static final String TLS_PASSWORD = "symphra.exporter.prometheus.tls.keystore-password";
    private static final String KEYSTORE_PASSWORD = "demo-test-pw";

    /** Runs the demo's main method and returns what it printed. */
    private static String runDemo(String... args) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A PKCS12 store with a self-signed EC key, made by the JDK's keytool. */
    private static Path selfSignedKeystore(Path dir) throws Exception {
        Path keystore = dir.resolve("demo.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "demo",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        KEYSTORE_PASSWORD,
                        "-keypass",
                        KEYSTORE_PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return keystore;
    }
}
