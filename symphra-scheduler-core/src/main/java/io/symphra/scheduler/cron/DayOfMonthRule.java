package io.symphra.scheduler.cron;

import java.util.Locale;

/**
 * The day-of-month field.
 *
 * @param days            bit {@code d} set: day {@code d} matches
 * @param lastDayOffsets  bit {@code n} set: {@code L-n} (the n-th day before the last) matches; bit 0 is {@code L}
 * @param nearestWeekdays bit {@code d} set: {@code dW}, the weekday nearest to day {@code d}, matches
 * @param lastWeekday     {@code LW}: the last weekday (Monday to Friday) of the month matches
 * @param unrestricted    the field was written {@code *} or {@code ?}
 */
record DayOfMonthRule(long days, int lastDayOffsets, long nearestWeekdays, boolean lastWeekday, boolean unrestricted) {

    private static final int MAX_LAST_OFFSET = 30;

    static DayOfMonthRule parse(String text) {
        if (text.equals("*") || text.equals("?")) {
            return new DayOfMonthRule(ValueSetParser.parseItem(CronField.DAY_OF_MONTH, "*"), 0, 0, false, true);
        }
        long days = 0;
        int lastDayOffsets = 0;
        long nearestWeekdays = 0;
        boolean lastWeekday = false;
        for (String item : ListSplitter.split(text)) {
            String upper = item.toUpperCase(Locale.ROOT);
            if (upper.equals("?")) {
                throw new FieldSyntaxException("'?' must be the whole field");
            } else if (upper.equals("LW")) {
                lastWeekday = true;
            } else if (upper.equals("L")) {
                lastDayOffsets |= 1;
            } else if (upper.startsWith("L-")) {
                lastDayOffsets |= 1 << parseLastOffset(upper.substring(2), item);
            } else if (upper.endsWith("W")) {
                String day = upper.substring(0, upper.length() - 1);
                if (!CronField.isDigits(day)) {
                    throw new FieldSyntaxException("'W' needs a single day before it, e.g. 15W, found '" + item + "'");
                }
                nearestWeekdays |= 1L << CronField.DAY_OF_MONTH.parseValue(day);
            } else if (upper.indexOf('L') >= 0) {
                throw new FieldSyntaxException("'L' must be written L, L-n or LW, found '" + item + "'");
            } else if (upper.indexOf('#') >= 0) {
                throw new FieldSyntaxException("'#' is only allowed in day-of-week, found '" + item + "'");
            } else {
                days |= ValueSetParser.parseItem(CronField.DAY_OF_MONTH, item);
            }
        }
        return new DayOfMonthRule(days, lastDayOffsets, nearestWeekdays, lastWeekday, false);
    }

    private static int parseLastOffset(String offset, String item) {
        if (!CronField.isDigits(offset)) {
            throw new FieldSyntaxException("offset in '" + item + "' must be a number, e.g. L-3");
        }
        int value = offset.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(offset);
        if (value > MAX_LAST_OFFSET) {
            throw new FieldSyntaxException(
                    "offset " + offset + " in '" + item + "' is out of range 0-" + MAX_LAST_OFFSET);
        }
        return value;
    }

    /**
     * The matching days of one month.
     *
     * @param length   days in the month
     * @param firstDow day of week of the 1st, 0 = Sunday
     * @return bit {@code d} set for every matching day {@code d}
     */
    long matchingDays(int length, int firstDow) {
        long result = days & MonthDays.all(length);
        for (int offsets = lastDayOffsets; offsets != 0; offsets &= offsets - 1) {
            int day = length - Integer.numberOfTrailingZeros(offsets);
            if (day >= 1) {
                result |= 1L << day;
            }
        }
        for (long near = nearestWeekdays & MonthDays.all(length); near != 0; near &= near - 1) {
            result |= 1L << nearestWeekday(Long.numberOfTrailingZeros(near), length, firstDow);
        }
        if (lastWeekday) {
            result |= 1L << nearestWeekday(length, length, firstDow);
        }
        return result;
    }

    /** The weekday nearest to {@code day} without leaving the month (Quartz's rule for {@code W}). */
    private static int nearestWeekday(int day, int length, int firstDow) {
        int dow = MonthDays.dayOfWeek(day, firstDow);
        if (dow == 6) { // Saturday: Friday before, or Monday after when the 1st is a Saturday
            return day == 1 ? 3 : day - 1;
        }
        if (dow == 0) { // Sunday: Monday after, or Friday before when it is the last day
            return day == length ? day - 2 : day + 1;
        }
        return day;
    }
}
