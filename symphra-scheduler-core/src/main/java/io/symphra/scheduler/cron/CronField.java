package io.symphra.scheduler.cron;

import java.util.List;
import java.util.Locale;

/** The six fields of a cron expression, with the name used in error messages and the allowed values. */
enum CronField {
    SECOND("second", 0, 59, List.of()),
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    /** 0 and 7 are both Sunday; names map SUN to 0. */
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String displayName;
    private final int min;
    private final int max;
    /** Names in value order, starting at {@link #min}. */
    private final List<String> names;

    CronField(String displayName, int min, int max, List<String> names) {
        this.displayName = displayName;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    String displayName() {
        return displayName;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /**
     * Reads one value: a number in range or, for month and day-of-week, a name (any case).
     *
     * @throws FieldSyntaxException naming the reason
     */
    int parseValue(String token) {
        if (token.isEmpty()) {
            throw new FieldSyntaxException("missing value");
        }
        if (isDigits(token)) {
            // More than 9 digits cannot be in range and would overflow int parsing.
            int value = token.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(token);
            if (value < min || value > max) {
                throw new FieldSyntaxException("value " + token + " is out of range " + min + "-" + max);
            }
            return value;
        }
        if (names.isEmpty()) {
            throw new FieldSyntaxException("'" + token + "' is not a number");
        }
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (index < 0) {
            throw new FieldSyntaxException("unknown name " + token + " (expected " + names.get(0) + "-"
                    + names.get(names.size() - 1) + " or " + min + "-" + max + ")");
        }
        return min + index;
    }

    static boolean isDigits(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
