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
    void parsesClusterOptionsWithThePasswordFromTheEnvironmentOnly() {
        DemoOptions options = DemoOptions.parse(
                java.util.Map.of(DemoOptions.PASSWORD_VARIABLE, "s3cret"),
                "--port",
                "0",
                "--cluster-url",
                "jdbc:postgresql://127.0.0.1:5432/app",
                "--cluster-user",
                "app",
                "--instance",
                "replica-2",
                "--clock-offset",
                "-2000");
        assertThat(options.cluster())
                .contains(new ClusterOptions(
                        "jdbc:postgresql://127.0.0.1:5432/app",
                        "app",
                        "s3cret",
                        "replica-2",
                        Duration.ofMillis(-2000)));
        assertThat(options.cluster().orElseThrow().toString()).doesNotContain("s3cret");
        assertThat(DemoOptions.parse(java.util.Map.of(), "--cluster-url", "jdbc:mariadb://127.0.0.1/app")
                        .cluster())
                .map(ClusterOptions::clockOffset)
                .contains(Duration.ZERO);
        assertThatThrownBy(() -> DemoOptions.parse("--cluster-url", "postgres://127.0.0.1/app"))
                .hasMessageContaining("--cluster-url")
                .hasMessageContaining("'postgres://127.0.0.1/app'");
        assertThatThrownBy(() -> DemoOptions.parse("--instance", "a")).hasMessageContaining("need --cluster-url");
        assertThatThrownBy(() -> DemoOptions.parse("--cluster-url", "jdbc:mysql://h/app", "--clock-offset", "2s"))
                .hasMessageContaining("--clock-offset takes milliseconds")
                .hasMessageContaining("'2s'");
    }

    @Test
    void anUnreachableClusterDatabaseEndsTheDemoWithTheUrlNamed() throws Exception {
        String out = runDemoExpectingExit(1, "--port", "0", "--cluster-url", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(out).contains("Cannot join the cluster at jdbc:postgresql://127.0.0.1:1/none");
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
        return runDemoExpectingExit(0, args);
    }

    private static String runDemoExpectingExit(int status, String... args) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Demo.run(args)).as("exit status").isEqualTo(status);
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
