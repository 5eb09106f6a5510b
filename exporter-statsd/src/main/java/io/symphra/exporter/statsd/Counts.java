package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.SnapshotDelta;

/**
 * The counters of one task that StatsD receives as deltas.
 *
 * @param durationNanos the sum of execution durations
 * @param missedFires   planned fires never run
 * @param cluster       cluster mode's counters (its maximum is a gauge: the later snapshot's)
 */
record Counts(
        long executions,
        long successes,
        long failures,
        long timeouts,
        long skipped,
        long retries,
        long durationNanos,
        long missedFires,
        ClusterClaims cluster) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, ClusterClaims.NONE);

    static Counts of(SnapshotDelta.TaskDelta task) {
        return new Counts(
                task.executions(),
                task.successes(),
                task.failures(),
                task.timeouts(),
                task.skipped(),
                task.retries(),
                task.totalDurationNanos(),
                task.missedFires(),
                task.cluster());
    }

    Counts plus(Counts other) {
        return new Counts(
                executions + other.executions,
                successes + other.successes,
                failures + other.failures,
                timeouts + other.timeouts,
                skipped + other.skipped,
                retries + other.retries,
                durationNanos + other.durationNanos,
                missedFires + other.missedFires,
                // Summed over tasks only for the global counters, which carry no cluster lines.
                ClusterClaims.NONE);
    }
}
