package io.symphra.scheduler.trigger;

import io.symphra.scheduler.cron.CronExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires at the times a cron expression names, in the task's zone, or in {@code zone} when it is set.
 *
 * @param expression the parsed expression
 * @param zone       the zone to read the expression in, or {@code null} for the task's (the scheduler's default)
 */
public record CronTrigger(CronExpression expression, ZoneId zone) implements Trigger {

    public CronTrigger {
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public Optional<Instant> first(Instant now, ZoneId taskZone) {
        return after(now, taskZone);
    }

    @Override
    public Optional<Instant> next(Instant planned, Instant now, ZoneId taskZone) {
        // From whichever is later, so a late or stalled scheduler does not replay missed fires.
        return after(planned.isAfter(now) ? planned : now, taskZone);
    }

    private Optional<Instant> after(Instant instant, ZoneId taskZone) {
        ZoneId effective = zone != null ? zone : taskZone;
        return expression.next(instant.atZone(effective)).map(t -> t.toInstant());
    }
}
