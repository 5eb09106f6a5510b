package io.symphra.exporter.influx;

import io.symphra.metrics.spi.WarningThrottle;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * One kind of warning, logged at most once per window; the occurrences in between are counted and reported with
 * the next message that gets through, so a server that stays down does not flood the log.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final Duration window;
    private final WarningThrottle throttle;

    RateLimitedWarning(Logger log, Clock clock, Duration window) {
        this.log = log;
        this.window = window;
        this.throttle = WarningThrottle.timedBy(clock, window, 1);
    }

    /** Logs {@code message} (already free of secrets) unless one was logged less than a window ago. */
    boolean warn(String message) {
        long heldBack = throttle.admit();
        if (heldBack > 0) {
            log.warn("{} ({} similar warnings suppressed in the last {})", message, heldBack, window);
        } else if (heldBack == 0) {
            log.warn(message);
        }
        return heldBack >= 0;
    }
}
