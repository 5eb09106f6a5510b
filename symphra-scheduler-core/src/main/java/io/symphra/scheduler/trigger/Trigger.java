package io.symphra.scheduler.trigger;

import io.symphra.scheduler.internal.EpochNanos;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Decides a task's fire times. Implementations are immutable and thread-safe; build them with {@link Triggers}.
 */
public sealed interface Trigger permits IntervalTrigger, FixedDelayTrigger, CronTrigger, OnceTrigger {

    /** The first fire time at or after {@code now}, or empty if the trigger never fires. */
    Optional<Instant> first(Instant now, ZoneId zone);

    /**
     * The fire time after a run that was planned for {@code planned}. {@code now} is the current time: at dispatch
     * for most triggers, at the end of the run for a {@link #fromCompletion() fixed delay}. The result is always
     * after {@code now}, so a task that fell behind fires once and then continues on its schedule, with no burst of
     * catch-up runs.
     */
    Optional<Instant> next(Instant planned, Instant now, ZoneId zone);

    /**
     * {@link #next} in nanoseconds since the epoch (see {@link EpochNanos}), or {@link EpochNanos#NONE} if the
     * trigger fires no more. The scheduler plans periodic fires with it: interval and fixed-delay triggers answer
     * without allocating.
     */
    default long nextEpochNanos(long plannedNanos, long nowNanos, ZoneId zone) {
        return next(EpochNanos.toInstant(plannedNanos), EpochNanos.toInstant(nowNanos), zone)
                .map(EpochNanos::of)
                .orElse(EpochNanos.NONE);
    }

    /** True when the next fire is planned from the end of the previous run rather than from its start. */
    default boolean fromCompletion() {
        return false;
    }
}
