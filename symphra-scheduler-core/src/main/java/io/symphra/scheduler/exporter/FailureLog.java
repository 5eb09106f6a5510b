package io.symphra.scheduler.exporter;

import io.symphra.metrics.spi.WarningThrottle;
import org.slf4j.Logger;

import java.time.Duration;

/**
 * Logs an exporter's failures without flooding: the first failure of a streak with its stack trace, then at most
 * one summary line per period, and one line when the exporter recovers.
 */
final class FailureLog {

    private final Logger log;
    private final String exporter;
    private final Duration period;
    private WarningThrottle stillFailing;
    private final WarningThrottle skips;
    private boolean failing;

    FailureLog(Logger log, String exporter, Duration period) {
        this.log = log;
        this.exporter = exporter;
        this.period = period;
        this.skips = WarningThrottle.oncePer(period);
    }

    synchronized void failure(String what, Throwable error) {
        if (!failing) {
            failing = true;
            stillFailing = WarningThrottle.oncePer(period);
            stillFailing.admit(); // the first failure of a streak opens the window
            log.warn("Exporter '{}' {} failed; the scheduler goes on and retries at the next push", exporter, what,
                    error);
            return;
        }
        long heldBack = stillFailing.admit();
        if (heldBack >= 0) {
            log.warn("Exporter '{}' is still failing ({} more failure(s) since the last report): {}", exporter,
                    heldBack + 1, String.valueOf(error));
        }
    }

    synchronized void success() {
        if (failing) {
            failing = false;
            log.info("Exporter '{}' recovered", exporter);
        }
    }

    void skipped(Duration interval) {
        if (skips.admit() >= 0) {
            log.warn("Exporter '{}' push skipped: the previous push is still running after its interval of {}",
                    exporter, interval);
        }
    }
}
