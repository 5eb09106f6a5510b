package io.symphra.exporter.statsd;

import io.symphra.metrics.spi.WarningThrottle;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs one kind of warning at most once per period and says how many were held back in between, so a daemon
 * that is down for an hour costs a few log lines, not one per packet. Thread-safe.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final WarningThrottle throttle;

    RateLimitedWarning(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.throttle = new WarningThrottle(period, 1, nanoTime);
    }

    /**
     * Logs the message unless one was logged less than a period ago.
     *
     * @return whether it was logged
     */
    boolean warn(String message, Throwable cause) {
        long heldBack = throttle.admit();
        if (heldBack < 0) {
            return false;
        }
        String text =
                heldBack == 0 ? message : message + " (" + heldBack + " similar warnings held back since the last one)";
        log.warn(cause == null ? text : text + ": " + cause);
        return true;
    }
}
