package io.symphra.exporter.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs one kind of recurring problem (a backend that is down, a client that keeps sending bad requests, a listener
 * that keeps throwing) at WARN without flooding the log, so that an hour-long outage costs a few lines, not one per
 * push or per packet. Thread-safe.
 *
 * <p>What it promises:
 * <ul>
 *   <li>The first line of a condition carries the cause's stack trace; later lines carry the latest message and
 *       the cause's {@code toString()} only.
 *   <li>At most one WARN per {@code interval}. An occurrence held back is counted, not logged, and the next WARN
 *       says how many were held back since the line before it.
 *   <li>{@link #recovered} ends the condition: it logs one INFO line if a WARN of that condition was logged (so a
 *       reader who saw the problem also sees it end), and the next {@link #warn} opens a new condition, with a stack
 *       trace again. A condition that flaps stays within the same one WARN per interval.
 *   <li>Time is read from a monotonic nanosecond source ({@link System#nanoTime()} unless a test passes its own),
 *       never from a wall clock, so a clock stepped backwards cannot silence it.
 * </ul>
 *
 * <pre>{@code
 * private final ThrottledLog sendFailures = ThrottledLog.every(LOG, Duration.ofMinutes(1));
 * ...
 * sendFailures.warn("Cannot send to " + target, e);   // a few lines, whatever the rate
 * ...
 * sendFailures.recovered("Sending to " + target + " works again");
 * }</pre>
 */
public final class ThrottledLog {

    private final Logger logger;
    private final Duration interval;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean loggedAny;
    private long lastLoggedNanos;
    private long heldBack;
    private long heldBackTotal;
    private boolean ongoing;
    private boolean ongoingLogged;

    private ThrottledLog(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
    }

    /** At most one WARN per {@code interval} (positive) on {@code logger}, timed by {@link System#nanoTime()}. */
    public static ThrottledLog every(Logger logger, Duration interval) {
        return new ThrottledLog(logger, interval, System::nanoTime);
    }

    /**
     * As {@link #every(Logger, Duration)}, timed by {@code nanoTime}: a monotonic source of nanoseconds, read as
     * {@link System#nanoTime()} is (only differences count). Tests pass their own to move time by hand.
     */
    public static ThrottledLog every(Logger logger, Duration interval, LongSupplier nanoTime) {
        return new ThrottledLog(logger, interval, nanoTime);
    }

    /** The longest this logs at most one WARN in. */
    public Duration interval() {
        return interval;
    }

    /** As {@link #warn(String, Throwable)} without a cause. */
    public boolean warn(String message) {
        return warn(message, null);
    }

    /**
     * Reports one occurrence: logs {@code message} (already free of secrets) at WARN unless a WARN was logged less
     * than an interval ago, in which case it is only counted.
     *
     * @param cause the exception behind it, or {@code null}
     * @return whether it was logged at WARN
     */
    public boolean warn(String message, Throwable cause) {
        long held;
        boolean withTrace;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (loggedAny && now - lastLoggedNanos < intervalNanos) {
                heldBack++;
                heldBackTotal++;
                ongoing = true;
                held = -1;
                withTrace = false;
            } else {
                withTrace = !ongoingLogged;
                loggedAny = true;
                lastLoggedNanos = now;
                ongoing = true;
                ongoingLogged = true;
                held = heldBack;
                heldBack = 0;
            }
        }
        if (held < 0) {
            return false;
        }
        String text = held == 0 ? message : message + " (" + held + " similar warning(s) held back since the last one)";
        if (cause == null) {
            logger.warn("{}", text);
        } else if (withTrace) {
            logger.warn("{}", text, cause);
        } else {
            logger.warn("{}: {}", text, cause.toString());
        }
        return true;
    }

    /**
     * Ends the current condition: logs {@code message} at INFO if a WARN of it was logged, and makes the next
     * {@link #warn} the first of a new condition. Does nothing while no condition is ongoing.
     *
     * @return whether it was logged
     */
    public boolean recovered(String message) {
        boolean log;
        synchronized (this) {
            log = ongoingLogged;
            ongoing = false;
            ongoingLogged = false;
        }
        if (log) {
            logger.info("{}", message);
        }
        return log;
    }

    /** Whether a condition is ongoing: {@link #warn} was called since the last {@link #recovered}. */
    public synchronized boolean ongoing() {
        return ongoing;
    }

    /** Occurrences held back (not logged) since this was made. */
    public synchronized long heldBackTotal() {
        return heldBackTotal;
    }
}
