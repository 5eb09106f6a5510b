package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.TaskStats;

/**
 * The counters of one task that StatsD receives as deltas.
 *
 * @param durationNanos the sum of execution durations
 */
record Counts(
        long executions, long successes, long failures, long timeouts, long skipped, long retries, long durationNanos) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    static Counts of(TaskStats task) {
        return new Counts(
                task.executions(),
                task.successes(),
                task.failures(),
                task.timeouts(),
                task.skipped(),
                task.retries(),
                task.totalDurationNanos());
    }

    /**
     * What happened since {@code sent}: each field's difference, or the field itself where it went down, since a
     * counter that went down has started again from zero.
     */
    Counts since(Counts sent) {
        return new Counts(
                delta(executions, sent.executions),
                delta(successes, sent.successes),
                delta(failures, sent.failures),
                delta(timeouts, sent.timeouts),
                delta(skipped, sent.skipped),
                delta(retries, sent.retries),
                delta(durationNanos, sent.durationNanos));
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

    private static long delta(long now, long sent) {
        return now >= sent ? now - sent : now;
    }
}
