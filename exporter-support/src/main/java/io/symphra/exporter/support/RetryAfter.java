package io.symphra.exporter.support;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay seconds, or an HTTP date (RFC 9110, section 10.2.3). */
public final class RetryAfter {

    /** The name of the response header. */
    public static final String HEADER = "Retry-After";

    private RetryAfter() {}

    /**
     * The wait the server asks for, never negative (a date in the past is zero); empty when the value is neither
     * form. A number too large for a {@link Duration} is read as the longest one: the caller caps it anyway.
     *
     * @param clock the clock an HTTP date is measured from
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
