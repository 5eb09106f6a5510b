package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.symphra.exporter.json.JsonExporterSettings.PushSettings;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.testkit.ClosedAfterEach;
import io.symphra.metrics.testkit.EndlessBodyServer;
import io.symphra.metrics.testkit.EndlessBodyServer.Framing;
import io.symphra.metrics.testkit.RecordingLoggers;
import io.symphra.metrics.testkit.ScriptedHttpServer;
import io.symphra.metrics.testkit.ScriptedHttpServer.Received;
import io.symphra.metrics.testkit.ScriptedHttpServer.Response;
import io.symphra.metrics.testkit.SmallHeap;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.event.Level;

/** The HTTP push against a real JDK HTTP server on 127.0.0.1 that answers as each test scripts it. */
class HttpPushSinkTest {

    private static final byte[] DOCUMENT = new JsonMetricsFormat()
            .toBytes(SnapshotBuilder.snapshot().task("t", 2, 1).build());

    private final RecordingLoggers loggers = new RecordingLoggers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    final ClosedAfterEach opened = new ClosedAfterEach();

    private ScriptedHttpServer server(Response... responses) throws IOException {
        return opened.keep(ScriptedHttpServer.answering(responses));
    }

    private HttpPushSink sink(ScriptedHttpServer server, Map<String, String> extra) {
        return sink(server.uri("/ingest?tenant=blue"), extra);
    }

    private HttpPushSink sink(URI url, Map<String, String> extra) {
        Map<String, String> values = new LinkedHashMap<>(extra);
        values.put("push.url", url.toString());
        PushSettings settings = JsonExporterSettings.read(ExporterConfig.of("json", values))
                .push()
                .orElseThrow();
        HttpPushSink sink = HttpPushSink.create(settings, clock, loggers.apply("push"));
        return opened.keep(sink);
    }

    /** Waits of a millisecond: the waits themselves are the push client's, tested in exporter-support. */
    private HttpPushSink recordingSink(ScriptedHttpServer server, Map<String, String> extra) {
        Map<String, String> quick = new LinkedHashMap<>(Map.of("backoff", "1ms", "max-backoff", "5ms"));
        quick.putAll(extra);
        return sink(server, quick);
    }

    @Test
    void postsTheDocumentWithItsContentTypeAndTheConfiguredHeaders() throws Exception {
        ScriptedHttpServer server = server(Response.of(204));
        recordingSink(server, Map.of("push.headers", "Authorization=Bearer s3cr3t,X-Tenant=blue"))
                .accept(DOCUMENT);

        assertThat(server.received()).hasSize(1);
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ingest");
        assertThat(request.body()).isEqualTo(DOCUMENT);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer s3cr3t");
        assertThat(request.headers().getFirst("X-Tenant")).isEqualTo("blue");
        assertThat(loggers.lines()).isEmpty();
    }

