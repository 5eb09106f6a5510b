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
}
