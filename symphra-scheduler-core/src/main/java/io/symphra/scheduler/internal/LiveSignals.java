package io.symphra.scheduler.internal;

import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.metrics.snapshot.SchedulerState;

/**
 * What a metrics snapshot reads from the running scheduler rather than from the counters: values that are a state
 * of the scheduler at the snapshot's instant, read in O(tasks) when the snapshot is taken, so that a fire records
 * nothing for them. Not API.
 */
public interface LiveSignals {

    /**
     * Fills, for each of {@code sortedNames} (in ascending order), {@code nextFire[i]} with the task's next planned
     * fire and {@code oldestStart[i]} with the start of its oldest run in progress, both in epoch nanoseconds, or
     * {@link EpochNanos#NONE} when there is none (or the task is not registered), and {@code policy[i]} with what
     * its configuration lets happen to its runs ({@link RunPolicy#ANY} when the task is not registered).
     */
    void readTasks(String[] sortedNames, long[] nextFire, long[] oldestStart, RunPolicy[] policy);

    /** The scheduler's version and its workers' load now. */
    SchedulerState scheduler();
}
