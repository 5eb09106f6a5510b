package io.symphra.metrics.snapshot;

import java.util.Collection;

/**
 * The scheduler-wide totals: the sum of every task's counters.
 *
 * @param successes          successful executions
 * @param failures           failed executions, timeouts included
 * @param timeouts           executions cancelled by their timeout
 * @param skipped            fires skipped because of overlap
 * @param retries            failed attempts that were retried
 * @param running            runs in progress
 * @param totalDurationNanos sum of all execution durations
 */
public record Totals(
        long successes,
        long failures,
        long timeouts,
        long skipped,
        long retries,
        long running,
        long totalDurationNanos) {

    /** Nothing counted. */
    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0);

    /** Adds up the counters of the given tasks. */
    public static Totals sumOf(Collection<TaskStats> tasks) {
        Sum sum = new Sum();
        for (TaskStats t : tasks) {
            sum.add(t);
        }
        return sum.totals();
    }

    /** A running sum over tasks, for callers that visit each task once for other reasons too. */
    static final class Sum {
        private long successes, failures, timeouts, skipped, retries, running, duration;

        void add(TaskStats t) {
            successes += t.successes();
            failures += t.failures();
            timeouts += t.timeouts();
            skipped += t.skipped();
            retries += t.retries();
            running += t.running();
            duration += t.totalDurationNanos();
        }

        Totals totals() {
            return new Totals(successes, failures, timeouts, skipped, retries, running, duration);
        }
    }

    /** {@code successes + failures}. */
    public long executions() {
        return successes + failures;
    }

    /** {@code successes / executions}, 0.0 when there was no execution. */
    public double successRate() {
        long executions = executions();
        return executions == 0 ? 0.0 : (double) successes / executions;
    }

    /** Sum of execution durations in seconds. */
    public double totalDurationSeconds() {
        return totalDurationNanos / 1e9;
    }

    /** Mean execution duration in seconds, 0.0 when there was no execution. */
    public double averageDurationSeconds() {
        long executions = executions();
        return executions == 0 ? 0.0 : (double) totalDurationNanos / executions / 1e9;
    }
}
