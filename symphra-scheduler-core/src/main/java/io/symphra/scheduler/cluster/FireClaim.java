package io.symphra.scheduler.cluster;

import io.symphra.metrics.snapshot.ExecutionOutcome;

/** A coordinator's answer for one fire (see {@link FireCoordinator#claim}). */
public interface FireClaim {

    /** Whether this instance runs the fire; false when another instance claimed it first. */
    boolean owned();

    /**
     * The run of this owned fire ended with {@code outcome} ({@code SUCCESS}, {@code FAILURE} or {@code TIMEOUT}), or
     * {@code NONE} for a fire taken over from a dead instance (see {@link CoordinationContext#abandoned}) that the
     * scheduler does not run again: the coordinator may record it and stop renewing the claim. Called once, on the
     * thread that ended the run, and only for an owned fire; it must not throw.
     */
    void ended(ExecutionOutcome outcome);
}
