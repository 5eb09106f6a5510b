package io.symphra.scheduler.cluster;

/** What the scheduler gives its {@link FireCoordinator} as it starts. */
public interface CoordinationContext {

    /** This instance's name, as the coordinator should record it with its claims (see {@code Builder.instance}). */
    String instance();

    /**
     * A fire of {@code taskName} planned at {@code plannedEpochNanos} was claimed by {@code formerOwner}, an instance
     * that stopped renewing its claim before the run ended, and this instance has taken it over (the coordinator
     * makes sure only one does). The scheduler reports it as abandoned and runs it again when the task asks for it
     * ({@link io.symphra.scheduler.Task#recoverAbandoned()}), as an owned fire of {@code claim}. Returns at once.
     */
    void abandoned(String taskName, long plannedEpochNanos, String formerOwner, FireClaim claim);

    /**
     * Whether this instance would deal with an abandoned fire of {@code taskName} now, asked before taking one over:
     * {@code false} while the scheduler shuts down, and while the task asks for recovery but already runs as many
     * runs as its {@code maxInstances} allows, so that another instance (or a later look) takes the fire over and
     * runs it, rather than this one taking it only to let it go. {@code true} for a task this instance does not
     * know: it reports the fire and lets it go.
     */
    boolean canTakeOver(String taskName);
}
