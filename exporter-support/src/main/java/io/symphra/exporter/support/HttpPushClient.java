package io.symphra.exporter.support;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import io.symphra.metrics.config.UrlRedaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs push bodies to one URL with the JVM's {@link SharedHttpClient} (or a client of the exporter's own), under one {@link PushRetryPolicy} and the
 * one status table, {@link PushOutcome}. Thread-safe; any number of pushes may run at once.
 *
 * <p>What it promises:
 * <ul>
 *   <li>Each attempt is bounded by {@code timeout}, from connecting to the end of the answer. An attempt that
 *       gets no answer in time, or an I/O error, is retried like a retryable status.
 *   <li>A retryable answer is retried after {@link PushRetryPolicy#waitBefore}, honouring {@code Retry-After}, up
 *       to the policy's attempts. A push so never takes longer than {@link PushRetryPolicy#longestPush}.
 *   <li>At most {@value #BODY_READ_LIMIT} bytes of any answer are read (see {@link BoundedBody}); the first of them
 *       go into the message of a refused push.
 *   <li>A push returns the 2xx status on delivery, and otherwise fails with one {@link PushFailedException}, whose
 *       message names the URL redacted ({@link UrlRedaction#forLogs}) and never a header value. A 401 or 403 is not
 *       retried; its message says to check the credentials.
 *   <li>Waits between attempts hold no thread: a retry is scheduled on the JDK's delay thread
 *       ({@link CompletableFuture#delayedExecutor}).
 *   <li>Retried attempts are logged at DEBUG. A failed push is not logged: it is reported by its exception, and
 *       the scheduler logs a failed push once, throttled.
 *   <li>{@link #close()} cancels the requests in flight, ends every push in a retry wait at once (with a
 *       {@link PushFailedException}) and makes later pushes fail without sending.
 * </ul>
 *
 * <pre>{@code
 * HttpPushClient client = HttpPushClient.builder(url)
 *         .timeout(HttpPushClient.timeout(config, Duration.ofSeconds(5)))
 *         .retryPolicy(PushRetryPolicy.from(config))
 *         .headers(PushHeaders.read(config, "headers"))
 *         .credentialsKey(config.key("headers"))
 *         .build();
 * client.push(body, "application/json", Map.of());   // throws PushFailedException when not delivered
 * }</pre>
 */
public final class HttpPushClient implements AutoCloseable {

    /** The relative key of the bound on one attempt: {@code symphra.exporter.<name>.timeout}. */
    public static final String TIMEOUT_KEY = "timeout";

    /** The most bytes of an answer read: enough for a message excerpt, and to drain a short body. */
    public static final int BODY_READ_LIMIT = 4 * 1024;

    private static final int EXCERPT_CHARS = 200;

    private final URI url;
    private final String target;
    private final Duration timeout;
    private final PushRetryPolicy policy;
    private final Map<String, Secret> headers;
    private final String credentialsKey;
    private final Logger log;
    private final Clock clock;
    private final HttpClient http;
    private final Set<Push> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpPushClient(Builder b) {
        this.url = b.url;
        this.target = "HTTP push to " + UrlRedaction.forLogs(b.url);
        this.timeout = b.timeout;
        this.policy = b.policy;
        this.headers = Map.copyOf(b.headers);
        this.credentialsKey = b.credentialsKey;
        this.log = b.log;
        this.clock = b.clock;
        this.http = b.http;
    }

    /** A builder for a client that pushes to {@code url}, an absolute {@code http} or {@code https} URL. */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Reads the unified key {@code timeout}: the bound on one attempt.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming the key when it is not a positive duration
     */
    public static Duration timeout(ExporterConfig config, Duration defaultValue) {
        return config.duration(TIMEOUT_KEY, defaultValue);
    }

    /** {@code HTTP push to <URL redacted>}: the target as messages name it. */
    public String target() {
        return target;
    }

    /** The bound on one attempt. */
    public Duration timeout() {
        return timeout;
    }

    /** The retry policy. */
    public PushRetryPolicy retryPolicy() {
        return policy;
    }

    /**
     * Pushes {@code body} and waits until it was delivered or failed: {@link #pushAsync} joined. An interrupt
     * stops the push (the request in flight is cancelled) and is rethrown.
     *
     * @param contentType  the {@code Content-Type} of the body
     * @param extraHeaders headers for this push only, after the configured ones (which they replace)
     * @return the 2xx status of the answer
     * @throws PushFailedException when the push was not delivered
     */
    public int push(byte[] body, String contentType, Map<String, String> extraHeaders)
            throws PushFailedException, InterruptedException {
        CompletableFuture<Integer> push = pushAsync(body, contentType, extraHeaders);
        try {
            return push.get();
        } catch (InterruptedException e) {
            push.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PushFailedException failed) {
                throw failed;
            }
            throw new IllegalStateException("a push fails with PushFailedException only", e.getCause());
        }
    }

    /**
     * Starts pushing {@code body} and returns at once. The future completes with the 2xx status on delivery, or
     * exceptionally with a {@link PushFailedException}. Cancelling it stops the push.
     *
     * @param contentType  the {@code Content-Type} of the body
     * @param extraHeaders headers for this push only, after the configured ones (which they replace)
     */
    public CompletableFuture<Integer> pushAsync(byte[] body, String contentType, Map<String, String> extraHeaders) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        Push push = new Push(request(body, contentType, extraHeaders));
        running.add(push);
        push.result.whenComplete((status, error) -> {
            running.remove(push);
            push.stopCall();
        });
        push.attempt(1);
        return push.result;
    }

    /** Cancels the requests in flight, fails every running push at once and every later one without sending. */
    @Override
    public void close() {
        closed = true;
        for (Push push : running) {
            push.stop();
        }
    }

    @Override
    public String toString() {
        return "HttpPushClient[" + UrlRedaction.forLogs(url) + ", timeout=" + timeout + ", " + policy + ", headers="
                + headers.keySet() + "]";
    }

    private HttpRequest request(byte[] body, String contentType, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .version(SharedHttpClient.versionFor(url))
                .timeout(timeout)
                .setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> request.setHeader(name, value.reveal()));
        extraHeaders.forEach(request::setHeader);
        return request.build();
    }

    /** One push: its attempts, one at a time, and its result. */
    private final class Push {
        final HttpRequest request;
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        private volatile Attempt current;
        /** Why the last attempt failed, for the message of a push the client's closing stops. */
        private volatile String lastProblem;

        Push(HttpRequest request) {
            this.request = request;
        }

        /** Sends attempt {@code number}; {@code lastProblem} says why the one before it failed. */
        void attempt(int number) {
            if (result.isDone()) {
                return;
            }
            if (closed) {
                stop(number - 1);
                return;
            }
            Attempt attempt = new Attempt(number, http.sendAsync(request, BoundedBody.upTo(BODY_READ_LIMIT)));
            current = attempt;
            // The request timeout ends the wait for the headers; this also bounds a body that trickles in.
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(attempt::timeOut);
            if (closed || result.isDone()) {
                attempt.call.cancel(true);
            }
            attempt.call.whenComplete((response, error) -> judge(attempt, response, error));
        }

        private void judge(Attempt attempt, HttpResponse<byte[]> response, Throwable error) {
            if (result.isDone()) {
                return;
            }
            Throwable failure =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            int n = attempt.number;
            if (failure != null) {
                if (failure instanceof CancellationException && !attempt.timedOut) {
                    stop(n);
                    return;
                }
                boolean timedOut = attempt.timedOut || failure instanceof HttpTimeoutException;
                PushOutcome outcome = timedOut ? PushOutcome.RETRYABLE : PushOutcome.ofFailure(failure);
                String problem = timedOut
                        ? "no complete answer within " + timeout.toMillis() + " ms"
                        : failure.getClass().getSimpleName()
                                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
                // A timeout that ends the push is reported as one (HttpTimeoutException), whichever timer fired.
                Throwable cause = timedOut && !(failure instanceof HttpTimeoutException)
                        ? new HttpTimeoutException(problem)
                        : failure;
                next(n, outcome, 0, UrlRedaction.maskUserInfo(problem), Optional.empty(), cause);
                return;
            }
            int status = response.statusCode();
            PushOutcome outcome = PushOutcome.ofStatus(status);
            if (outcome == PushOutcome.DELIVERED) {
                result.complete(status);
                return;
            }
            Optional<Duration> retryAfter = outcome == PushOutcome.RETRYABLE
                    ? response.headers().firstValue(RetryAfter.HEADER).flatMap(v -> RetryAfter.parse(v, clock))
                    : Optional.empty();
            next(n, outcome, status, "HTTP " + status + excerpt(response.body()), retryAfter, null);
        }

        private void next(
                int n,
                PushOutcome outcome,
                int status,
                String problem,
                Optional<Duration> retryAfter,
                Throwable cause) {
            switch (outcome) {
                case CONFIGURATION_ERROR ->
                    fail(
                            target + " refused the credentials, not retried: " + problem + "; check " + credentialsKey,
                            outcome,
                            status,
                            n,
                            cause);
                case REJECTED -> fail(target + " rejected, not retried: " + problem, outcome, status, n, cause);
                default -> {
                    if (n >= policy.maxAttempts()) {
                        fail(target + " failed after " + n + " attempt(s): " + problem, outcome, status, n, cause);
                        return;
                    }
                    lastProblem = problem;
                    Duration wait = policy.waitBefore(n + 1, retryAfter);
                    if (log.isDebugEnabled()) {
                        log.debug(
                                "{}: attempt {}/{} failed ({}); retrying in {} ms",
                                target,
                                n,
                                policy.maxAttempts(),
                                problem,
                                wait.toMillis());
                    }
                    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
                            .execute(() -> attempt(n + 1));
                }
            }
        }

        private void fail(String message, PushOutcome outcome, int status, int attempts, Throwable cause) {
            result.completeExceptionally(new PushFailedException(message, outcome, status, attempts, cause));
        }

        /** Ends the push because the client was closed. */
        void stop() {
            Attempt a = current;
            stop(a == null ? 0 : a.number);
        }

        private void stop(int attempts) {
            String lastProblem = this.lastProblem;
            fail(
                    target + " stopped: the client is closed"
                            + (lastProblem == null ? "" : " (last: " + lastProblem + ")"),
                    PushOutcome.RETRYABLE,
                    0,
                    attempts,
                    null);
            stopCall();
        }

        void stopCall() {
            Attempt a = current;
            if (a != null) {
                a.call.cancel(true);
            }
        }
    }

    /** One request of a push. */
    private static final class Attempt {
        final int number;
        final CompletableFuture<HttpResponse<byte[]>> call;
        volatile boolean timedOut;

        Attempt(int number, CompletableFuture<HttpResponse<byte[]>> call) {
            this.number = number;
            this.call = call;
        }

        void timeOut() {
            if (!call.isDone()) {
                timedOut = true;
                call.cancel(true);
            }
        }
    }

    /** The start of an error body, on one line, so the message says what the server disliked. */
    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return "";
        }
        if (text.length() > EXCERPT_CHARS) {
            text = text.substring(0, EXCERPT_CHARS) + "...";
        }
        StringBuilder sb = new StringBuilder(text.length() + 2).append(": ");
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString().stripTrailing();
    }

    /** Builds an {@link HttpPushClient}; every setting has a default but the URL. */
    public static final class Builder {
        private final URI url;
        private Duration timeout = Duration.ofSeconds(10);
        private PushRetryPolicy policy = PushRetryPolicy.defaults();
        private Map<String, Secret> headers = Map.of();
        private String credentialsKey = "the credentials and headers";
        private Logger log = LoggerFactory.getLogger(HttpPushClient.class);
        private Clock clock = Clock.systemUTC();
        private HttpClient http;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (!url.isAbsolute()
                    || url.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("expected an absolute http or https URL with a host, got "
                        + UrlRedaction.maskUserInfo(url.toString()));
            }
        }

        /** The bound on one attempt, from connecting to the end of the answer; 10 s unless set. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The retry policy; {@link PushRetryPolicy#defaults()} unless set. */
        public Builder retryPolicy(PushRetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Headers sent with every push, such as {@code Authorization}; checked with {@link PushHeaders}. */
        public Builder headers(Map<String, Secret> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        /**
         * What the message of a 401 or 403 tells the user to check, such as the full key of the headers:
         * {@code symphra.exporter.json.push.headers}.
         */
        public Builder credentialsKey(String credentialsKey) {
            this.credentialsKey = Objects.requireNonNull(credentialsKey, "credentialsKey");
            return this;
        }

        /** Where retried attempts are logged at DEBUG; {@code HttpPushClient}'s own logger unless set. */
        public Builder logger(Logger log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The clock a {@code Retry-After} date is measured from; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The JDK client to send with instead of the JVM's {@link SharedHttpClient}, for an exporter that needs a TLS
         * context of its own (a client certificate, its own trusted certificates). The caller owns it: closing this
         * push client does not close it.
         */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The client. Opens no connection yet. */
        public HttpPushClient build() {
            if (http == null) {
                http = SharedHttpClient.get();
            }
            return new HttpPushClient(this);
        }
    }
}
