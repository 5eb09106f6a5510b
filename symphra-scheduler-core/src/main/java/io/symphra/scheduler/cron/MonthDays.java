package io.symphra.scheduler.cron;

/** Day-of-month bit masks and weekday arithmetic within one month; day {@code d} is bit {@code d}. */
final class MonthDays {

    private MonthDays() {}

    /** Bits 1 to {@code length}. */
    static long all(int length) {
        return ((1L << length) - 1) << 1;
    }

    /** Day of week of {@code day} (0 = Sunday) given that of the 1st. */
    static int dayOfWeek(int day, int firstDow) {
        return (firstDow + day - 1) % 7;
    }
}
