package io.symphra.scheduler;

import io.symphra.exporter.support.ThrottledLog;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of one task's failed runs, readable at any failure rate: at most one WARN a minute per task, the
 * next one saying how many were held back (see {@link ThrottledLog}); the stack trace with the task's first failure
 * and at DEBUG after that; the attempt only when the task retries; one INFO line when it succeeds again after a
 * logged failure. A task that never fails costs no more than this object.
 */
final class TaskFailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(TaskFailureLog.class);

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final String taskName;
    private final int maxAttempts;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    /** Made at the first failure. */
    private ThrottledLog lines;

    private boolean tracedOnce;

    /** @param nanoTime a monotonic source of nanoseconds, read as {@link System#nanoTime()} is */
    TaskFailureLog(Task task, LongSupplier nanoTime) {
        this.taskName = task.name();
        this.maxAttempts = task.retry().maxAttempts();
        this.timeout = task.timeout();
        this.nanoTime = nanoTime;
    }

    /** The run's last attempt, {@code attempt}, failed with {@code error}. */
    void failed(int attempt, Throwable error) {
        warn("failed" + attempts(attempt) + ": " + error, error);
    }

    /** The run's last attempt, {@code attempt}, ran out of time. */
    void timedOut(int attempt) {
        warn("timed out after " + timeout + attempts(attempt), null);
    }

    /** A run succeeded: ends a failure streak that was logged. */
    void succeeded() {
        ThrottledLog current;
        synchronized (this) {
            current = lines;
        }
        if (current != null) {
            current.recovered("Task '" + taskName + "' succeeded again");
        }
    }

    private String attempts(int attempt) {
        return maxAttempts > 1 ? " on attempt " + attempt + " of " + maxAttempts : "";
    }

    private void warn(String what, Throwable error) {
        ThrottledLog current;
        boolean trace;
        synchronized (this) {
            if (lines == null) {
                lines = ThrottledLog.every(LOG, INTERVAL, nanoTime);
            }
            current = lines;
            trace = error != null && !tracedOnce;
            tracedOnce |= trace;
        }
        String message = "Task '" + taskName + "' " + what;
        current.warn(message, trace ? error : null);
        if (error != null && !trace) {
            LOG.debug("Task '{}' failure", taskName, error);
        }
    }
}
