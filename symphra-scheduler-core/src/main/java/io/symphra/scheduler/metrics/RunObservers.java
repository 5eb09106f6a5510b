package io.symphra.scheduler.metrics;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.spi.RunObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every {@link RunObserver} of a run that ended, in order, so that one that throws neither breaks the run nor
 * silences the others; each observer's failures are logged, throttled, by a log of its own.
 */
final class RunObservers {

    private static final Logger LOG = LoggerFactory.getLogger(RunObservers.class);
    private static final Duration LOG_PERIOD = Duration.ofMinutes(1);

    private final RunObserver[] observers;
    /** One per observer, by index. */
    private final ThrottledLog[] failures;

    private RunObservers(List<RunObserver> observers) {
        this.observers = observers.toArray(new RunObserver[0]);
        this.failures = new ThrottledLog[this.observers.length];
        for (int i = 0; i < failures.length; i++) {
            failures[i] = ThrottledLog.every(LOG, LOG_PERIOD);
        }
    }

    /** The observers, or {@code null} when there is none: then a run costs one null check. */
    static RunObservers of(List<RunObserver> observers) {
        return observers.isEmpty() ? null : new RunObservers(List.copyOf(observers));
    }

    void ended(String taskName, ExecutionOutcome outcome, long durationNanos, Instant periodStart) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].runEnded(taskName, outcome, durationNanos, periodStart);
            } catch (RuntimeException | LinkageError e) {
                failures[i].warn(
                        "Run observer " + observers[i].getClass().getName() + " threw; ignored (logged at most once"
                                + " per " + LOG_PERIOD + ")",
                        e);
            }
        }
    }
}
