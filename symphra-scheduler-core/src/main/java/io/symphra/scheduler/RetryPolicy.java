package io.symphra.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Whether and how a failed attempt is retried. The default, {@link #none()}, runs each fire once.
 *
 * <p>An attempt that times out fails with a {@link TimeoutException}, so it is retried when {@code retryOn} covers
 * that type (the default list, {@code Exception}, does).
 *
 * @param maxAttempts attempts per run, at least 1 (1 means no retry)
 * @param backoff     the wait before each retry
 * @param retryOn     the exception types that are retried; other failures end the run at once
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, List<Class<? extends Throwable>> retryOn) {

    private static final RetryPolicy NONE = new RetryPolicy(1, Backoff.fixed(Duration.ZERO), List.of(Exception.class));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        retryOn = List.copyOf(retryOn);
        if (retryOn.isEmpty()) {
            throw new IllegalArgumentException("retryOn must name at least one exception type");
        }
    }

    /** No retry: one attempt per run. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** Up to {@code maxAttempts} attempts with the given backoff, retrying any {@link Exception}. */
    public static RetryPolicy of(int maxAttempts, Backoff backoff) {
        return new RetryPolicy(maxAttempts, backoff, List.of(Exception.class));
    }

    /** The same policy, retrying only the given exception types (and their subtypes). */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array and only reads it, so no foreign element can enter
    public final RetryPolicy retryingOn(Class<? extends Throwable>... types) {
        return new RetryPolicy(maxAttempts, backoff, List.of(types));
    }

    /** Whether a failure of attempt {@code attempt} with {@code error} is retried. */
    public boolean shouldRetry(int attempt, Throwable error) {
        if (attempt >= maxAttempts) {
            return false;
        }
        for (Class<? extends Throwable> type : retryOn) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }
}
