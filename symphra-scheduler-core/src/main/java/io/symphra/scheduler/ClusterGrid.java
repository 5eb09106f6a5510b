package io.symphra.scheduler;

import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.trigger.FixedDelayTrigger;
import io.symphra.scheduler.trigger.IntervalTrigger;
import io.symphra.scheduler.trigger.OnceTrigger;
import io.symphra.scheduler.trigger.Trigger;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How a coordinated scheduler plans first fires, so that instances started at different times plan the same
 * instants: a fire is named by its task and planned instant, and two instances only agree on who runs a fire they
 * both planned. Cron already plans wall-clock instants; a fixed rate is put on the grid through the anchor; a
 * one-shot keeps its instant even once it has passed. Later fires follow from the first (a fixed rate stays on its
 * grid), so only the first fire and a re-plan after a clock step need this.
 */
final class ClusterGrid {

    private final long anchorNanos;

    ClusterGrid(Instant anchor) {
        this.anchorNanos = EpochNanos.of(anchor);
    }

    /** Refuses a task whose fire instants no two instances can share. */
    static void checkCoordinable(Task task) {
        if (task.trigger() instanceof FixedDelayTrigger) {
            throw new IllegalArgumentException("task '" + task.name() + "' has a fixed-delay trigger, which cluster"
                    + " mode cannot coordinate: its fires follow the end of the previous run, which only the instance"
                    + " that ran it knows. Use a fixed rate (Triggers.every, aligned to the cluster's grid) or cron");
        }
    }

    /** The first fire of {@code trigger} planned from {@code from}, or {@link EpochNanos#NONE}. */
    long first(Trigger trigger, Instant from, ZoneId zone) {
        if (trigger instanceof IntervalTrigger interval) {
            long earliest =
                    EpochNanos.plus(EpochNanos.of(from), interval.initialDelay().toNanos());
            return atOrAfter(earliest, interval.period().toNanos());
        }
        if (trigger instanceof OnceTrigger once) {
            // A passed instant still names the fire: planned as "now" it would be a new fire on each instance.
            return EpochNanos.of(once.at());
        }
        return trigger.first(from, zone).map(EpochNanos::of).orElse(EpochNanos.NONE);
    }

    /** The first point at or after {@code nanos} of the grid through the anchor with step {@code periodNanos}. */
    long atOrAfter(long nanos, long periodNanos) {
        long behind = Math.floorMod(anchorNanos - nanos, periodNanos);
        return EpochNanos.plus(nanos, behind);
    }
}
