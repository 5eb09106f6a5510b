package io.symphra.metrics.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The longest duration Symphra accepts anywhere: in a configuration key, an annotation or a builder method. Every
 * duration the scheduler and its exporters use must fit {@code long} nanoseconds (about 292 years), because timers
 * and deadlines count in nanoseconds; the limit is a round figure below that, so a rejected value is rejected with
 * a number a person can read, at build time, instead of failing with an overflow later.
 */
public final class DurationLimit {

    /** 100,000 days, about 273 years. */
    public static final Duration MAX = Duration.ofDays(100_000);

    /** The limit as written in configuration and messages. */
    public static final String MAX_TEXT = "100000d (about 273 years)";

    private DurationLimit() {}

    /** Whether {@code value} is at most {@link #MAX}. */
    public static boolean allows(Duration value) {
        return value.compareTo(MAX) <= 0;
    }

    /**
     * Returns {@code value} if it is at most {@link #MAX}.
     *
     * @param what names the setting in the message, such as {@code "shutdownTimeout"}
     * @throws IllegalArgumentException naming {@code what}, the value and the limit
     */
    public static Duration check(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (!allows(value)) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_TEXT + ", got " + value);
        }
        return value;
    }
}
