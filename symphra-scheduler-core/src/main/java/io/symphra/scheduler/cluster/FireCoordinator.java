package io.symphra.scheduler.cluster;

/**
 * Decides, for each fire, which of the scheduler instances that share it runs the fire, so that replicas run each
 * fire once (cluster mode; {@code symphra-cluster-jdbc} implements it over PostgreSQL or MariaDB). A fire is named
 * by its task and its planned time, so every instance must plan the same times: cron and once triggers do by
 * nature.
 *
 * <p>The scheduler asks on the thread that would run the fire (a worker), never on its timer, so a slow
 * coordinator delays only the fires it must decide; {@link #claim} should bound its own wait. A scheduler without a
 * coordinator runs every fire where it was planned, at no cost.
 *
 * <p>Implementations are thread-safe: claims of many fires may be made at once.
 */
public interface FireCoordinator extends AutoCloseable {

    /**
     * Called once as the scheduler starts, before any claim: {@code context} names this instance and takes the
     * fires whose owner died.
     */
    default void start(CoordinationContext context) {}

    /**
     * Claims the fire of {@code taskName} planned at {@code plannedEpochNanos} (nanoseconds since the epoch) for this
     * instance.
     *
     * @return the claim; {@link FireClaim#owned()} is false when another instance has claimed the fire
     * @throws Exception when it cannot decide (the database is unreachable, its own timeout passed): the fire then
     *     follows the task's {@link io.symphra.scheduler.Task#whenCoordinatorUnavailable()} choice
     */
    FireClaim claim(String taskName, long plannedEpochNanos) throws Exception;

    /** The scheduler has stopped: releases what the coordinator holds (threads, connections). */
    @Override
    default void close() {}
}
