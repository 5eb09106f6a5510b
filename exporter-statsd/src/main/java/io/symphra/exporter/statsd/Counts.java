package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.SnapshotDelta;

/**
 * The counters of one task that StatsD receives as deltas.
 *
 * @param durationNanos the sum of execution durations
 */
record Counts(
        long executions, long successes, long failures, long timeouts, long skipped, long retries, long durationNanos) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    static Counts of(SnapshotDelta.TaskDelta task) {
        return new Counts(
                task.executions(),
                task.successes(),
                task.failures(),
                task.timeouts(),
                task.skipped(),
                task.retries(),
                task.totalDurationNanos());
    }

    Counts plus(Counts other) {
        return new Counts(
                executions + other.executions,
                successes + other.successes,
                failures + other.failures,
                timeouts + other.timeouts,
                skipped + other.skipped,
                retries + other.retries,
                durationNanos + other.durationNanos);
    }
}
