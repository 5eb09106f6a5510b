package io.symphra.scheduler.internal.exporter;

import io.symphra.exporter.support.ThrottledLog;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The one place an exporter's failed pushes are logged (the exporter reports them by throwing, and does not log
 * them itself), without flooding (see {@link ThrottledLog}): the first failure of a streak with its stack trace,
 * then at most one line per period with the latest failure and how many went unlogged, and one line when the
 * exporter recovers. Skipped pushes are a condition of their own, throttled apart.
 */
final class FailureLog {

    private final String failed;
    private final String recovered;
    private final String exporter;
    private final ThrottledLog failures;
    private final ThrottledLog skips;

    FailureLog(Logger log, String exporter, Duration period) {
        this.exporter = exporter;
        this.failed = "Exporter '" + exporter + "' push failed; the scheduler goes on and retries at the next push";
        this.recovered = "Exporter '" + exporter + "' recovered";
        this.failures = ThrottledLog.every(log, period);
        this.skips = ThrottledLog.every(log, period);
    }

    void failure(Throwable error) {
        failures.warn(failed, error);
    }

    void success() {
        failures.recovered(recovered);
    }

    void skipped(Duration interval) {
        skips.warn("Exporter '" + exporter + "' push skipped: the previous push is still running after its interval of "
                + interval);
    }
}
