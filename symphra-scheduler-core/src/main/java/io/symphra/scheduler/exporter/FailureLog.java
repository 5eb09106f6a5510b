package io.symphra.scheduler.exporter;

import org.slf4j.Logger;

import java.time.Duration;

/**
 * Logs an exporter's failures without flooding: the first failure of a streak with its stack trace, then at most
 * one summary line per period, and one line when the exporter recovers.
 */
final class FailureLog {

    private final Logger log;
    private final String exporter;
    private final long periodNanos;
    private long lastLoggedNanos;
    private long suppressed;
    private boolean failing;

    FailureLog(Logger log, String exporter, Duration period) {
        this.log = log;
        this.exporter = exporter;
        this.periodNanos = period.toNanos();
    }

    synchronized void failure(String what, Throwable error) {
        long now = System.nanoTime();
        if (!failing) {
            failing = true;
            lastLoggedNanos = now;
            suppressed = 0;
            log.warn("Exporter '{}' {} failed; the scheduler goes on and retries at the next push", exporter, what,
                    error);
        } else if (now - lastLoggedNanos >= periodNanos) {
            log.warn("Exporter '{}' is still failing ({} more failure(s) since the last report): {}", exporter,
                    suppressed + 1, String.valueOf(error));
            lastLoggedNanos = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }

    synchronized void success() {
        if (failing) {
            failing = false;
            log.info("Exporter '{}' recovered", exporter);
        }
    }

    synchronized void skipped(Duration interval) {
        long now = System.nanoTime();
        if (now - lastLoggedNanos >= periodNanos) {
            lastLoggedNanos = now;
            log.warn("Exporter '{}' push skipped: the previous push is still running after its interval of {}",
                    exporter, interval);
        }
    }
}
