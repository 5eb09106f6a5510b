package io.symphra.scheduler.cron;

import java.util.Locale;
import java.util.Map;

/** Reads the text of a cron expression into a {@link LocalTimePattern}, or explains what is wrong with it. */
final class CronParser {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private CronParser() {}

    /**
     * @throws IllegalArgumentException naming the expression, the field and the reason
     */
    static LocalTimePattern parse(String expression) {
        String text = expression.strip();
        if (text.isEmpty()) {
            throw invalid(expression, "the expression is empty");
        }
        if (text.startsWith("@")) {
            String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
            if (macro == null) {
                throw invalid(
                        expression,
                        "unknown macro " + text
                                + " (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)");
            }
            text = macro;
        }
        String[] parts = text.split("\\s+");
        if (parts.length == 5) {
            parts = new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
        } else if (parts.length != 6) {
            throw invalid(
                    expression,
                    "wrong number of fields: expected 5 (minute hour day-of-month month"
                            + " day-of-week) or 6 (second first), found " + parts.length);
        }
        long seconds = plainField(expression, CronField.SECOND, parts[0]);
        long minutes = plainField(expression, CronField.MINUTE, parts[1]);
        long hours = plainField(expression, CronField.HOUR, parts[2]);
        DayOfMonthRule dayOfMonth;
        try {
            dayOfMonth = DayOfMonthRule.parse(parts[3]);
        } catch (FieldSyntaxException e) {
            throw invalidField(expression, CronField.DAY_OF_MONTH, parts[3], e);
        }
        long months = plainField(expression, CronField.MONTH, parts[4]);
        DayOfWeekRule dayOfWeek;
        try {
            dayOfWeek = DayOfWeekRule.parse(parts[5]);
        } catch (FieldSyntaxException e) {
            throw invalidField(expression, CronField.DAY_OF_WEEK, parts[5], e);
        }
        return new LocalTimePattern(seconds, minutes, hours, months, new DayMatcher(dayOfMonth, dayOfWeek));
    }

    private static long plainField(String expression, CronField field, String part) {
        try {
            return parsePlain(field, part);
        } catch (FieldSyntaxException e) {
            throw invalidField(expression, field, part, e);
        }
    }

    private static long parsePlain(CronField field, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '?' || c == '#' || ((c == 'L' || c == 'W') && field != CronField.MONTH)) {
                throw new FieldSyntaxException("'" + c + "' is only allowed in "
                        + (c == '#' ? "day-of-week" : c == 'W' ? "day-of-month" : "day-of-month and day-of-week"));
            }
        }
        return ValueSetParser.parseList(field, part);
    }

    private static IllegalArgumentException invalidField(
            String expression, CronField field, String part, FieldSyntaxException cause) {
        return invalid(expression, field.displayName() + " field '" + part + "': " + cause.getMessage());
    }

    private static IllegalArgumentException invalid(String expression, String reason) {
        return new IllegalArgumentException("Invalid cron expression \"" + expression + "\": " + reason);
    }
}
