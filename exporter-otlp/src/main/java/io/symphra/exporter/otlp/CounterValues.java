package io.symphra.exporter.otlp;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.TaskStats;
import java.util.Arrays;
import java.util.Optional;

/**
 * The monotonic values of one task: what a delta push subtracts. Gauges are not here: they are always the
 * current values.
 *
 * @param successes          successful executions
 * @param failures           failed executions
 * @param timeouts           timed-out executions
 * @param skipped            skipped fires
 * @param retries            retried attempts
 * @param totalDurationNanos summed execution time
 * @param durations          the duration histogram
 */
record CounterValues(
        long successes,
        long failures,
        long timeouts,
        long skipped,
        long retries,
        long totalDurationNanos,
        DurationHistogram durations) {

    static CounterValues of(TaskStats stats) {
        return new CounterValues(
                stats.successes(),
                stats.failures(),
                stats.timeouts(),
                stats.skipped(),
                stats.retries(),
                stats.totalDurationNanos(),
                stats.durations());
    }

    long executions() {
        return successes + failures;
    }

    /**
     * These values minus {@code earlier}, or empty when that cannot be a delta: a counter went down or the
     * histogram's buckets changed, which only a reset explains.
     */
    Optional<CounterValues> minus(CounterValues earlier) {
        if (!Arrays.equals(durations.upperBoundsSeconds(), earlier.durations.upperBoundsSeconds())) {
            return Optional.empty();
        }
        long[] now = durations.bucketCounts();
        long[] then = earlier.durations.bucketCounts();
        long[] diff = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            diff[i] = now[i] - then[i];
            if (diff[i] < 0) {
                return Optional.empty();
            }
        }
        long[] counters = {
            successes - earlier.successes,
            failures - earlier.failures,
            timeouts - earlier.timeouts,
            skipped - earlier.skipped,
            retries - earlier.retries,
            totalDurationNanos - earlier.totalDurationNanos
        };
        for (long c : counters) {
            if (c < 0) {
                return Optional.empty();
            }
        }
        DurationHistogram delta = DurationHistogram.wrap(
                durations.upperBoundsSeconds(),
                diff,
                Math.max(0.0, durations.sumSeconds() - earlier.durations.sumSeconds()));
        return Optional.of(
                new CounterValues(counters[0], counters[1], counters[2], counters[3], counters[4], counters[5], delta));
    }
}
