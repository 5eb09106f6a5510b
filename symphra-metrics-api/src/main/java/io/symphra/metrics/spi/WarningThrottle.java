package io.symphra.metrics.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides whether a recurring warning may be logged now, so that a backend that stays down costs a few log lines
 * instead of one per push or per packet. It lets at most {@code perWindow} warnings through in each window and
 * counts the ones it holds back; the caller logs, with its own logger and wording. Thread-safe.
 *
 * <pre>{@code
 * private final WarningThrottle sendFailures = WarningThrottle.oncePer(Duration.ofMinutes(1));
 * ...
 * long heldBack = sendFailures.admit();
 * if (heldBack >= 0) {
 *     LOG.warn("send failed ({} similar warnings held back): {}", heldBack, error.toString());
 * }
 * }</pre>
 */
public final class WarningThrottle {

    private final long windowNanos;
    private final int perWindow;
    private final LongSupplier nanoTime;
    private boolean started;
    private long windowStart;
    private int admittedInWindow;
    private long heldBack;
    private long heldBackTotal;

    /**
     * @param window    length of a window, positive
     * @param perWindow warnings let through per window, at least 1
     * @param nanoTime  a monotonic time source in nanoseconds (tests pass their own)
     */
    public WarningThrottle(Duration window, int perWindow, LongSupplier nanoTime) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (perWindow < 1) {
            throw new IllegalArgumentException("perWindow must be at least 1, got " + perWindow);
        }
        this.windowNanos = window.toNanos();
        this.perWindow = perWindow;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** One warning per {@code window}, timed by {@link System#nanoTime()}. */
    public static WarningThrottle oncePer(Duration window) {
        return new WarningThrottle(window, 1, System::nanoTime);
    }

    /** {@code perWindow} warnings per {@code window}, timed by a clock (tests drive it). */
    public static WarningThrottle timedBy(Clock clock, Duration window, int perWindow) {
        Objects.requireNonNull(clock, "clock");
        return new WarningThrottle(window, perWindow, () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    /**
     * Asks to log one warning.
     *
     * @return {@code -1} when the warning must be held back; otherwise how many were held back since the last
     *         one let through (0 for none)
     */
    public synchronized long admit() {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= windowNanos) {
            started = true;
            windowStart = now;
            admittedInWindow = 0;
        }
        if (admittedInWindow >= perWindow) {
            heldBack++;
            heldBackTotal++;
            return -1;
        }
        admittedInWindow++;
        long held = heldBack;
        heldBack = 0;
        return held;
    }

    /** Warnings held back since this throttle was made. */
    public synchronized long heldBackTotal() {
        return heldBackTotal;
    }
}
