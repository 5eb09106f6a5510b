package io.symphra.exporter.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.symphra.exporter.support.BoundedBody;
import io.symphra.exporter.support.SharedHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The OTLP/HTTP sender the SDK's exporter is given instead of its own JDK sender: the same protocol work (body,
 * compression, headers, per-attempt timeout, the SDK's retry policy), sent with the JVM's {@link SharedHttpClient}.
 *
 * <p>Why not the SDK's sender: it builds a JDK {@code HttpClient} per exporter, which JDK 17 cannot close, so each
 * closed exporter left a selector thread until a garbage collection happened to run. With the shared client,
 * opening and closing exporters adds no thread. Sending is asynchronous; a retry waits on the JDK's delay thread,
 * so no thread is held per push.
 */
final class SharedClientHttpSender implements HttpSender {

    /** The statuses the OpenTelemetry SDK retries. */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

    /** Enough for any status message a receiver writes; the rest of a body is not read. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpSenderConfig config;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    SharedClientHttpSender(HttpSenderConfig config) {
        this.config = config;
    }

    @Override
    public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        byte[] body;
        try {
            body = encode(writer);
        } catch (IOException e) {
            onError.accept(e);
            return;
        }
        attempt(body, 1, onResponse, onError);
    }

    private void attempt(byte[] body, int attempt, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        if (shutdown) {
            onError.accept(new IOException("OTLP sender is shut down"));
            return;
        }
        int limit = (int) Math.min(MAX_RESPONSE_BYTES, Math.max(0, config.getMaxResponseBodySize()));
        CompletableFuture<java.net.http.HttpResponse<byte[]>> call =
                SharedHttpClient.get().sendAsync(request(body), BoundedBody.upTo(limit));
        inFlight.add(call);
        call.whenComplete((response, error) -> {
            inFlight.remove(call);
            Throwable failure =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            OptionalLong retryAfter = response == null ? OptionalLong.empty() : retryAfterNanos(response);
            if (!shutdown && attempt < maxAttempts() && shouldRetry(response, failure)) {
                long delay = retryAfter.orElseGet(() -> backoffNanos(attempt));
                CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(() -> attempt(body, attempt + 1, onResponse, onError));
            } else if (failure != null) {
                onError.accept(failure);
            } else {
                onResponse.accept(new Response(response.statusCode(), response.body()));
            }
        });
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.getEndpoint())
                .version(SharedHttpClient.versionFor(config.getEndpoint()))
                .timeout(config.getTimeout())
                .header("Content-Type", config.getContentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Compressor compressor = config.getCompressor();
        if (compressor != null) {
            request.header("Content-Encoding", compressor.getEncoding());
        }
        Map<String, List<String>> headers = config.getHeadersSupplier().get();
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        }
        return request.build();
    }

    private byte[] encode(MessageWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, writer.getContentLength()));
        Compressor compressor = config.getCompressor();
        try (OutputStream out = compressor == null ? bytes : compressor.compress(bytes)) {
            writer.writeMessage(out);
        }
        return bytes.toByteArray();
    }

    private int maxAttempts() {
        RetryPolicy policy = config.getRetryPolicy();
        return policy == null ? 1 : policy.getMaxAttempts();
    }

    private boolean shouldRetry(java.net.http.HttpResponse<byte[]> response, Throwable failure) {
        if (failure == null) {
            return RETRYABLE_STATUSES.contains(response.statusCode());
        }
        if (!(failure instanceof IOException io)) {
            return false;
        }
        var predicate = config.getRetryPolicy().getRetryExceptionPredicate();
        return predicate == null ? !(io instanceof HttpTimeoutException) : predicate.test(io);
    }

    /** Full jitter over an exponential backoff capped by the policy, as the SDK's own senders wait. */
    private long backoffNanos(int attempt) {
        RetryPolicy policy = config.getRetryPolicy();
        double backoff = policy.getInitialBackoff().toNanos() * Math.pow(policy.getBackoffMultiplier(), attempt - 1);
        long capped = (long) Math.min(backoff, policy.getMaxBackoff().toNanos());
        return capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped);
    }

    /** {@code Retry-After} in seconds, as OTLP receivers send it; an HTTP date is left to the backoff. */
    private static OptionalLong retryAfterNanos(java.net.http.HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() <= 6)
                .map(value -> OptionalLong.of(TimeUnit.SECONDS.toNanos(Long.parseLong(value))))
                .orElse(OptionalLong.empty());
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdown = true;
        inFlight.forEach(call -> call.cancel(true));
        return CompletableResultCode.ofSuccess();
    }

    /** The SDK's view of an answer; the JDK client does not keep the reason phrase. */
    private record Response(int statusCode, byte[] body) implements HttpResponse {
        @Override
        public int getStatusCode() {
            return statusCode;
        }

        @Override
        public String getStatusMessage() {
            return "";
        }

        @Override
        public byte[] getResponseBody() {
            return body;
        }
    }
}
