package io.symphra.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires once at {@code at}, or as soon as the scheduler runs if that instant has passed.
 *
 * @param at the fire time
 */
public record OnceTrigger(Instant at) implements Trigger {

    public OnceTrigger {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Optional<Instant> first(Instant now, ZoneId zone) {
        return Optional.of(at.isBefore(now) ? now : at);
    }

    @Override
    public Optional<Instant> next(Instant planned, Instant now, ZoneId zone) {
        return Optional.empty();
    }
}
