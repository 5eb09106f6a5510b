package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.TaskStats;

import java.time.Instant;

/**
 * A consistent cut of one {@link TaskCell}'s cumulative counters, as they stood at one moment between
 * recordings. Counters only ever grow in a cell, so the statistics since a reset are a current reading minus the
 * reading taken at the reset (the baseline). The bucket array is owned by this reading and never changed.
 *
 * @param executions         completed executions (successes plus failures)
 * @param failures           failed executions, timeouts included
 * @param timeouts           executions that timed out
 * @param totalNanos         sum of execution durations
 * @param minNanos           shortest duration since the last reset, {@link Long#MAX_VALUE} when none
 * @param maxNanos           longest duration since the last reset, 0 when none
 * @param buckets            per-bucket execution counts
 * @param starts             runs started (lateness measured)
 * @param latenessTotalNanos sum of start delays
 * @param latenessMaxNanos   largest start delay since the last reset
 * @param latenessLastNanos  most recent start delay
 * @param skipped            skipped fires
 * @param retries            retried attempts
 * @param lastSuccessEpochNanos end of the last success in nanoseconds since the epoch, or {@link TaskCell#NO_TIME}
 * @param lastFailureEpochNanos end of the last failure in nanoseconds since the epoch, or {@link TaskCell#NO_TIME}
 * @param lastOutcome        ordinal of the most recent {@link ExecutionOutcome}
 */
record CellReading(long executions, long failures, long timeouts, long totalNanos, long minNanos, long maxNanos,
                   long[] buckets, long starts, long latenessTotalNanos, long latenessMaxNanos,
                   long latenessLastNanos, long skipped, long retries, long lastSuccessEpochNanos,
                   long lastFailureEpochNanos, int lastOutcome) {

    private static final ExecutionOutcome[] OUTCOMES = ExecutionOutcome.values();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * The statistics accumulated between {@code baseline} (or the cell's creation when {@code null}) and this
     * reading. Extremes and "last" values are only reported when something was counted since the baseline,
     * which hides values left over from before a reset.
     */
    TaskStats since(String name, CellReading baseline, BucketBounds bounds) {
        long executionsSince = executions - (baseline == null ? 0 : baseline.executions);
        long failuresSince = failures - (baseline == null ? 0 : baseline.failures);
        long timeoutsSince = timeouts - (baseline == null ? 0 : baseline.timeouts);
        long totalSince = totalNanos - (baseline == null ? 0 : baseline.totalNanos);
        long skippedSince = skipped - (baseline == null ? 0 : baseline.skipped);
        long retriesSince = retries - (baseline == null ? 0 : baseline.retries);
        long startsSince = starts - (baseline == null ? 0 : baseline.starts);
        long successesSince = executionsSince - failuresSince;

        long[] bucketsSince = buckets.clone();
        if (baseline != null) {
            for (int i = 0; i < bucketsSince.length; i++) {
                bucketsSince[i] -= baseline.buckets[i];
            }
        }
        DurationHistogram histogram = DurationHistogram.wrap(bounds.secondsShared(), bucketsSince,
                totalSince / 1e9);

        Lateness lateness = startsSince == 0 ? Lateness.NONE
                : new Lateness(startsSince, latenessTotalNanos - (baseline == null ? 0 : baseline.latenessTotalNanos),
                latenessMaxNanos, latenessLastNanos);

        // Both counts are cumulative and never reset, so this gauge survives a reset; a run whose start was lost
        // (its task's cell was dropped at a reset while it ran) could make it negative.
        long running = Math.max(0, starts - executions);

        ExecutionOutcome outcome = executionsSince + skippedSince == 0 ? ExecutionOutcome.NONE
                : OUTCOMES[lastOutcome];

        return new TaskStats(name, successesSince, failuresSince, timeoutsSince, skippedSince, retriesSince, running,
                totalSince,
                executionsSince == 0 ? 0 : minNanos,
                executionsSince == 0 ? 0 : maxNanos,
                successesSince == 0 ? null : toInstant(lastSuccessEpochNanos),
                failuresSince == 0 ? null : toInstant(lastFailureEpochNanos),
                outcome, histogram, lateness);
    }

    private static Instant toInstant(long epochNanos) {
        if (epochNanos == TaskCell.NO_TIME) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }
}
