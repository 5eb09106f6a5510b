package io.symphra.metrics.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration notation of the configuration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601. */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(ns|us|ms|s|m|h|d)");

    private DurationText() {
    }

    /** The parsed duration, or {@code null} when the text is in neither notation. */
    static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return switch (m.group(2)) {
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
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
