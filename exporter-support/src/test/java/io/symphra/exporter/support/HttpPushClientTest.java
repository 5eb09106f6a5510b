package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.symphra.metrics.config.Secret;
import io.symphra.metrics.testkit.ClosedAfterEach;
import io.symphra.metrics.testkit.EndlessBodyServer;
import io.symphra.metrics.testkit.EndlessBodyServer.Framing;
import io.symphra.metrics.testkit.RecordingLoggers;
import io.symphra.metrics.testkit.ScriptedHttpServer;
import io.symphra.metrics.testkit.ScriptedHttpServer.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/** The push client against a real JDK HTTP server on 127.0.0.1, with waits of milliseconds. */
class HttpPushClientTest {

    private static final byte[] BODY = "{\"runs\":3}".getBytes(StandardCharsets.UTF_8);
    private static final PushRetryPolicy QUICK = new PushRetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private final RecordingLoggers log = new RecordingLoggers();

    @RegisterExtension
    final ClosedAfterEach opened = new ClosedAfterEach();

    private ScriptedHttpServer server(Response... responses) throws IOException {
        return opened.keep(ScriptedHttpServer.answering(responses));
    }

    private HttpPushClient client(URI url, PushRetryPolicy policy, Duration timeout) {
        HttpPushClient client = HttpPushClient.builder(url)
                .timeout(timeout)
                .retryPolicy(policy)
                .headers(Map.of("Authorization", Secret.of("Bearer s3cr3t")))
                .credentialsKey("symphra.exporter.test.headers")
                .logger(log.apply("recording"))
                .build();
        return opened.keep(client);
    }

    private HttpPushClient client(ScriptedHttpServer server, PushRetryPolicy policy) {
        return client(server.uri("/ingest?tenant=blue"), policy, Duration.ofSeconds(10));
    }

