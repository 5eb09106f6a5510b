package io.symphra.exporter.statsd;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs one kind of warning at most once per period and says how many were held back in between, so a daemon
 * that is down for an hour costs a few log lines, not one per packet. Thread-safe.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private boolean loggedOnce;
    private long lastLogged;
    private long suppressed;

    RateLimitedWarning(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs the message unless one was logged less than a period ago.
     *
     * @return whether it was logged
     */
    synchronized boolean warn(String message, Throwable cause) {
        long now = nanoTime.getAsLong();
        if (loggedOnce && now - lastLogged < periodNanos) {
            suppressed++;
            return false;
        }
        String text = suppressed == 0 ? message
                : message + " (" + suppressed + " similar warnings held back since the last one)";
        if (cause == null) {
            log.warn(text);
        } else {
            log.warn(text + ": " + cause);
        }
        loggedOnce = true;
        lastLogged = now;
        suppressed = 0;
        return true;
    }
}
