package io.symphra.scheduler.cron;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Decides which days of a month match, combining day-of-month and day-of-week.
 *
 * <p>When both fields are restricted (neither is {@code *} or {@code ?}) a day matches when it matches
 * <em>either</em> field, as in Vixie cron; otherwise only the restricted field (if any) decides.
 */
record DayMatcher(DayOfMonthRule dayOfMonth, DayOfWeekRule dayOfWeek) {

    /** Bit {@code d} set for every matching day {@code d} of the month. */
    long matchingDays(int year, int month) {
        int length = Month.of(month).length(Year.isLeap(year));
        if (dayOfMonth.unrestricted() && dayOfWeek.unrestricted()) {
            return MonthDays.all(length);
        }
        int firstDow = LocalDate.of(year, month, 1).getDayOfWeek().getValue() % 7;
        if (dayOfWeek.unrestricted()) {
            return dayOfMonth.matchingDays(length, firstDow);
        }
        if (dayOfMonth.unrestricted()) {
            return dayOfWeek.matchingDays(length, firstDow);
        }
        return dayOfMonth.matchingDays(length, firstDow) | dayOfWeek.matchingDays(length, firstDow);
    }
}
