package io.symphra.metrics.snapshot;

import java.util.Objects;

/**
 * The scheduler itself at the snapshot's instant: what it is, and how loaded its workers are.
 *
 * @param version      the scheduler's version, as its jar says; {@code "unknown"} when it cannot tell
 * @param busyWorkers  runs whose action is executing on a thread now
 * @param waitingFires fires that are due but have not started: due in the queue with no free worker to take them,
 *                     or handed to the worker executor and not yet begun
 * @param clustered    whether a cluster coordinator decides which instance runs each fire; without one every
 *                     task's {@link ClusterClaims} stay {@link ClusterClaims#NONE}, and exporters leave the cluster
 *                     families out rather than write series that can only ever be 0
 */
public record SchedulerState(String version, long busyWorkers, long waitingFires, boolean clustered) {

    /** The version written when none is known. */
    public static final String UNKNOWN_VERSION = "unknown";

    /** An unknown version, no work, no coordinator. */
    public static final SchedulerState NONE = new SchedulerState(UNKNOWN_VERSION, 0, 0, false);

    public SchedulerState {
        Objects.requireNonNull(version, "version");
        if (busyWorkers < 0 || waitingFires < 0) {
            throw new IllegalArgumentException(
                    "worker gauges must not be negative: busy=" + busyWorkers + ", waiting=" + waitingFires);
        }
    }
}
