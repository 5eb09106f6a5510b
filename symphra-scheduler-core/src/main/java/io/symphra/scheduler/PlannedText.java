package io.symphra.scheduler;

import java.time.LocalDate;

/**
 * A planned fire time as the MDC shows it: ISO-8601 in UTC to the millisecond, the fraction left out when it is zero,
 * the same text as {@code Instant.truncatedTo(MILLIS).toString()}. Made with one string concatenation per fire and
 * the date part kept from the fire before, since {@code Instant.toString()} costs several times the bytes
 * (DispatchBenchmark with logback, docs/BENCHMARKS.md).
 */
final class PlannedText {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final String[] TWO_DIGITS = new String[100];

    static {
        for (int i = 0; i < TWO_DIGITS.length; i++) {
            TWO_DIGITS[i] = (i < 10 ? "0" : "") + i;
        }
    }

    /** The date part of a day, {@code 2026-03-01T}. */
    private record Day(long epochDay, String text) {}

    private volatile Day day = new Day(Long.MIN_VALUE, "");

    String of(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int millis = (int) (Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1_000_000);
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int second = Math.floorMod(seconds, SECONDS_PER_DAY);
        Day d = day;
        if (d.epochDay != epochDay) {
            if (epochDay < 0 || epochDay > 2_932_896) {
                // Before 1970 or after 9999: rare enough for the JDK's own text.
                return java.time.Instant.ofEpochSecond(seconds, millis * 1_000_000L)
                        .toString();
            }
            d = new Day(epochDay, LocalDate.ofEpochDay(epochDay) + "T");
            day = d;
        }
        int hour = second / 3600;
        int minute = second / 60 % 60;
        int sec = second % 60;
        if (millis == 0) {
            return d.text + TWO_DIGITS[hour] + ':' + TWO_DIGITS[minute] + ':' + TWO_DIGITS[sec] + 'Z';
        }
        return d.text
                + TWO_DIGITS[hour]
                + ':'
                + TWO_DIGITS[minute]
                + ':'
                + TWO_DIGITS[sec]
                + '.'
                + TWO_DIGITS[millis / 10]
                + (char) ('0' + millis % 10)
                + 'Z';
    }
}
