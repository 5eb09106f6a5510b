package io.symphra.scheduler.trigger;

import io.symphra.metrics.config.DurationLimit;
import io.symphra.scheduler.internal.EpochNanos;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires at a fixed rate: {@code initialDelay} after the scheduler (or the task) starts, then every {@code period},
 * on a fixed grid. A fire that comes late does not shift the grid; fires missed during a pause or a stall are not
 * made up: the task runs once and continues at the next grid point after the current time.
 *
 * @param period       time between fires, positive, at most {@link DurationLimit#MAX}
 * @param initialDelay time before the first fire, zero or positive, at most {@link DurationLimit#MAX}
 */
public record IntervalTrigger(Duration period, Duration initialDelay) implements Trigger {

    public IntervalTrigger {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(initialDelay, "initialDelay");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, got " + period);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initial delay must not be negative, got " + initialDelay);
        }
        DurationLimit.check("interval", period);
        DurationLimit.check("initial delay", initialDelay);
    }

    @Override
    public Optional<Instant> first(Instant now, ZoneId zone) {
        return Optional.of(now.plus(initialDelay));
    }

    @Override
    public Optional<Instant> next(Instant planned, Instant now, ZoneId zone) {
        return Optional.of(EpochNanos.toInstant(nextEpochNanos(EpochNanos.of(planned), EpochNanos.of(now), zone)));
    }

    @Override
    public long nextEpochNanos(long plannedNanos, long nowNanos, ZoneId zone) {
        // Behind schedule, it jumps to the first grid point after now instead of replaying every missed one.
        return EpochNanos.nextOnGrid(plannedNanos, nowNanos, period.toNanos());
    }
}