    @Test
    void retriesA503AfterTheBackoffAndThenSucceeds() throws Exception {
        ScriptedHttpServer server = server(Response.of(503), Response.of(200));
        recordingSink(server, Map.of()).accept(DOCUMENT);

        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).body()).isEqualTo(DOCUMENT);
        // A retry inside one push is DEBUG: the push did not fail, and a failed one is the scheduler's to log.
        assertThat(loggers.lines("push", Level.WARN)).isEmpty();
        assertThat(loggers.lines("push", Level.DEBUG))
                .singleElement()
                .extracting(RecordingLoggers.Line::message)
                .asString()
                .contains("attempt 1/3 failed (HTTP 503); retrying in");
    }

    @Test
    void thePushFailsAfterTheLastAttempt() throws IOException {
        ScriptedHttpServer server = server(Response.of(500));
        HttpPushSink sink = recordingSink(server, Map.of("max-attempts", "4"));
        assertThatThrownBy(() -> sink.accept(DOCUMENT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 4 attempt(s): HTTP 500")
                .hasMessageNotContaining("tenant=blue");
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void honoursRetryAfterCappedByMaxBackoff() throws Exception {
        ScriptedHttpServer server = server(new Response(429, Map.of("Retry-After", "3600"), ""), Response.of(200));
        recordingSink(server, Map.of("max-backoff", "50ms")).accept(DOCUMENT);
        assertThat(server.received()).hasSize(2);
        assertThat(server.gapMillis(1)).isGreaterThanOrEqualTo(45).isLessThan(30_000);
    }

    @Test
    void doesNotRetryA400AndSaysWhy() throws IOException {
        ScriptedHttpServer server = server(new Response(400, Map.of(), "field \"timestamp\"\nis wrong"));
        HttpPushSink sink = recordingSink(server, Map.of("push.headers", "Authorization=Bearer s3cr3t"));
        assertThatThrownBy(() -> sink.accept(DOCUMENT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rejected, not retried: HTTP 400: field \"timestamp\" is wrong")
                .hasMessageContaining(server.uri("/ingest").toString())
                .hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("tenant=blue");
        assertThat(server.received()).hasSize(1);
        // Reported by the exception alone: the scheduler logs the failed push, so the sink does not warn too.
        assertThat(loggers.lines("push", Level.WARN)).isEmpty();
    }

    @Test
    void refusedCredentialsAreNotRetriedAndTheErrorNamesTheHeadersKey() throws IOException {
        ScriptedHttpServer server = server(new Response(403, Map.of(), "forbidden"));
        HttpPushSink sink = recordingSink(server, Map.of("push.headers", "Authorization=Bearer s3cr3t"));
        assertThatThrownBy(() -> sink.accept(DOCUMENT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused the credentials, not retried: HTTP 403: forbidden")
                .hasMessageContaining("check symphra.exporter.json.push.headers")
                .hasMessageNotContaining("s3cr3t");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void retriesWhenNothingListens() throws IOException {
        ScriptedHttpServer server = server(Response.of(200));
        HttpPushSink sink = recordingSink(server, Map.of("max-attempts", "2", "timeout", "2s"));
        server.close();
        assertThatThrownBy(() -> sink.accept(DOCUMENT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 2 attempt(s)")
                .hasMessageContaining("ConnectException");
        assertThat(loggers.lines("push", Level.DEBUG)).hasSize(1);
    }

    @Test
    void givesUpOnAServerThatNeverAnswersWithinItsBound() throws IOException {
        ScriptedHttpServer server = ScriptedHttpServer.silent();
        opened.keep(server);
        // Real waits here: the point is the wall-clock bound of attempts x timeout + backoffs.
        HttpPushSink sink = sink(
                server, Map.of("max-attempts", "2", "timeout", "300ms", "backoff", "100ms", "max-backoff", "100ms"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> sink.accept(DOCUMENT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 2 attempt(s)")
                .hasMessageContaining("300 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // Bound: 2 x 300 ms + a wait of 50 to 100 ms (jitter) = at most 700 ms; allow for a slow shared machine, not
        // for a hang.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(650)).isLessThan(Duration.ofMillis(700 + 2_000));
        assertThat(server.received()).isNotEmpty();
    }

    @Test
    void closingStopsTheRetries() throws Exception {
        ScriptedHttpServer server = server(Response.of(503));
        HttpPushSink sink = sink(server, Map.of("max-attempts", "5", "backoff", "10m", "max-backoff", "10m"));
        CompletableFuture<Void> push = CompletableFuture.runAsync(() -> {
            try {
                sink.accept(DOCUMENT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> loggers.lines("push", Level.DEBUG).size() == 1);
        sink.close();

        assertThatThrownBy(() -> push.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .rootCause()
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(server.received()).hasSize(1);
    }

    /**
     * Failed pushes are reported by their exceptions only (the scheduler logs them, throttled, once: see
     * {@code JsonPushFailureLogIT}); the sink itself warns about none of them, and its DEBUG lines name no secret.
     * Before the change it warned for every retry and every failure as well (up to 3 a minute).
     */
    @Test
    void aStormOfFailingPushesLogsNoWarningOfItsOwn() throws Exception {
        ScriptedHttpServer server = server(Response.of(502));
        HttpPushSink sink =
                recordingSink(server, Map.of("max-attempts", "2", "push.headers", "Authorization=Bearer s3cr3t"));
        int failed = 0;
        for (int i = 0; i < 50; i++) {
            try {
                sink.accept(DOCUMENT);
            } catch (IOException e) {
                assertThat(e).hasMessageNotContaining("s3cr3t");
                failed++;
            }
        }
        assertThat(failed).isEqualTo(50);
        assertThat(server.received()).hasSize(100);
        assertThat(loggers.lines("push", Level.WARN)).isEmpty();
        assertThat(loggers.lines("push", Level.DEBUG))
                .hasSize(50)
                .allSatisfy(line -> assertThat(line.message()).doesNotContain("s3cr3t"));
    }

    private EndlessBodyServer endless(int status, Framing framing) throws IOException {
        EndlessBodyServer server = new EndlessBodyServer(status, framing);
        opened.keep(server);
        return server;
    }

    /**
     * More than the loopback socket buffers can hold (tcp_rmem at most 32 MiB, tcp_wmem 4 MiB here), far below the
     * 256 MiB the hostile server writes to a client that keeps reading.
     */
    private static final long SOCKET_BUFFERS_BOUND = 64L << 20;

    @ParameterizedTest
    @EnumSource(Framing.class)
    void a200WithAnEndlessBodyIsDeliveredAfterReadingAFewKilobytes(Framing framing) throws Exception {
        EndlessBodyServer server = endless(200, framing);
        HttpPushSink sink = sink(server.uri("/ingest"), Map.of("max-attempts", "1", "timeout", "2m"));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sink.accept(DOCUMENT));

        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void anErrorWithAnEndlessBodyIsJudgedOnAFewKilobytes(Framing framing) throws Exception {
        EndlessBodyServer server = endless(400, framing);
        HttpPushSink sink = sink(server.uri("/ingest"), Map.of("max-attempts", "1", "timeout", "2m"));

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sink.accept(DOCUMENT)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rejected, not retried: HTTP 400: xxxx");
        assertThat(server.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);
    }

    @Test
    void aPushAgainstAnEndlessBodyRunsInA32MegabyteHeap() throws Exception {
        EndlessBodyServer server = endless(200, Framing.UNTIL_CLOSE);

        SmallHeap.Outcome child = SmallHeap.run(
                "32m", EndlessBodyPush.class, server.uri("/ingest").toString());

        assertThat(child.output()).contains("delivered heapBefore=");
        assertThat(child.exitCode()).isZero();
    }
}
