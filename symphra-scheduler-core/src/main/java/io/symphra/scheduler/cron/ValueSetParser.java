package io.symphra.scheduler.cron;

/**
 * Parses the plain parts of a field into a bit set: {@code *}, values, names, ranges {@code a-b} and steps
 * {@code * /n}, {@code a/n}, {@code a-b/n}. Bit {@code v} is set when value {@code v} matches.
 */
final class ValueSetParser {

    private ValueSetParser() {}

    /** Parses a comma-separated list of plain items (no L, W, # or ?). */
    static long parseList(CronField field, String text) {
        long bits = 0;
        for (String item : ListSplitter.split(text)) {
            bits |= parseItem(field, item);
        }
        return bits;
    }

    /** Parses one item: {@code *}, {@code a}, {@code a-b}, each optionally followed by {@code /step}. */
    static long parseItem(CronField field, String item) {
        int slash = item.indexOf('/');
        String range = slash < 0 ? item : item.substring(0, slash);
        int step = slash < 0 ? 1 : parseStep(item.substring(slash + 1));
        int low;
        int high;
        if (range.equals("*")) {
            low = field.min();
            high = field.max();
        } else if (range.isEmpty()) {
            throw new FieldSyntaxException("missing value before '/' in '" + item + "'");
        } else {
            int dash = range.indexOf('-', 1);
            if (range.startsWith("-")) {
                throw new FieldSyntaxException("missing range start in '" + item + "'");
            }
            if (dash < 0) {
                low = field.parseValue(range);
                // "5/10" means from 5 to the end of the field's range, every 10
                high = slash < 0 ? low : field.max();
            } else {
                low = field.parseValue(range.substring(0, dash));
                high = field.parseValue(range.substring(dash + 1));
                if (field == CronField.DAY_OF_WEEK && high == 0 && low > 0) {
                    high = 7; // "FRI-SUN": Sunday closes the week
                }
                if (low > high) {
                    throw new FieldSyntaxException("range start " + low + " is greater than range end " + high + " in '"
                            + item + "' (ranges do not wrap around)");
                }
            }
        }
        long bits = 0;
        for (long value = low; value <= high; value += step) {
            bits |= 1L << value;
        }
        return bits;
    }

    private static int parseStep(String text) {
        if (text.isEmpty()) {
            throw new FieldSyntaxException("missing step after '/'");
        }
        if (!CronField.isDigits(text)) {
            throw new FieldSyntaxException("step '" + text + "' is not a number");
        }
        int step = text.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(text);
        if (step == 0) {
            throw new FieldSyntaxException("step must be at least 1, found " + text);
        }
        return step;
    }
}
