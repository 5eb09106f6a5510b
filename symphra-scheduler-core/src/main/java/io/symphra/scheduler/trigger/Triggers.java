package io.symphra.scheduler.trigger;

import io.symphra.scheduler.cron.CronExpression;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Builds triggers. Every method validates its arguments and throws {@link IllegalArgumentException} naming the
 * bad value.
 *
 * <pre>{@code
 * Triggers.every(Duration.ofSeconds(30))      // fixed rate
 * Triggers.fixedDelay(Duration.ofSeconds(5))   // 5 s after each run ends
 * Triggers.cron("0 15 10 * * MON-FRI")         // 10:15:00 on weekdays
 * Triggers.daily(2, 30)                        // 02:30 every day, in the task's zone
 * Triggers.once(Instant.parse("2030-01-01T00:00:00Z"))
 * }</pre>
 */
public final class Triggers {

    private Triggers() {}

    /** Fixed rate: now, then every {@code period}. */
    public static IntervalTrigger every(Duration period) {
        return new IntervalTrigger(period, Duration.ZERO);
    }

    /** Fixed rate: after {@code initialDelay}, then every {@code period}. */
    public static IntervalTrigger fixedRate(Duration period, Duration initialDelay) {
        return new IntervalTrigger(period, initialDelay);
    }

    /** Fixed delay: now, then {@code delay} after each run ends. */
    public static FixedDelayTrigger fixedDelay(Duration delay) {
        return new FixedDelayTrigger(delay, Duration.ZERO);
    }

    /** Fixed delay: after {@code initialDelay}, then {@code delay} after each run ends. */
    public static FixedDelayTrigger fixedDelay(Duration delay, Duration initialDelay) {
        return new FixedDelayTrigger(delay, initialDelay);
    }

    /** A cron expression (5 fields, or 6 with seconds first, or a macro such as {@code @daily}) in the task's zone. */
    public static CronTrigger cron(String expression) {
        return new CronTrigger(CronExpression.parse(expression), null);
    }

    /** A cron expression read in the given zone, whatever the task's zone. */
    public static CronTrigger cron(String expression, ZoneId zone) {
        return new CronTrigger(CronExpression.parse(expression), Objects.requireNonNull(zone, "zone"));
    }

    /** Once, at {@code at} (at once if that has passed when the task is scheduled). */
    public static OnceTrigger once(Instant at) {
        return new OnceTrigger(at);
    }

    /** Every hour at {@code minute} past. */
    public static CronTrigger hourly(int minute) {
        check("minute", minute, 0, 59);
        return cron("0 " + minute + " * * * *");
    }

    /** Every day at {@code hour:minute} in the task's zone. */
    public static CronTrigger daily(int hour, int minute) {
        check("hour", hour, 0, 23);
        check("minute", minute, 0, 59);
        return cron("0 " + minute + " " + hour + " * * *");
    }

    /** Every week on {@code day} at {@code hour:minute} in the task's zone. */
    public static CronTrigger weekly(DayOfWeek day, int hour, int minute) {
        Objects.requireNonNull(day, "day");
        check("hour", hour, 0, 23);
        check("minute", minute, 0, 59);
        return cron("0 " + minute + " " + hour + " * * " + day.name().substring(0, 3));
    }

    /**
     * Every month on {@code dayOfMonth} at {@code hour:minute} in the task's zone. Months without that day are
     * skipped (day 31 fires in seven months a year); use {@code cron("0 0 0 L * *")} for the last day of each month.
     */
    public static CronTrigger monthly(int dayOfMonth, int hour, int minute) {
        check("day of month", dayOfMonth, 1, 31);
        check("hour", hour, 0, 23);
        check("minute", minute, 0, 59);
        return cron("0 " + minute + " " + hour + " " + dayOfMonth + " * *");
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ", got " + value);
        }
    }
}
