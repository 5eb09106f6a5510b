package io.symphra.scheduler;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.cluster.CoordinationContext;
import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.cluster.FireCoordinator;
import io.symphra.scheduler.cluster.WhenCoordinatorUnavailable;

/**
 * Cluster mode's part of the engine: asks the coordinator whether this instance runs a fire, tells it how an owned
 * run ended, and gives it what it needs to hand this instance the fires of an instance that went away.
 */
final class ClusterRuns {

    private final TaskEngine engine;
    private final FireCoordinator coordinator;
    private final String instance;
    private final ThrottledLog failures = ThrottledLog.every(TaskEngine.LOG, TaskFailureLog.INTERVAL);

    ClusterRuns(TaskEngine engine, FireCoordinator coordinator, String instance) {
        this.engine = engine;
        this.coordinator = coordinator;
        this.instance = instance;
    }

    /** Before anything fires: a coordinator that cannot start (bad settings, no database) fails the start. */
    void start() {
        coordinator.start(new Context());
    }

    void close() {
        try {
            coordinator.close();
        } catch (RuntimeException e) {
            TaskEngine.LOG.warn("Closing the coordinator failed", e);
        }
    }

    /**
     * Whether this instance runs {@code run}'s fire, asked on the thread that would run it. When it does not
     * (another instance claimed it, or the coordinator could not decide and the task chose to skip), reports that
     * and ends the fire.
     */
    boolean claim(TaskRun run) {
        RegisteredTask t = run.task();
        long asked = System.nanoTime();
        FireClaim claim;
        try {
            claim = coordinator.claim(t.name(), run.plannedNanos());
        } catch (Exception | LinkageError e) {
            boolean here = t.task.whenCoordinatorUnavailable() == WhenCoordinatorUnavailable.RUN_HERE;
            failures.warn(
                    "The coordinator could not decide who runs task '" + t.name() + "'; "
                            + (here ? "running its fires here" : "skipping its fires") + " until it can",
                    e);
            t.reporter.coordinatorUnavailable(run.plannedNanos(), e, here, System.nanoTime() - asked);
            if (!here) {
                engine.notRun(run);
            }
            return here;
        }
        if (claim.owned()) {
            t.reporter.claimed(System.nanoTime() - asked);
            run.claimedAs(claim);
            return true;
        }
        t.reporter.ranElsewhere(run.plannedNanos(), System.nanoTime() - asked);
        engine.notRun(run);
        return false;
    }

    /** An owned fire's run ended: tells the coordinator, which must not break the run's end by throwing. */
    void ended(FireClaim claim, ExecutionOutcome outcome) {
        try {
            claim.ended(outcome);
        } catch (RuntimeException e) {
            failures.warn("The coordinator failed to record the end of a run", e);
        }
    }

    private final class Context implements CoordinationContext {
        @Override
        public String instance() {
            return instance;
        }

        @Override
        public boolean canTakeOver(String taskName) {
            RegisteredTask t = engine.registered(taskName);
            return !engine.isStopping() && (t == null || !t.task.recoverAbandoned() || t.hasFreeSlot());
        }

        @Override
        public void abandoned(String taskName, long plannedEpochNanos, String formerOwner, FireClaim claim) {
            RegisteredTask t = engine.registered(taskName);
            if (t != null) {
                t.reporter.abandoned(plannedEpochNanos, formerOwner);
            }
            if (t == null || !t.task.recoverAbandoned() || !engine.runAbandoned(t, plannedEpochNanos, claim)) {
                ended(claim, ExecutionOutcome.NONE);
            }
        }
    }
}
