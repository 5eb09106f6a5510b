package io.symphra.scheduler.cron;

import java.util.Locale;

/**
 * The day-of-week field; days are numbered 0 (Sunday) to 6 (Saturday), 7 is folded onto 0.
 *
 * @param weekdays     bit {@code w} set: every day with day of week {@code w} matches
 * @param lastInMonth  bit {@code w} set: {@code wL}, the last such day of the month, matches
 * @param nthInMonth   bit {@code 5*w + (n-1)} set: {@code w#n}, the n-th such day of the month, matches
 * @param unrestricted the field was written {@code *} or {@code ?}
 */
record DayOfWeekRule(int weekdays, int lastInMonth, long nthInMonth, boolean unrestricted) {

    private static final int MAX_ORDINAL = 5;

    static DayOfWeekRule parse(String text) {
        if (text.equals("*") || text.equals("?")) {
            return new DayOfWeekRule(0x7F, 0, 0, true);
        }
        int weekdays = 0;
        int lastInMonth = 0;
        long nthInMonth = 0;
        for (String item : ListSplitter.split(text)) {
            String upper = item.toUpperCase(Locale.ROOT);
            int hash = upper.indexOf('#');
            if (upper.equals("?")) {
                throw new FieldSyntaxException("'?' must be the whole field");
            } else if (hash >= 0) {
                int weekday = singleDay(upper.substring(0, hash), item);
                nthInMonth |= 1L << (5 * weekday + parseOrdinal(upper.substring(hash + 1), item) - 1);
            } else if (upper.endsWith("L")) {
                if (upper.length() == 1) {
                    throw new FieldSyntaxException("'L' in day-of-week needs a day before it, e.g. 5L (last Friday)");
                }
                lastInMonth |= 1 << singleDay(upper.substring(0, upper.length() - 1), item);
            } else if (upper.endsWith("W") && CronField.isDigits(upper.substring(0, upper.length() - 1))) {
                throw new FieldSyntaxException("'W' is only allowed in day-of-month, found '" + item + "'");
            } else {
                weekdays |= foldSunday(ValueSetParser.parseItem(CronField.DAY_OF_WEEK, item));
            }
        }
        return new DayOfWeekRule(weekdays, lastInMonth, nthInMonth, false);
    }

    private static int singleDay(String day, String item) {
        if (day.isEmpty()
                || day.indexOf('-') >= 0
                || day.indexOf('/') >= 0
                || day.indexOf(',') >= 0
                || day.equals("*")) {
            throw new FieldSyntaxException("'" + item + "' needs a single day before 'L' or '#', e.g. 5L or MON#2");
        }
        return CronField.DAY_OF_WEEK.parseValue(day) % 7;
    }

    private static int parseOrdinal(String ordinal, String item) {
        if (!CronField.isDigits(ordinal)) {
            throw new FieldSyntaxException("ordinal in '" + item + "' must be a number 1-" + MAX_ORDINAL);
        }
        int value = ordinal.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(ordinal);
        if (value < 1 || value > MAX_ORDINAL) {
            throw new FieldSyntaxException(
                    "ordinal " + ordinal + " in '" + item + "' is out of range 1-" + MAX_ORDINAL);
        }
        return value;
    }

    /** Moves bit 7 (Sunday written as 7) onto bit 0. */
    private static int foldSunday(long bits) {
        return (int) ((bits | (bits >>> 7)) & 0x7F);
    }

    /**
     * The matching days of one month.
     *
     * @param length   days in the month
     * @param firstDow day of week of the 1st, 0 = Sunday
     * @return bit {@code d} set for every matching day {@code d}
     */
    long matchingDays(int length, int firstDow) {
        long result = 0;
        if (weekdays != 0) {
            for (int day = 1; day <= length; day++) {
                if ((weekdays & (1 << MonthDays.dayOfWeek(day, firstDow))) != 0) {
                    result |= 1L << day;
                }
            }
        }
        if (lastInMonth != 0) {
            int lastDow = MonthDays.dayOfWeek(length, firstDow);
            for (int bits = lastInMonth; bits != 0; bits &= bits - 1) {
                int weekday = Integer.numberOfTrailingZeros(bits);
                result |= 1L << (length - (lastDow - weekday + 7) % 7);
            }
        }
        for (long bits = nthInMonth; bits != 0; bits &= bits - 1) {
            int index = Long.numberOfTrailingZeros(bits);
            int weekday = index / 5;
            int day = 1 + (weekday - firstDow + 7) % 7 + 7 * (index % 5);
            if (day <= length) {
                result |= 1L << day;
            }
        }
        return result;
    }
}
