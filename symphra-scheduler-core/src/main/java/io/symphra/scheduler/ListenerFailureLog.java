package io.symphra.scheduler;

import io.symphra.exporter.support.ThrottledLog;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs the exceptions of one task listener without flooding (see {@link ThrottledLog}): the first with its stack
 * trace, then at most one line per period with the latest exception and how many went unlogged. A listener that
 * throws on every event would otherwise log a stack trace for every fire of every task.
 */
final class ListenerFailureLog {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final String message;
    private final ThrottledLog log;

    ListenerFailureLog(Logger log, TaskListener listener) {
        this.message = "Task listener " + listener.getClass().getName() + " threw; ignored (logged at most once per "
                + PERIOD + ")";
        this.log = ThrottledLog.every(log, PERIOD);
    }

    void failed(Throwable error) {
        log.warn(message, error);
    }
}
