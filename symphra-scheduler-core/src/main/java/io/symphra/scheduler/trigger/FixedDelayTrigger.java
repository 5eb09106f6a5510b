package io.symphra.scheduler.trigger;

import io.symphra.metrics.config.DurationLimit;
import io.symphra.scheduler.internal.EpochNanos;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires {@code delay} after the previous run ended (retries included), so runs never overlap and a slow run pushes
 * the next one back.
 *
 * @param delay        time from the end of one run to the start of the next, positive, at most
 *                     {@link DurationLimit#MAX}
 * @param initialDelay time before the first fire, zero or positive, at most {@link DurationLimit#MAX}
 */
public record FixedDelayTrigger(Duration delay, Duration initialDelay) implements Trigger {

    public FixedDelayTrigger {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(initialDelay, "initialDelay");
        if (delay.isZero() || delay.isNegative()) {
            throw new IllegalArgumentException("fixed delay must be positive, got " + delay);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initial delay must not be negative, got " + initialDelay);
        }
        DurationLimit.check("fixed delay", delay);
        DurationLimit.check("initial delay", initialDelay);
    }

    @Override
    public Optional<Instant> first(Instant now, ZoneId zone) {
        return Optional.of(now.plus(initialDelay));
    }

    @Override
    public Optional<Instant> next(Instant planned, Instant now, ZoneId zone) {
        return Optional.of(now.plus(delay));
    }

    @Override
    public long nextEpochNanos(long plannedNanos, long nowNanos, ZoneId zone) {
        return EpochNanos.plus(nowNanos, delay.toNanos());
    }

    @Override
    public boolean fromCompletion() {
        return true;
    }
}
