package io.symphra.scheduler.cluster;

/**
 * What a task's fire does when the coordinator cannot decide who runs it (the database is unreachable or too
 * slow): either way the fire is counted and listeners hear of it.
 */
public enum WhenCoordinatorUnavailable {
    /** The fire is not run here: no run twice, but a run may be missed (the default). */
    SKIP,
    /** The fire runs here without a claim: no run missed, but another instance may run it too. */
    RUN_HERE
}
