package io.symphra.scheduler.cron;

import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed cron expression that computes fire times in any time zone.
 *
 * <p>Syntax: five fields {@code minute hour day-of-month month day-of-week} (the second is 0), or six with
 * the second first; lists {@code ,}, ranges {@code -}, steps {@code /}, month and day names (any case),
 * {@code ?}, {@code L}, {@code W}, {@code #} and the macros {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. Day-of-week 0 and 7
 * are both Sunday. When day-of-month and day-of-week are both restricted (neither is {@code *} or
 * {@code ?}), a day matches when it matches either of them (Vixie cron's rule).
 *
 * <p>Daylight saving: a wall-clock time skipped by a forward jump fires once, at the instant the jump ends
 * (03:00 for a skipped 02:30 when clocks go from 02:00 to 03:00). A wall-clock time that occurs twice fires
 * once, at its first occurrence, unless the hour field matches every hour: then it fires at both occurrences,
 * so hourly and every-N-minutes schedules keep their rhythm. See {@code docs/cron.md}.
 *
 * <p>Instances are immutable and thread-safe. Two expressions are equal when their text is equal.
 */
public final class CronExpression {

    private final String expression;
    private final LocalTimePattern pattern;

    private CronExpression(String expression, LocalTimePattern pattern) {
        this.expression = expression;
        this.pattern = pattern;
    }

    /**
     * Parses a cron expression.
     *
     * @param expression five or six fields, or a macro such as {@code @daily}
     * @return the parsed expression, whose {@link #toString()} is {@code expression}
     * @throws IllegalArgumentException when the expression is invalid; the message names the expression, the
     *                                  field and the reason
     * @throws NullPointerException     when {@code expression} is null
     */
    public static CronExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return new CronExpression(expression, CronParser.parse(expression));
    }

    /**
     * The first fire time strictly after {@code after}, in {@code after}'s zone.
     *
     * @param after the instant to search from; its zone decides the wall clock the expression is read on
     * @return the next fire time, or empty when the expression can never fire again (such as {@code 0 0 30 2 *},
     *         February 30th) or the next fire time is beyond the range of {@link ZonedDateTime}
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        try {
            return Optional.ofNullable(ZonedFireTimes.next(pattern, after));
        } catch (DateTimeException beyondSupportedRange) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** The expression exactly as it was parsed. */
    @Override
    public String toString() {
        return expression;
    }
}
