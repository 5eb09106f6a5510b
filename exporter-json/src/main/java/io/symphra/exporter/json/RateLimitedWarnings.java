package io.symphra.exporter.json;

import io.symphra.metrics.spi.WarningThrottle;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs at most {@code perWindow} warnings per window of time and counts the rest, so that a backend that fails on
 * every push cannot flood the log. The first warning after a quiet spell says how many were held back.
 */
final class RateLimitedWarnings {

    static final int DEFAULT_PER_WINDOW = 3;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Logger logger;
    private final WarningThrottle throttle;

    RateLimitedWarnings(Logger logger, Clock clock, Duration window, int perWindow) {
        this.logger = logger;
        this.throttle = WarningThrottle.timedBy(clock, window, perWindow);
    }

    RateLimitedWarnings(Logger logger, Clock clock) {
        this(logger, clock, DEFAULT_WINDOW, DEFAULT_PER_WINDOW);
    }

    /** Logs the message at WARN unless this window's quota is spent; then only counts it. */
    void warn(String message) {
        long heldBack = throttle.admit();
        if (heldBack > 0) {
            logger.warn("{} ({} similar warning(s) suppressed before this one)", message, heldBack);
        } else if (heldBack == 0) {
            logger.warn("{}", message);
        }
    }

    /** How many warnings were held back since this instance was made. */
    long suppressedTotal() {
        return throttle.heldBackTotal();
    }
}
