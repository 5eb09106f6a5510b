package io.symphra.scheduler;

import io.symphra.metrics.spi.WarningThrottle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs the exceptions of one task listener without flooding: the first with its stack trace, then at most one line
 * per period with the latest exception and how many went unlogged. A listener that throws on every event would
 * otherwise log a stack trace for every fire of every task.
 */
final class ListenerFailureLog {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Logger log;
    private final String listener;
    private final AtomicBoolean traced = new AtomicBoolean();
    private final WarningThrottle repeats = WarningThrottle.oncePer(PERIOD);

    ListenerFailureLog(Logger log, TaskListener listener) {
        this.log = log;
        this.listener = listener.getClass().getName();
    }

    void failed(Throwable error) {
        if (traced.compareAndSet(false, true)) {
            // Opens the throttle's window: the next line comes a period later at the earliest.
            repeats.admit();
            log.warn(
                    "Task listener {} threw; ignored. Its further failures are logged at most once per {}, without"
                            + " a stack trace",
                    listener,
                    PERIOD,
                    error);
            return;
        }
        long heldBack = repeats.admit();
        if (heldBack >= 0) {
            log.warn(
                    "Task listener {} is still throwing ({} more failure(s) since the last report); ignored: {}",
                    listener,
                    heldBack + 1,
                    String.valueOf(error));
        }
    }
}
