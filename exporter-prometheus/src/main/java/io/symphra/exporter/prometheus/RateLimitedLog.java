package io.symphra.exporter.prometheus;

import io.symphra.metrics.spi.WarningThrottle;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval and counts the ones it held back, so that a client hammering the
 * endpoint with bad requests cannot flood the log.
 */
final class RateLimitedLog {

    private final Logger logger;
    private final WarningThrottle throttle;

    RateLimitedLog(Logger logger, long interval, TimeUnit unit) {
        this.logger = logger;
        this.throttle = WarningThrottle.oncePer(java.time.Duration.ofNanos(unit.toNanos(interval)));
    }

    void warn(String message, Throwable cause) {
        long heldBack = throttle.admit();
        if (heldBack < 0) {
            logger.debug(message, cause);
            return;
        }
        String suffix = heldBack == 0 ? "" : " (" + heldBack + " similar warnings suppressed)";
        logger.warn(message + suffix, cause);
    }
}
