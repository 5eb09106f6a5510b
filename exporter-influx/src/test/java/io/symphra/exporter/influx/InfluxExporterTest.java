package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.symphra.exporter.influx.StubInfluxServer.Reply;
import io.symphra.exporter.influx.StubInfluxServer.Request;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.testkit.EndlessBodyServer;
import io.symphra.metrics.testkit.EndlessBodyServer.Framing;
import io.symphra.metrics.testkit.SmallHeap;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InfluxExporterTest {

    private static final String TOKEN = "tok-7c1e-very-secret";
    private static final String PASSWORD = "hunter2-very-secret";
    private static final Instant T0 = Instant.parse("2026-01-01T00:01:00Z");
    /** Points per sample snapshot: one scheduler point, and per task one task point and 15 duration points. */
    private static final int POINTS = 17;

    private StubInfluxServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new StubInfluxServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    private static MetricsSnapshot snapshot(int second) {
        return SnapshotBuilder.snapshot()
                .timestamp(T0.plusSeconds(second))
                .label("service", "billing")
                .task("alpha", 2, 1)
                .build();
    }

    private InfluxExporter started(String... keyValues) {
        Map<String, String> config = new HashMap<>(
                Map.of("url", server.url(), "org", "acme", "bucket", "metrics", "token", TOKEN, "timeout", "2s"));
        // Waits between attempts of a millisecond or so: the waits themselves are PushRetryPolicy's, tested there.
        config.put("backoff", "1ms");
        config.put("max-backoff", "5ms");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove(keyValues[i]);
            } else {
                config.put(keyValues[i], keyValues[i + 1]);
            }
        }
        InfluxExporter exporter = new InfluxExporter();
        ExporterConfig exporterConfig = ExporterConfig.of("influx", config);
        exporter.configure(exporterConfig);
        TestExporterContext context = new TestExporterContext(exporterConfig, snapshot(0));
        toClose.add(context);
        toClose.add(exporter);
        exporter.start(context);
        return exporter;
    }

    private static List<String> lines(MetricsSnapshot snapshot, TimestampPrecision precision) {
        return new InfluxLineProtocolFormat(precision).render(snapshot).lines().toList();
    }

    private List<String> allLinesReceived() {
        return server.requests().stream().flatMap(r -> r.lines().stream()).toList();
    }

    @Test
    void isFoundByServiceLoaderAsADisabledPushExporter() {
        MetricsExporter found = ServiceLoader.load(MetricsExporter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("influx"))
                .findFirst()
                .orElseThrow();

        assertThat(found).isInstanceOf(InfluxExporter.class);
        assertThat(found.enabledByDefault()).isFalse();
        assertThat(found.defaultInterval()).contains(Duration.ofSeconds(10));
    }

    @Test
    void writesTheRenderedPointsWithTokenOrgBucketAndPrecision() throws Exception {
        InfluxExporter exporter = started("precision", "ms");

        exporter.export(snapshot(0));

        assertThat(server.requests()).hasSize(1);
        Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery())
                .startsWith("/api/v2/write?")
                .contains("org=acme", "bucket=metrics", "precision=ms");
        assertThat(request.authorization()).isEqualTo("Token " + TOKEN);
        assertThat(request.lines()).containsExactlyElementsOf(lines(snapshot(0), TimestampPrecision.MS));
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @Test
    void splitsTheBufferIntoBatches() throws Exception {
        InfluxExporter exporter = started("batch-size", "5");

        exporter.export(snapshot(0));

        assertThat(server.requests()).extracting(r -> r.lines().size()).containsExactly(5, 5, 5, 2);
        assertThat(allLinesReceived()).containsExactlyElementsOf(lines(snapshot(0), TimestampPrecision.NS));
    }

    @Test
    void retriesAFailedWriteWithinThePush() throws Exception {
        server.then(Reply.json(503, "overloaded"));
        InfluxExporter exporter = started();

        exporter.export(snapshot(0));

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).lines())
                .containsExactlyElementsOf(server.requests().get(0).lines());
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @Test
    void keepsThePointsWhileTheServerFailsAndDeliversThemOldestFirstLater() throws Exception {
        server.then(Reply.json(503, "overloaded"));
        server.then(Reply.json(503, "overloaded"));
        server.then(Reply.json(503, "overloaded"));
        InfluxExporter exporter = started();

        assertThatThrownBy(() -> exporter.export(snapshot(0)))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("is unavailable (HTTP 503")
                .hasMessageContaining("overloaded")
                .hasMessageContaining("after 3 attempt(s); " + POINTS + " points kept for a later push");
        assertThat(exporter.bufferedPoints()).isEqualTo(POINTS);

        exporter.export(snapshot(10));

        assertThat(server.requests()).hasSize(4);
        List<String> expected = new ArrayList<>(lines(snapshot(0), TimestampPrecision.NS));
        expected.addAll(lines(snapshot(10), TimestampPrecision.NS));
        assertThat(server.requests().get(3).lines()).containsExactlyElementsOf(expected);
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @Test
    void keepsThePointsWhenNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        InfluxExporter exporter = started("url", "http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> exporter.export(snapshot(0)))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("is unavailable")
                .hasNoCause();
        assertThat(exporter.bufferedPoints()).isEqualTo(POINTS);
    }

    /**
     * Each push tries {@code max-attempts} times, with the shared policy's waits, and keeps the points after the
     * last; there is no longer a pause of whole pushes (the old {@code Backoff}, which skipped pushes in powers of
     * two).
     */
    @Test
    void retriesWithinEachPushWhileTheServerKeepsFailingAndKeepsThePoints() {
        server.always(Reply.status(500));
        InfluxExporter exporter = started("max-attempts", "3");

        for (int push = 0; push < 4; push++) {
            int second = push * 10;
            assertThatThrownBy(() -> exporter.export(snapshot(second)))
                    .isInstanceOf(InfluxPushException.class)
                    .hasMessageContaining("after 3 attempt(s)");
        }

        assertThat(server.requests()).hasSize(4 * 3);
        assertThat(exporter.bufferedPoints()).isEqualTo(4 * POINTS);
    }

    @Test
    void closingEndsAWaitBetweenAttemptsAtOnceAndKeepsThePoints() throws Exception {
        server.always(Reply.status(503));
        InfluxExporter exporter = started("max-attempts", "5", "backoff", "5m", "max-backoff", "5m", "interval", "1h");

        CompletableFuture<Void> push = CompletableFuture.runAsync(() -> {
            try {
                exporter.export(snapshot(0));
            } catch (InfluxPushException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> server.requests().size() == 1);
        exporter.close();

        assertThatThrownBy(() -> push.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .rootCause()
                .hasMessageContaining("after 1 attempt(s)");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void refusedCredentialsDropTheBatchInsteadOfRetryingIt() throws Exception {
        server.then(Reply.json(401, "unauthorized access"));
        InfluxExporter exporter = started();

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThatThrownBy(() -> exporter.export(snapshot(0)))
                    .isInstanceOf(InfluxPushException.class)
                    .hasMessageContaining("refused the credentials with HTTP 401")
                    .hasMessageContaining("check symphra.exporter.influx.token")
                    .hasMessageContaining("dropped " + POINTS + " points");
            // Reported by throwing only: the scheduler logs a failed push, so the exporter does not log it too.
            assertThat(logs.text()).doesNotContain("refused the credentials");
        }
        assertThat(exporter.bufferedPoints()).isZero();

        exporter.export(snapshot(10));

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).lines())
                .containsExactlyElementsOf(lines(snapshot(10), TimestampPrecision.NS));
    }

    @Test
    void forbiddenIsTreatedLikeRefusedCredentialsAndReportedByThrowingAlone() throws Exception {
        server.always(Reply.json(403, "insufficient permissions"));
        InfluxExporter exporter = started();

        try (CapturedLogs logs = new CapturedLogs()) {
            for (int push = 0; push < 3; push++) {
                int second = push * 10;
                assertThatThrownBy(() -> exporter.export(snapshot(second)))
                        .hasMessageContaining("refused the credentials with HTTP 403");
            }
            assertThat(logs.text()).doesNotContain("refused the credentials");
        }
        assertThat(server.requests()).hasSize(3);
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @Test
    void dataTheServerRejectsIsDroppedAndTheRestStillWritten() throws Exception {
        server.then(Reply.json(400, "unable to parse"));
        InfluxExporter exporter = started("batch-size", "10");

        exporter.export(snapshot(0));

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).lines())
                .containsExactlyElementsOf(
                        lines(snapshot(0), TimestampPrecision.NS).subList(10, POINTS));
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @Test
    void dropsTheOldestPointsBeyondTheBufferLimitWithACountedWarning() {
        server.always(Reply.status(503));
        InfluxExporter exporter = started("buffer-limit", "20", "max-attempts", "1");

        try (CapturedLogs logs = new CapturedLogs()) {
            for (int push = 0; push < 3; push++) {
                int second = push * 10;
                assertThatThrownBy(() -> exporter.export(snapshot(second))).isInstanceOf(InfluxPushException.class);
            }
            assertThat(logs.text())
                    .contains("dropped 14 oldest points to stay within buffer-limit 20 (14 dropped in total)")
                    .doesNotContain("dropped 17 oldest");
        }
        assertThat(exporter.bufferedPoints()).isEqualTo(20);
        assertThat(exporter.droppedPoints()).isEqualTo(14 + 17);
        // The buffer holds the newest points: the last snapshot whole, and the tail of the one before.
        List<String> lastRequest = server.requests().get(2).lines();
        assertThat(lastRequest.subList(3, 20)).containsExactlyElementsOf(lines(snapshot(20), TimestampPrecision.NS));
    }

    @Test
    void aHangingServerHoldsThePushNoLongerThanTheTimeout() {
        server.always(Reply.hanging());
        InfluxExporter exporter = started("timeout", "300ms");

        long start = System.nanoTime();
        assertThatThrownBy(() -> exporter.export(snapshot(0)))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("is unavailable");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Far below the 30 s the server would hang, with room for a loaded build machine.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(exporter.bufferedPoints()).isEqualTo(POINTS);
    }

    @Test
    void influx18SettingsWithApiV2WriteToTheCompatibilityBucketWithUserAndPassword() throws Exception {
        InfluxExporter exporter = started(
                "api",
                "v2",
                "org",
                null,
                "bucket",
                null,
                "token",
                null,
                "database",
                "telegraf",
                "retention-policy",
                "autogen",
                "username",
                "writer",
                "password",
                PASSWORD);

        exporter.export(snapshot(0));

        Request request = server.requests().get(0);
        assertThat(request.pathAndQuery()).contains("org=-", "bucket=telegraf%2Fautogen");
        assertThat(request.authorization()).isEqualTo("Token writer:" + PASSWORD);
    }

    @Test
    void tokensAndPasswordsNeverReachALogAMessageOrToString() throws Exception {
        // A hostile server that echoes the credentials back in its error messages.
        server.then(
                Reply.json(500, "cannot use " + TOKEN),
                Reply.json(401, "bad token " + TOKEN),
                Reply.json(400, "rejected for " + TOKEN));
        List<String> messages = new ArrayList<>();
        String logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            // One attempt per push, so that each scripted answer ends a push and is reported.
            InfluxExporter exporter = started("batch-size", "5", "max-attempts", "1");
            messages.add(exporter.toString());
            for (int push = 0; push < 4; push++) {
                try {
                    exporter.export(snapshot(push * 10));
                } catch (InfluxPushException e) {
                    messages.add(e.getMessage());
                }
            }
            exporter.close();

            server.then(Reply.json(401, "bad password " + PASSWORD + " for writer:" + PASSWORD));
            InfluxExporter v1 = started(
                    "org",
                    null,
                    "bucket",
                    null,
                    "token",
                    null,
                    "database",
                    "db",
                    "username",
                    "writer",
                    "password",
                    PASSWORD);
            messages.add(v1.toString());
            try {
                v1.export(snapshot(0));
            } catch (InfluxPushException e) {
                messages.add(e.getMessage());
            }
            v1.close();
            logged = logs.text();
        }

        assertThat(messages).hasSizeGreaterThanOrEqualTo(5);
        assertThat(String.join("\n", messages))
                .contains("refused the credentials")
                .doesNotContain(TOKEN)
                .doesNotContain(PASSWORD)
                .contains("******");
        assertThat(logged).contains("rejected").doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    @Test
    void closeAfterAFailedPushDoesNotRetryAndSaysWhatIsLost() throws Exception {
        server.then(Reply.status(503));
        InfluxExporter exporter = started("max-attempts", "1");
        assertThatThrownBy(() -> exporter.export(snapshot(0))).isInstanceOf(InfluxPushException.class);

        try (CapturedLogs logs = new CapturedLogs()) {
            exporter.close();
            assertThat(logs.text()).contains("with " + POINTS + " points not delivered to " + server.url());
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void badConfigurationFailsInConfigureNamingKeyAndValue() {
        Map<String, String> good = Map.of("url", "http://127.0.0.1:8086", "org", "o", "bucket", "b");
        Map<String, String[]> cases = Map.of(
                "url", new String[] {"url", "http//broken", "'http//broken'"},
                "bucket", new String[] {"bucket", null, "(missing)"},
                "org", new String[] {"org", null, "(missing)"},
                "batch-size", new String[] {"batch-size", "0", "'0'"},
                "precision", new String[] {"precision", "hours", "'hours'"});
        cases.forEach((name, c) -> {
            Map<String, String> config = new HashMap<>(good);
            if (c[1] == null) {
                config.remove(c[0]);
            } else {
                config.put(c[0], c[1]);
            }
            InfluxExporter exporter = new InfluxExporter();
            assertThatThrownBy(() -> exporter.configure(ExporterConfig.of("influx", config)))
                    .as(name)
                    .isInstanceOf(io.symphra.metrics.config.InvalidConfigException.class)
                    .hasMessageStartingWith("symphra.exporter.influx." + c[0] + " = " + c[2]);
        });
    }

    @Test
    void exportBeforeStartIsRefused() {
        InfluxExporter exporter = new InfluxExporter();
        exporter.configure(ExporterConfig.of("influx", Map.of("org", "o", "bucket", "b")));

        assertThatThrownBy(() -> exporter.export(snapshot(0))).isInstanceOf(IllegalStateException.class);
        exporter.close();
    }

    /**
     * More than the loopback socket buffers can hold (tcp_rmem at most 32 MiB, tcp_wmem 4 MiB here), far below the
     * 256 MiB the hostile server writes to a client that keeps reading.
     */
    private static final long SOCKET_BUFFERS_BOUND = 64L << 20;

    private EndlessBodyServer endless(int status, Framing framing) throws IOException {
        EndlessBodyServer hostile = new EndlessBodyServer(status, framing);
        toClose.add(hostile);
        return hostile;
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void a200WithAnEndlessBodyIsDeliveredAfterReadingAFewKilobytes(Framing framing) throws Exception {
        EndlessBodyServer hostile = endless(200, framing);
        InfluxExporter exporter = started("url", hostile.uri("").toString(), "timeout", "2m");

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> exporter.export(snapshot(1)));

        assertThat(hostile.requests()).isEqualTo(1);
        assertThat(hostile.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void anErrorWithAnEndlessBodyIsJudgedOnAFewKilobytes(Framing framing) throws Exception {
        EndlessBodyServer hostile = endless(503, framing);
        InfluxExporter exporter = started("url", hostile.uri("").toString(), "timeout", "2m", "max-attempts", "1");

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> exporter.export(snapshot(1))))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(hostile.requests()).isEqualTo(1);
        assertThat(hostile.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);
    }

    @Test
    void aPushAgainstAnEndlessErrorBodyRunsInA32MegabyteHeap() throws Exception {
        EndlessBodyServer hostile = endless(503, Framing.UNTIL_CLOSE);

        SmallHeap.Outcome child = SmallHeap.run(
                "32m", EndlessBodyInfluxPush.class, hostile.uri("").toString());

        assertThat(child.output()).contains(EndlessBodyInfluxPush.JUDGED + " heapBefore=");
        assertThat(child.exitCode()).isZero();
    }
}
