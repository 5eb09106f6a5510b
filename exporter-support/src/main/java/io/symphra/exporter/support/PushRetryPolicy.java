package io.symphra.exporter.support;

import io.symphra.metrics.config.ExporterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How often, and how far apart, one push is attempted: the one retry policy of every Symphra HTTP exporter.
 *
 * <p>The wait before attempt {@code n} (from 2) is drawn from an exponential step {@code backoff × 2^(n-2)},
 * capped at {@code maxBackoff}, with <em>equal jitter</em>: uniformly between half the step and the whole step.
 * Why equal jitter and not the full jitter of the OpenTelemetry SDK's {@code RetryPolicy} (uniform between zero and
 * the step): a push has few attempts (3 by default), and full jitter can retry a failing server almost at once,
 * spending an attempt before it had any chance to recover. Equal jitter still spreads the retries of many
 * schedulers that failed at the same moment, which is what jitter is for (gRPC's connection backoff spreads by
 * ±20% for the same reason), while keeping at least half the step. The longest wait, which bounds a push, is the
 * same in both schemes: the capped step.
 *
 * <p>When the server says how long to wait ({@code Retry-After}, see {@link RetryAfter}), that wait is used
 * instead, without jitter (the server chose it), capped at {@code maxBackoff}, so a server can never hold a push
 * longer than the configuration allows.
 *
 * @param maxAttempts attempts per push, the first included; 1 means no retry
 * @param backoff     the step before the second attempt, positive
 * @param maxBackoff  the cap on any wait, {@code Retry-After} included; not shorter than {@code backoff}
 */
public record PushRetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff) {

    /** The relative key of the attempts per push: {@code symphra.exporter.<name>.max-attempts}. */
    public static final String MAX_ATTEMPTS_KEY = "max-attempts";
    /** The relative key of the first wait: {@code symphra.exporter.<name>.backoff}. */
    public static final String BACKOFF_KEY = "backoff";
    /** The relative key of the cap on any wait: {@code symphra.exporter.<name>.max-backoff}. */
    public static final String MAX_BACKOFF_KEY = "max-backoff";

    /** Attempts per push unless configured: the first and two retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The first wait unless configured. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** The cap on any wait unless configured. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** The most attempts a configuration may ask for. */
    public static final int MAX_ATTEMPTS_LIMIT = 100;

    /** Checks the values; the exceptions are for code that builds a policy by hand ({@link #from} names keys). */
    public PushRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (backoff.isNegative() || backoff.isZero()) {
            throw new IllegalArgumentException("backoff must be positive, got " + backoff);
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than backoff (" + backoff + ")");
        }
    }

    /** The defaults: {@value #DEFAULT_MAX_ATTEMPTS} attempts, 1 s first wait, 30 s cap. */
    public static PushRetryPolicy defaults() {
        return new PushRetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /**
     * Reads the unified keys {@code max-attempts} (1 to {@value #MAX_ATTEMPTS_LIMIT}), {@code backoff} and
     * {@code max-backoff} of one exporter, each defaulting as {@link #defaults()}.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming the key: a value that does not parse or is out
     *     of range, or a {@code max-backoff} shorter than the {@code backoff}
     */
    public static PushRetryPolicy from(ExporterConfig config) {
        int maxAttempts = config.integer(MAX_ATTEMPTS_KEY, DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS_LIMIT);
        Duration backoff = config.duration(BACKOFF_KEY, DEFAULT_BACKOFF);
        Optional<Duration> maxBackoff = config.duration(MAX_BACKOFF_KEY);
        if (maxBackoff.isPresent() && maxBackoff.get().compareTo(backoff) < 0) {
            throw config.invalid(
                    MAX_BACKOFF_KEY, "must not be shorter than " + config.key(BACKOFF_KEY) + " (" + backoff + ")");
        }
        // An unset cap follows a long backoff up rather than failing on a value the user never wrote.
        Duration cap = maxBackoff.orElse(DEFAULT_MAX_BACKOFF.compareTo(backoff) < 0 ? backoff : DEFAULT_MAX_BACKOFF);
        return new PushRetryPolicy(maxAttempts, backoff, cap);
    }

    /** The exponential step before attempt {@code attempt} (2 or more): {@code backoff × 2^(attempt-2)}, capped. */
    public Duration step(int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("attempt " + attempt + " has no wait before it");
        }
        Duration step = backoff;
        for (int i = 2; i < attempt && step.compareTo(maxBackoff) < 0; i++) {
            step = step.multipliedBy(2);
        }
        return step.compareTo(maxBackoff) > 0 ? maxBackoff : step;
    }

    /**
     * The wait before attempt {@code attempt} (2 or more): the server's {@code retryAfter} capped at
     * {@code maxBackoff} when there is one, else between half the {@link #step} and the whole step, at random.
     */
    public Duration waitBefore(int attempt, Optional<Duration> retryAfter) {
        return waitBefore(attempt, retryAfter, ThreadLocalRandom.current());
    }

    /** As {@link #waitBefore(int, Optional)}, drawing the jitter from {@code random}. */
    public Duration waitBefore(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
        }
        long stepNanos = saturatedNanos(step(attempt));
        long half = stepNanos / 2;
        return Duration.ofNanos(half + random.nextLong(stepNanos - half + 1));
    }

    /**
     * The longest one push can take when each attempt is bounded by {@code timeout}: every attempt timing out, with
     * the longest wait between them.
     */
    public Duration longestPush(Duration timeout) {
        return timeout.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
