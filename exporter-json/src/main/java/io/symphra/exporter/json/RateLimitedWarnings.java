package io.symphra.exporter.json;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs at most {@code perWindow} warnings per window of time and counts the rest, so that a backend that fails on
 * every push cannot flood the log. The first warning after a quiet spell says how many were held back.
 */
final class RateLimitedWarnings {

    static final int DEFAULT_PER_WINDOW = 3;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Logger logger;
    private final Clock clock;
    private final Duration window;
    private final int perWindow;

    private Instant windowStart;
    private int loggedInWindow;
    private long suppressedInWindow;
    private long suppressedTotal;

    RateLimitedWarnings(Logger logger, Clock clock, Duration window, int perWindow) {
        this.logger = logger;
        this.clock = clock;
        this.window = window;
        this.perWindow = perWindow;
    }

    RateLimitedWarnings(Logger logger, Clock clock) {
        this(logger, clock, DEFAULT_WINDOW, DEFAULT_PER_WINDOW);
    }

    /** Logs the message at WARN unless this window's quota is spent; then only counts it. */
    synchronized void warn(String message) {
        Instant now = clock.instant();
        long carried = 0;
        if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            carried = suppressedInWindow;
            windowStart = now;
            loggedInWindow = 0;
            suppressedInWindow = 0;
        }
        if (loggedInWindow >= perWindow) {
            suppressedInWindow++;
            suppressedTotal++;
            return;
        }
        loggedInWindow++;
        if (carried > 0) {
            logger.warn("{} ({} similar warning(s) suppressed before this one)", message, carried);
        } else {
            logger.warn("{}", message);
        }
    }

    /** How many warnings were held back since this instance was made. */
    synchronized long suppressedTotal() {
        return suppressedTotal;
    }
}
