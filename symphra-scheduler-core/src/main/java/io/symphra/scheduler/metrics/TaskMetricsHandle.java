package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import java.util.Objects;

/**
 * A direct line to one task's metrics, for a scheduler that wants to skip the per-event lookup by task name that
 * the {@link io.symphra.scheduler.TaskListener} methods do. Obtain it once per task with
 * {@link MetricsCollector#handle(String)} and keep it; recording through it has exactly the effect of the
 * matching listener method and is lock-free and allocation-free (what the collector's run observers do aside).
 *
 * <p>A handle stays valid for the life of the collector: if its task is unregistered and then dropped by a
 * reset, the next recording through the handle finds (or creates) the task's current cell by name.
 * Safe for use by many threads at once.
 */
public final class TaskMetricsHandle {

    private final MetricsCollector collector;
    private final String taskName;
    // Any thread may refresh this cache and every value it can hold is usable; volatile so that a cell swapped in
    // by one thread is seen fully constructed by the others.
    private volatile TaskCell cell;

    TaskMetricsHandle(MetricsCollector collector, TaskCell cell) {
        this.collector = collector;
        this.taskName = cell.name;
        this.cell = cell;
    }

    /** The task this handle records for. */
    public String taskName() {
        return taskName;
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onStart}: a run starts, {@code latenessNanos} late. */
    public void recordStart(long latenessNanos) {
        cell().recordStart(Math.max(0, latenessNanos));
    }

    /**
     * Same as {@link io.symphra.scheduler.TaskListener#onSuccess}; {@code startEpochNanos} is the run's start by the
     * scheduler's clock, in nanoseconds since the epoch ({@link io.symphra.scheduler.ExecutionEvent#startEpochNanos()}).
     */
    public void recordSuccess(long startEpochNanos, long durationNanos) {
        cell().recordSuccess(durationNanos, collector.endEpochNanos(startEpochNanos, durationNanos));
        collector.ended(taskName, ExecutionOutcome.SUCCESS, durationNanos);
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onFailure}; the start as in {@link #recordSuccess}. */
    public void recordFailure(long startEpochNanos, long durationNanos) {
        cell().recordFailure(durationNanos, collector.endEpochNanos(startEpochNanos, durationNanos), false);
        collector.ended(taskName, ExecutionOutcome.FAILURE, durationNanos);
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onTimeout}: counted as a failure and as a timeout. */
    public void recordTimeout(long startEpochNanos, long durationNanos) {
        cell().recordFailure(durationNanos, collector.endEpochNanos(startEpochNanos, durationNanos), true);
        collector.ended(taskName, ExecutionOutcome.TIMEOUT, durationNanos);
    }

    /**
     * The run just recorded (by {@link #recordSuccess}, {@link #recordFailure} or {@link #recordTimeout}, with the
     * same start and duration) ran under trace {@code traceId}: the duration histogram shows it as its bucket's
     * exemplar, with label {@code trace_id}, until a later traced run of the same bucket or a reset replaces it.
     * Nothing is kept for runs that are not reported here.
     */
    public void recordExemplar(String traceId, long startEpochNanos, long durationNanos) {
        cell().recordExemplar(
                        Objects.requireNonNull(traceId, "traceId"),
                        durationNanos,
                        collector.endEpochNanos(startEpochNanos, durationNanos));
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onSkipped}. */
    public void recordSkipped() {
        cell().recordSkipped();
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onRetry}. */
    public void recordRetry() {
        cell().recordRetry();
    }

    /**
     * {@code count} planned fires of the task were never run because the scheduler does not catch up (a stall, a
     * run longer than the period): counted apart from skipped overlaps.
     */
    public void recordMissed(long count) {
        if (count > 0) {
            cell().recordMissed(count);
        }
    }

    /** Cluster mode: this instance claimed a fire; the call to the coordinator took {@code latencyNanos}. */
    public void recordClaimed(long latencyNanos) {
        cell().claims().claimed(latencyNanos);
    }

    /**
     * Same as {@link io.symphra.scheduler.TaskListener#onRanElsewhere}, with the claim's latency ({@code -1} when it
     * was not timed).
     */
    public void recordRanElsewhere(long latencyNanos) {
        cell().claims().ranElsewhere(latencyNanos);
    }

    /**
     * Same as {@link io.symphra.scheduler.TaskListener#onCoordinatorUnavailable}, with the failed call's latency
     * ({@code -1} when it was not timed).
     */
    public void recordClaimError(boolean ranHere, long latencyNanos) {
        cell().claims().claimError(ranHere, latencyNanos);
    }

    /** Same as {@link io.symphra.scheduler.TaskListener#onAbandoned}. */
    public void recordAbandoned() {
        cell().claims().abandoned();
    }

    private TaskCell cell() {
        TaskCell current = cell;
        if (current.retired) {
            current = collector.cell(taskName);
            cell = current;
        }
        return current;
    }
}
