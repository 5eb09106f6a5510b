package io.symphra.scheduler.exporter;

import io.symphra.metrics.spi.WarningThrottle;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs an exporter's failures without flooding: the first failure of a streak with its stack trace, then at most
 * one summary line per period, and one line when the exporter recovers. A backend that flaps (fails, succeeds,
 * fails...) starts a new streak each time, so streak openings are throttled too, and a recovery is logged only
 * when its streak's opening was.
 */
final class FailureLog {

    private final Logger log;
    private final String exporter;
    private final WarningThrottle streakOpenings;
    private final WarningThrottle stillFailing;
    private final WarningThrottle skips;
    private boolean failing;
    private boolean streakLogged;

    FailureLog(Logger log, String exporter, Duration period) {
        this.log = log;
        this.exporter = exporter;
        this.streakOpenings = WarningThrottle.oncePer(period);
        this.stillFailing = WarningThrottle.oncePer(period);
        this.skips = WarningThrottle.oncePer(period);
    }

    synchronized void failure(String what, Throwable error) {
        if (!failing) {
            failing = true;
            long heldBack = streakOpenings.admit();
            streakLogged = heldBack >= 0;
            if (streakLogged) {
                log.warn(
                        "Exporter '{}' {} failed{}; the scheduler goes on and retries at the next push",
                        exporter,
                        what,
                        heldBack > 0 ? " (" + heldBack + " earlier failure streak(s) not logged)" : "",
                        error);
            }
            return;
        }
        long heldBack = stillFailing.admit();
        if (heldBack >= 0) {
            log.warn(
                    "Exporter '{}' is still failing ({} more failure(s) since the last report): {}",
                    exporter,
                    heldBack + 1,
                    String.valueOf(error));
        }
    }

    synchronized void success() {
        if (failing) {
            failing = false;
            if (streakLogged) {
                log.info("Exporter '{}' recovered", exporter);
            }
        }
    }

    void skipped(Duration interval) {
        if (skips.admit() >= 0) {
            log.warn(
                    "Exporter '{}' push skipped: the previous push is still running after its interval of {}",
                    exporter,
                    interval);
        }
    }
}
