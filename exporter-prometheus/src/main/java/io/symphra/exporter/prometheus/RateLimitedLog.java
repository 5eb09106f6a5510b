package io.symphra.exporter.prometheus;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a warning at most once per interval and counts the ones it held back, so that a client hammering the
 * endpoint with bad requests cannot flood the log.
 */
final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger logger, long interval, TimeUnit unit) {
        this.logger = logger;
        this.intervalNanos = unit.toNanos(interval);
    }

    void warn(String message, Throwable cause) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            long held = suppressed.getAndSet(0);
            String suffix = held == 0 ? "" : " (" + held + " similar warnings suppressed)";
            logger.warn(message + suffix, cause);
        } else {
            suppressed.incrementAndGet();
            logger.debug(message, cause);
        }
    }
}
