package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.TaskStats;

import java.time.Instant;

/**
 * A consistent cut of one {@link TaskCell}'s counters since the last reset, as they stood at one moment between
 * recordings. The bucket array is owned by this reading and never changed.
 *
 * @param executions            completed executions (successes plus failures)
 * @param failures              failed executions, timeouts included
 * @param timeouts              executions that timed out
 * @param totalNanos            sum of execution durations
 * @param minNanos              shortest duration, {@link Long#MAX_VALUE} when none
 * @param maxNanos              longest duration, 0 when none
 * @param buckets               per-bucket execution counts
 * @param starts                runs started (lateness measured)
 * @param runningAtReset        runs that were in progress at the last reset
 * @param latenessTotalNanos    sum of start delays
 * @param latenessMaxNanos      largest start delay
 * @param latenessLastNanos     most recent start delay
 * @param skipped               skipped fires
 * @param retries               retried attempts
 * @param lastSuccessEpochNanos end of the last success in nanoseconds since the epoch, or {@link TaskCell#NO_TIME}
 * @param lastFailureEpochNanos end of the last failure in nanoseconds since the epoch, or {@link TaskCell#NO_TIME}
 * @param lastOutcome           ordinal of the most recent {@link ExecutionOutcome}
 */
record CellReading(long executions, long failures, long timeouts, long totalNanos, long minNanos, long maxNanos,
                   long[] buckets, long starts, long runningAtReset, long latenessTotalNanos, long latenessMaxNanos,
                   long latenessLastNanos, long skipped, long retries, long lastSuccessEpochNanos,
                   long lastFailureEpochNanos, int lastOutcome) {

    private static final ExecutionOutcome[] OUTCOMES = ExecutionOutcome.values();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Runs in progress. Never negative: a run whose start was lost (its task was dropped at a reset while it ran,
     * or the caller reported an end without a start) would otherwise push it below zero.
     */
    long running() {
        return Math.max(0, starts - executions + runningAtReset);
    }

    /**
     * The reading as snapshot statistics. Extremes and "last" values are only reported when something was counted
     * since the reset, which hides values left over from before it.
     */
    TaskStats toStats(String name, BucketBounds bounds) {
        long successes = executions - failures;
        DurationHistogram histogram = DurationHistogram.wrap(bounds.secondsShared(), buckets, totalNanos / 1e9);
        Lateness lateness = starts == 0 ? Lateness.NONE
                : new Lateness(starts, latenessTotalNanos, latenessMaxNanos, latenessLastNanos);
        ExecutionOutcome outcome = executions + skipped == 0 ? ExecutionOutcome.NONE : OUTCOMES[lastOutcome];
        return new TaskStats(name, successes, failures, timeouts, skipped, retries, running(), totalNanos,
                executions == 0 ? 0 : minNanos,
                executions == 0 ? 0 : maxNanos,
                successes == 0 ? null : toInstant(lastSuccessEpochNanos),
                failures == 0 ? null : toInstant(lastFailureEpochNanos),
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
