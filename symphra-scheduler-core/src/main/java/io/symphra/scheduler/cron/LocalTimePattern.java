package io.symphra.scheduler.cron;

import java.time.LocalDateTime;

/**
 * The wall-clock times a cron expression matches, free of any time zone. Each time field is a bit set
 * (bit {@code v} set: value {@code v} matches), so finding the next match jumps from one set bit to the
 * next, field by field, instead of stepping through time.
 *
 * @param seconds bits 0-59
 * @param minutes bits 0-59
 * @param hours   bits 0-23
 * @param months  bits 1-12
 * @param days    day-of-month and day-of-week combined
 */
record LocalTimePattern(long seconds, long minutes, long hours, long months, DayMatcher days) {

    private static final long ALL_HOURS = (1L << 24) - 1;

    /** True when every hour of the day matches, so the pattern repeats within each hour. */
    boolean everyHour() {
        return hours == ALL_HOURS;
    }

    /**
     * The first matching wall-clock time at or after {@code from}, or null when none is before
     * {@code endExclusive}.
     *
     * @param from a whole second
     */
    LocalDateTime nextMatch(LocalDateTime from, LocalDateTime endExclusive) {
        int endYear = endExclusive.getYear();
        long endDate = dateKey(endYear, endExclusive.getMonthValue(), endExclusive.getDayOfMonth());
        int year = from.getYear();
        int month = from.getMonthValue();
        int day = from.getDayOfMonth();
        int hour = from.getHour();
        int minute = from.getMinute();
        int second = from.getSecond();
        int daysYear = Integer.MIN_VALUE;
        int daysMonth = 0;
        long dayBits = 0;
        while (year <= endYear) {
            int m = nextBit(months, month);
            if (m < 0) {
                year++;
                month = 1;
                day = 1;
                hour = minute = second = 0;
                continue;
            }
            if (m != month) {
                month = m;
                day = 1;
                hour = minute = second = 0;
            }
            if (year != daysYear || month != daysMonth) {
                dayBits = days.matchingDays(year, month);
                daysYear = year;
                daysMonth = month;
            }
            int d = nextBit(dayBits, day);
            if (d < 0) {
                month++;
                day = 1;
                hour = minute = second = 0;
                continue;
            }
            if (dateKey(year, month, d) > endDate) {
                return null;
            }
            if (d != day) {
                day = d;
                hour = minute = second = 0;
            }
            int h = nextBit(hours, hour);
            if (h < 0) {
                day++;
                hour = minute = second = 0;
                continue;
            }
            if (h != hour) {
                hour = h;
                minute = second = 0;
            }
            int mi = nextBit(minutes, minute);
            if (mi < 0) {
                hour++;
                minute = second = 0;
                continue;
            }
            if (mi != minute) {
                minute = mi;
                second = 0;
            }
            int s = nextBit(seconds, second);
            if (s < 0) {
                minute++;
                second = 0;
                continue;
            }
            LocalDateTime match = LocalDateTime.of(year, month, day, hour, minute, s);
            return match.isBefore(endExclusive) ? match : null;
        }
        return null;
    }

    private static long dateKey(int year, int month, int day) {
        return (long) year * 512 + month * 32 + day;
    }

    /** Lowest set bit at or above {@code from}, or -1. */
    private static int nextBit(long bits, int from) {
        if (from >= Long.SIZE) {
            return -1;
        }
        long rest = bits & (-1L << from);
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }
}
