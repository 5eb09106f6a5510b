package io.symphra.scheduler.cron;

import java.util.Locale;
import java.util.Random;

/**
 * Random six-field expressions in the common subset of our syntax and Spring's: lists, ranges, steps, names,
 * {@code ?}, {@code L}, {@code W} and {@code #}, with day-of-month or day-of-week left as {@code *} or
 * {@code ?} so that the two libraries' different rules for restricting both never come into play.
 * Day-of-week steps {@code * /n} are left out: Spring counts them from Monday (1), cron from Sunday (0).
 * Both are documented differences of syntax, not of the daylight-saving rule this comparison is about.
 *
 * <p>Three Spring 6.2 defects found by this comparison are kept out as well, and our behaviour for them is
 * pinned by hand-computed examples in {@link CronSyntaxTest}: {@code L-n} reaching before the 1st lands in the
 * previous month ({@code L-28} gives January 31st from February of a common year); {@code nW} for the last day
 * of a month that is a Sunday finds no day (cron moves back to Friday); and the one-day range {@code 7-7}
 * ({@code SUN-SUN}) matches every day. So {@code L-n} and {@code nW} use {@code n < 28} and one-value ranges
 * are written as the value.
 */
final class RandomCronGenerator {

    /** One generated expression, in our spelling (five or six fields) and in Spring's (six fields). */
    record Generated(String ours, String spring, boolean everyHour) {}

    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private static final int SHORTEST_MONTH = 28;

    private final Random random;

    RandomCronGenerator(Random random) {
        this.random = random;
    }

    Generated next() {
        String second = random.nextInt(3) == 0 ? plain(0, 59, null, true) : "0";
        String minute = plain(0, 59, null, true);
        long[] hourBits = new long[1];
        String hour = plain(0, 23, null, true, hourBits);
        String dayOfMonth;
        String dayOfWeek;
        if (random.nextBoolean()) {
            dayOfMonth = dayOfMonth();
            dayOfWeek = random.nextBoolean() ? "*" : "?";
        } else {
            dayOfMonth = random.nextBoolean() ? "*" : "?";
            dayOfWeek = dayOfWeek();
        }
        String month = plain(1, 12, MONTHS, true);
        String rest = String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
        String spring = second + " " + rest;
        String ours = second.equals("0") && random.nextBoolean() ? rest : spring;
        return new Generated(ours, spring, hourBits[0] == (1L << 24) - 1);
    }

    /** An expression that fires every day: day and month fields are {@code *} or {@code ?}. */
    Generated nextDaily() {
        String second = random.nextInt(3) == 0 ? plain(0, 59, null, true) : "0";
        String minute = plain(0, 59, null, true);
        long[] hourBits = new long[1];
        String hour = random.nextBoolean() ? everyHour(hourBits) : plain(0, 23, null, true, hourBits);
        String days = random.nextBoolean() ? "* * *" : random.nextBoolean() ? "? * *" : "* * ?";
        String rest = String.join(" ", minute, hour, days);
        String spring = second + " " + rest;
        String ours = second.equals("0") && random.nextBoolean() ? rest : spring;
        return new Generated(ours, spring, hourBits[0] == (1L << 24) - 1);
    }

    private static String everyHour(long[] hourBits) {
        hourBits[0] = (1L << 24) - 1;
        return "*";
    }

    private String dayOfMonth() {
        if (random.nextInt(10) < 6) {
            return plain(1, 31, null, true);
        }
        return switch (random.nextInt(6)) {
            case 0 -> "L";
            case 1 -> "L-" + (1 + random.nextInt(SHORTEST_MONTH - 1));
            case 2 -> (1 + random.nextInt(SHORTEST_MONTH - 1)) + "W";
            case 3 -> "LW";
            case 4 -> (1 + random.nextInt(31)) + ",L";
            default -> "L-" + (1 + random.nextInt(5)) + "," + (1 + random.nextInt(SHORTEST_MONTH - 1)) + "W";
        };
    }

    private String dayOfWeek() {
        if (random.nextInt(10) < 6) {
            return plain(0, 7, DAYS, false);
        }
        return switch (random.nextInt(4)) {
            case 0 -> day() + "L";
            case 1 -> day() + "#" + (1 + random.nextInt(5));
            case 2 -> day() + "#" + (1 + random.nextInt(5)) + "," + day() + "L";
            default -> day() + "#" + (1 + random.nextInt(5)) + "," + day();
        };
    }

    private String day() {
        int value = random.nextInt(8);
        return value < 7 && random.nextBoolean() ? DAYS[value] : Integer.toString(value);
    }

    private String plain(int min, int max, String[] names, boolean starSteps) {
        return plain(min, max, names, starSteps, new long[1]);
    }

    /** A plain field; {@code bits[0]} receives the values it matches. */
    private String plain(int min, int max, String[] names, boolean starSteps, long[] bits) {
        int span = max - min + 1;
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                bits[0] = range(min, max, 1);
                return "*";
            }
            case 4 -> {
                int items = 2 + random.nextInt(3);
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < items; i++) {
                    list.append(i == 0 ? "" : ",");
                    if (random.nextBoolean()) {
                        int value = min + random.nextInt(span);
                        bits[0] |= range(value, value, 1);
                        list.append(value(value, min, names));
                    } else {
                        int low = min + random.nextInt(span);
                        int high = low + random.nextInt(max - low + 1);
                        bits[0] |= range(low, high, 1);
                        list.append(range(low, high, min, names));
                    }
                }
                return list.toString();
            }
            case 5 -> {
                int low = min + random.nextInt(span);
                int high = low + random.nextInt(max - low + 1);
                bits[0] = range(low, high, 1);
                return range(low, high, min, names);
            }
            case 6 -> {
                if (starSteps) {
                    int step = 1 + random.nextInt(span);
                    bits[0] = range(min, max, step);
                    return "*/" + step;
                }
                int low = Math.max(min, 1) + random.nextInt(max - Math.max(min, 1) + 1);
                int step = 1 + random.nextInt(span);
                bits[0] = range(low, max, step);
                return low + "/" + step;
            }
            case 7 -> {
                int low = Math.max(min, 1) + random.nextInt(max - Math.max(min, 1) + 1);
                int step = 1 + random.nextInt(span);
                bits[0] = range(low, max, step);
                return value(low, min, names) + "/" + step;
            }
            case 8 -> {
                int low = min + random.nextInt(span);
                int high = low + random.nextInt(max - low + 1);
                int step = 1 + random.nextInt(high - low + 1);
                bits[0] = range(low, high, step);
                return low == high ? value(low, min, names) : range(low, high, min, names) + "/" + step;
            }
            default -> {
                int value = min + random.nextInt(span);
                bits[0] = range(value, value, 1);
                return value(value, min, names);
            }
        }
    }

    /**
     * A range; a one-value range is written as the value, because Spring 6.2 reads the day-of-week range
     * {@code 7-7} (and {@code SUN-SUN}) as every day, where cron means Sunday.
     */
    private String range(int low, int high, int min, String[] names) {
        return low == high ? value(low, min, names) : value(low, min, names) + "-" + value(high, min, names);
    }

    private String value(int value, int min, String[] names) {
        if (names == null || value - min >= names.length || random.nextInt(3) != 0) {
            return Integer.toString(value);
        }
        String name = names[value - min];
        return random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT);
    }

    private static long range(int low, int high, int step) {
        long bits = 0;
        for (int value = low; value <= high; value += step) {
            bits |= 1L << value;
        }
        return bits;
    }
}
