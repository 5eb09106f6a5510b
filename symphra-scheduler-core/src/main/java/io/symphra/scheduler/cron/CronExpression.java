package io.symphra.scheduler.cron;

import java.time.ZonedDateTime;
import java.util.Optional;

/** Placeholder until the cron engine lands; replaced by the cron branch. */
public final class CronExpression {
    private final String text;
    private CronExpression(String text) { this.text = text; }
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression must not be blank");
        }
        return new CronExpression(expression);
    }
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        return Optional.of(after.plusMinutes(1).withSecond(0).withNano(0));
    }
    @Override public String toString() { return text; }
}
