package io.symphra.metrics.snapshot;

import java.time.Instant;

/**
 * The signals that tell whether a task runs when it should: when it fires next, how many of its planned fires were
 * never run, and how long its oldest run in progress has been going.
 *
 * @param nextFire          the next planned fire time, or {@code null} when none is planned (a finished one-shot, a
 *                          paused or unregistered task, a stopped scheduler)
 * @param missedFires       planned fire times that were never run because the scheduler does not catch up (the
 *                          process or the clock stalled, every worker was busy, a run outlasted its period); a
 *                          counter, apart from {@link TaskStats#skipped() skipped} overlaps
 * @param oldestRunAgeNanos how long the oldest run in progress has been going, in nanoseconds; 0 when none runs
 */
public record ScheduleSignals(Instant nextFire, long missedFires, long oldestRunAgeNanos) {

    /** Nothing planned, nothing missed, nothing running. */
    public static final ScheduleSignals NONE = new ScheduleSignals(null, 0, 0);

    public ScheduleSignals {
        if (missedFires < 0 || oldestRunAgeNanos < 0) {
            throw new IllegalArgumentException("schedule signals must not be negative: missedFires=" + missedFires
                    + ", oldestRunAgeNanos=" + oldestRunAgeNanos);
        }
    }

    /** {@link #oldestRunAgeNanos()} in seconds. */
    public double oldestRunAgeSeconds() {
        return oldestRunAgeNanos / 1e9;
    }
}
