package io.symphra.exporter.json;

import io.symphra.exporter.json.JsonExporterSettings.PushSettings;
import io.symphra.exporter.support.BoundedBody;
import io.symphra.exporter.support.SharedHttpClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * POSTs each document to an HTTP endpoint with the JVM's {@link SharedHttpClient}. An attempt that gets no answer, an
 * I/O error, 429 or a 5xx is retried after a doubling backoff (or the server's {@code Retry-After}, capped), up to
 * the configured attempts; any other non-2xx answer is final. One push never takes longer than
 * {@link PushSettings#bound()}. Header values are secrets and never reach a message. At most
 * {@link #BODY_READ_LIMIT} bytes of a response body are read; the rest is not.
 */
final class HttpPushSink implements DocumentSink {

    private static final int EXCERPT_CHARS = 200;
    /** The most of a response body read, 2xx or error: enough for an excerpt, and to drain a short body. */
    static final int BODY_READ_LIMIT = 4 * 1024;

    private enum Kind {
        DELIVERED,
        RETRYABLE,
        REJECTED
    }

    private record Attempt(Kind kind, String problem, Optional<Duration> retryAfter) {
        static Attempt delivered() {
            return new Attempt(Kind.DELIVERED, null, Optional.empty());
        }

        static Attempt retryable(String problem) {
            return new Attempt(Kind.RETRYABLE, problem, Optional.empty());
        }
    }

    private final PushSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final Logger log;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The request being answered, cancelled by {@link #close()} so that closing never waits for a server. */
    private volatile CompletableFuture<?> inFlight;

    private HttpPushSink(PushSettings settings, Clock clock, Pause pause, Logger log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.pause = pause != null ? pause : this::waitUnlessClosed;
    }

    /**
     * A sink that sends with the JVM's {@link SharedHttpClient}, so that closing it leaves no thread behind. Waits
     * between attempts go through {@code pause}; with {@code null} they really wait, and end early when the sink is
     * closed. A failed push is reported by the exception {@link #accept} throws, which the scheduler logs,
     * throttled; {@code log} only gets the attempts retried within one push, at DEBUG.
     */
    static HttpPushSink create(PushSettings settings, Clock clock, Logger log, Pause pause) {
        return new HttpPushSink(settings, clock, pause, log);
    }

    @Override
    public String describe() {
        return "HTTP push to " + settings.safeUrl();
    }

    @Override
    public void accept(byte[] document) throws IOException, InterruptedException {
        int max = settings.maxAttempts();
        String lastProblem = "not attempted";
        for (int attempt = 1; attempt <= max; attempt++) {
            if (closed.getCount() == 0) {
                throw new IOException(describe() + " stopped: the exporter is closed (last: " + lastProblem + ")");
            }
            Attempt result = send(document);
            if (result.kind() == Kind.DELIVERED) {
                return;
            }
            if (result.kind() == Kind.REJECTED) {
                throw new IOException("JSON " + describe() + " rejected, not retried: " + result.problem());
            }
            lastProblem = result.problem();
            if (attempt == max) {
                break;
            }
            Duration wait = waitAfter(attempt, result.retryAfter());
            if (log.isDebugEnabled()) {
                log.debug(
                        "JSON {}: attempt {}/{} failed ({}); retrying in {} ms",
                        describe(),
                        attempt,
                        max,
                        lastProblem,
                        wait.toMillis());
            }
            pause.pause(wait);
        }
        throw new IOException("JSON " + describe() + " failed after " + max + " attempt(s): " + lastProblem);
    }

    private Duration waitAfter(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : asked;
        }
        return backoffBefore(attempt + 1);
    }

    /** The wait before attempt {@code n >= 2}: the backoff, doubled for every attempt after the second, capped. */
    Duration backoffBefore(int attempt) {
        Duration wait = settings.backoff();
        for (int i = 2; i < attempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private Attempt send(byte[] document) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .version(SharedHttpClient.versionFor(settings.url()))
                .timeout(settings.timeout())
                .setHeader("Content-Type", JsonMetricsFormat.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(document));
        settings.headers().forEach((name, value) -> request.setHeader(name, value.reveal()));

        CompletableFuture<HttpResponse<byte[]>> future =
                SharedHttpClient.get().sendAsync(request.build(), BoundedBody.upTo(BODY_READ_LIMIT));
        inFlight = future;
        if (closed.getCount() == 0) {
            future.cancel(true);
        }
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops waiting for the headers; this also bounds a body that trickles in.
            response = future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.retryable(
                    "no complete answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            return new Attempt(Kind.REJECTED, "the exporter is closed", Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return Attempt.retryable(
                        "no answer within " + settings.timeout().toMillis() + " ms");
            }
            if (cause instanceof IOException) {
                return Attempt.retryable(cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            return new Attempt(Kind.REJECTED, String.valueOf(cause), Optional.empty());
        }
        return judge(response);
    }

    private Attempt judge(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Attempt.delivered();
        }
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter =
                    response.headers().firstValue("Retry-After").flatMap(value -> RetryAfter.parse(value, clock));
            return new Attempt(Kind.RETRYABLE, "HTTP " + status, retryAfter);
        }
        return new Attempt(
                Kind.REJECTED,
                "HTTP " + status + excerpt(new String(response.body(), StandardCharsets.UTF_8)),
                Optional.empty());
    }

    /** The start of an error body, on one line, so the log says what the server disliked. */
    private static String excerpt(String body) {
        if (body.isBlank()) {
            return "";
        }
        String text = body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS) + "..." : body;
        StringBuilder sb = new StringBuilder(text.length() + 3).append(": ");
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString().stripTrailing();
    }

    private void waitUnlessClosed(Duration duration) throws InterruptedException {
        closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed.countDown();
        CompletableFuture<?> call = inFlight;
        if (call != null) {
            call.cancel(true);
        }
    }
}
