package io.symphra.metrics.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of Symphra's configuration and annotations: a whole number with a unit, {@code 500ms},
 * {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} (also {@code ns} and {@code us}), or ISO-8601 ({@code PT10S}).
 * The number is written with the ASCII digits {@code 0-9}, as every number in the configuration is. Where a value
 * is used, it must also be at most {@link DurationLimit#MAX}.
 */
public final class DurationNotation {

    private static final Pattern SHORT = Pattern.compile("(-?[0-9]+)\\s*(ns|us|ms|s|m|h|d)");

    private DurationNotation() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is in neither notation
     */
    public static Duration parse(String text) {
        Duration d = text == null ? null : parseOrNull(text);
        if (d == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write e.g. 500ms, 10s, 2m, 1h or PT10S");
        }
        return d;
    }

    /** The parsed duration, or {@code null} when the text is in neither notation. */
    static Duration parseOrNull(String text) {
        String trimmed = text.trim();
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            try {
                return toDuration(Long.parseLong(m.group(1)), m.group(2));
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration toDuration(long amount, String unit) {
        return switch (unit) {
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> null;
        };
    }
}
