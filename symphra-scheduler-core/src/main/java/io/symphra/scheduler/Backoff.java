package io.symphra.scheduler;

import io.symphra.metrics.config.DurationLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retrying a failed attempt. Backoff waits are not part of a run's measured duration.
 * Every wait is at most {@link DurationLimit#MAX}.
 */
public sealed interface Backoff permits Backoff.Fixed, Backoff.Exponential, Backoff.Random {

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    Duration delayBefore(int nextAttempt);

    /** The same wait before every retry. */
    static Fixed fixed(Duration delay) {
        return new Fixed(delay);
    }

    /** {@code min * multiplier^(retry-1)}, capped at {@code max}. */
    static Exponential exponential(Duration min, double multiplier, Duration max) {
        return new Exponential(min, multiplier, max);
    }

    /** A uniformly random wait between {@code min} and {@code max}. */
    static Random random(Duration min, Duration max) {
        return new Random(min, max);
    }

    /**
     * A fixed wait.
     *
     * @param delay zero or positive
     */
    record Fixed(Duration delay) implements Backoff {
        public Fixed {
            requireWait("backoff delay", delay);
        }

        @Override
        public Duration delayBefore(int nextAttempt) {
            return delay;
        }
    }

    /**
     * A growing wait.
     *
     * @param min        the first wait, zero or positive
     * @param multiplier growth per retry, at least 1
     * @param max        the cap, at least {@code min}
     */
    record Exponential(Duration min, double multiplier, Duration max) implements Backoff {
        public Exponential {
            requireWait("backoff min", min);
            requireWait("backoff max", max);
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException(
                        "backoff multiplier must be a finite number >= 1, got " + multiplier);
            }
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff max " + max + " is less than min " + min);
            }
        }

        @Override
        public Duration delayBefore(int nextAttempt) {
            double nanos = min.toNanos() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
            return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
        }
    }

    /**
     * A random wait, uniform between the bounds.
     *
     * @param min the shortest wait, zero or positive
     * @param max the longest wait, at least {@code min}
     */
    record Random(Duration min, Duration max) implements Backoff {
        public Random {
            requireWait("backoff min", min);
            requireWait("backoff max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff max " + max + " is less than min " + min);
            }
        }

        @Override
        public Duration delayBefore(int nextAttempt) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos(span == 0 ? 0 : ThreadLocalRandom.current().nextLong(span + 1));
        }
    }

    private static void requireWait(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        DurationLimit.check(what, value);
    }
}