    @Test
    void deliversTheBodyWithItsContentTypeAndHeaders() throws Exception {
        ScriptedHttpServer server = server(Response.of(204));
        int status = client(server, QUICK).push(BODY, "application/json", Map.of("X-Tenant", "blue"));

        assertThat(status).isEqualTo(204);
        assertThat(server.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/ingest");
            assertThat(request.body()).isEqualTo(BODY);
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
            assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer s3cr3t");
            assertThat(request.headers().getFirst("X-Tenant")).isEqualTo("blue");
        });
        assertThat(log.lines()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void aRetryableStatusIsRetriedAndThenDelivered(int status) throws Exception {
        ScriptedHttpServer server = server(Response.of(status), Response.of(200));
        assertThat(client(server, QUICK).push(BODY, "application/json", Map.of()))
                .isEqualTo(200);

        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).body()).isEqualTo(BODY);
        assertThat(log.at(Level.DEBUG))
                .singleElement()
                .extracting(RecordingLoggers.Line::message)
                .asString()
                .contains("attempt 1/3 failed (HTTP " + status + "); retrying in")
                .doesNotContain("tenant=blue", "s3cr3t");
        assertThat(log.at(Level.WARN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 413, 501, 505, 507, 302})
    void anyOtherStatusIsRejectedWithoutRetry(int status) throws IOException {
        ScriptedHttpServer server = server(Response.withBody(status, "field \"timestamp\"\nis wrong"));
        HttpPushClient client = client(server, QUICK);

        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(PushOutcome.REJECTED);
                    assertThat(e.status()).hasValue(status);
                    assertThat(e.attempts()).isEqualTo(1);
                })
                .hasMessageContaining("HTTP push to " + server.uri("/ingest") + " rejected, not retried: HTTP " + status
                        + ": field \"timestamp\" is wrong")
                .hasMessageNotContaining("tenant=blue")
                .hasMessageNotContaining("s3cr3t");
        assertThat(server.received()).hasSize(1);
        assertThat(log.lines()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialsAreAConfigurationErrorNeverRetried(int status) throws IOException {
        ScriptedHttpServer server = server(Response.of(status));
        HttpPushClient client = client(server, QUICK);

        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(PushOutcome.CONFIGURATION_ERROR);
                    assertThat(e.status()).hasValue(status);
                })
                .hasMessageContaining("refused the credentials, not retried: HTTP " + status)
                .hasMessageContaining("check symphra.exporter.test.headers")
                .hasMessageNotContaining("s3cr3t");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aPushFailsAfterTheLastAttemptWithTheLastStatus() throws IOException {
        ScriptedHttpServer server = server(Response.of(503));
        HttpPushClient client = client(server, QUICK);

        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(PushOutcome.RETRYABLE);
                    assertThat(e.status()).hasValue(503);
                    assertThat(e.attempts()).isEqualTo(3);
                })
                .hasMessageContaining("failed after 3 attempt(s): HTTP 503")
                .hasMessageNotContaining("tenant=blue");
        assertThat(server.received()).hasSize(3);
        assertThat(log.at(Level.DEBUG)).hasSize(2);
    }

    @Test
    void anIoErrorIsRetried() throws IOException {
        ScriptedHttpServer server = server(Response.of(200));
        URI gone = server.uri("/ingest");
        server.close();
        HttpPushClient client = client(gone, QUICK, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOfSatisfying(
                        PushFailedException.class, e -> assertThat(e.status()).isEmpty())
                .hasMessageContaining("failed after 3 attempt(s)")
                .hasMessageContaining("ConnectException");
        assertThat(log.at(Level.DEBUG)).hasSize(2);
    }

    /** Seconds, or an HTTP date two seconds ahead: whole seconds, so the wait asked for is 1 to 2 s either way. */
    @ParameterizedTest
    @ValueSource(strings = {"seconds", "date"})
    void retryAfterIsHonoured(String form) throws Exception {
        String value = form.equals("seconds")
                ? "1"
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        ScriptedHttpServer server = server(Response.of(429, "Retry-After", value), Response.of(200));
        PushRetryPolicy policy = new PushRetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(30));
        client(server, policy).push(BODY, "application/json", Map.of());

        assertThat(server.received()).hasSize(2);
        assertThat(server.gapMillis(1)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aLongRetryAfterIsCappedByMaxBackoff() throws Exception {
        ScriptedHttpServer server = server(Response.of(503, "Retry-After", "3600"), Response.of(200));
        PushRetryPolicy policy = new PushRetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(50));

        assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> client(server, policy).push(BODY, "application/json", Map.of()));
        assertThat(server.received()).hasSize(2);
        assertThat(server.gapMillis(1)).isGreaterThanOrEqualTo(45).isLessThan(30_000);
    }

    @Test
    void eachAttemptIsBoundedByTheTimeout() throws IOException {
        ScriptedHttpServer server = ScriptedHttpServer.silent();
        opened.keep(server);
        PushRetryPolicy policy = new PushRetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1));
        HttpPushClient client = client(server.uri("/ingest"), policy, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("failed after 2 attempt(s): no complete answer within 300 ms")
                .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(server.received()).hasSize(2);
        // Two attempts of 300 ms each; generous above for a loaded machine, far below a hang.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(590)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closeEndsAPushInItsRetryWaitAtOnce() throws IOException {
        ScriptedHttpServer server = server(Response.of(503));
        PushRetryPolicy policy = new PushRetryPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(10));
        HttpPushClient client = client(server, policy);

        CompletableFuture<Integer> push = client.pushAsync(BODY, "application/json", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> log.at(Level.DEBUG).size() == 1);
        client.close();

        await().atMost(Duration.ofSeconds(10)).until(push::isDone);
        assertThatThrownBy(push::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("stopped: the client is closed (last: HTTP 503)");
        assertThat(server.received()).hasSize(1);
        assertThatThrownBy(() -> client.push(BODY, "application/json", Map.of()))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("closed");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void closeCancelsTheRequestInFlight() throws IOException {
        ScriptedHttpServer server = ScriptedHttpServer.silent();
        opened.keep(server);
        HttpPushClient client = client(server.uri("/ingest"), QUICK, Duration.ofMinutes(10));

        CompletableFuture<Integer> push = client.pushAsync(BODY, "application/json", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> server.received().size() == 1);
        client.close();

        await().atMost(Duration.ofSeconds(10)).until(push::isDone);
        assertThat(push).isCompletedExceptionally();
        assertThat(server.received()).hasSize(1);
    }

    /** More than the loopback socket buffers can hold, far below what the hostile server writes to a reader. */
    private static final long SOCKET_BUFFERS_BOUND = 64L << 20;

    @ParameterizedTest
    @EnumSource(Framing.class)
    void anEndlessAnswerIsJudgedOnAFewKilobytes(Framing framing) throws Exception {
        EndlessBodyServer rejecting = new EndlessBodyServer(400, framing);
        opened.keep(rejecting);
        HttpPushClient client = client(rejecting.uri("/ingest"), QUICK, Duration.ofMinutes(2));

        assertThatThrownBy(() -> assertTimeoutPreemptively(
                        Duration.ofSeconds(60), () -> client.push(BODY, "application/json", Map.of())))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("rejected, not retried: HTTP 400: xxxx");
        assertThat(rejecting.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);

        EndlessBodyServer accepting = new EndlessBodyServer(200, framing);
        opened.keep(accepting);
        HttpPushClient second = client(accepting.uri("/ingest"), QUICK, Duration.ofMinutes(2));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> second.push(BODY, "application/json", Map.of()));
        assertThat(accepting.requests()).isEqualTo(1);
        assertThat(accepting.bodyBytesWritten()).isLessThan(SOCKET_BUFFERS_BOUND);
    }

    @Test
    void aUrlWithoutAHostIsRefusedAndItsCredentialsAreNotShown() {
        assertThatThrownBy(() -> HttpPushClient.builder(URI.create("ftp://u:hunter2@127.0.0.1/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }
}
