package io.symphra.metrics.config;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Whole numbers as Symphra's configuration writes them: the ASCII digits {@code 0-9} with an optional leading
 * {@code -}. Other digits ({@code ٨١٢٥}, {@code ８１２５}) and a leading {@code +}, which {@link Long#parseLong}
 * would take, are rejected, as the duration notation rejects them, so that one rule holds for every number.
 */
public final class WholeNumber {

    private static final Pattern ASCII = Pattern.compile("-?[0-9]+");

    private WholeNumber() {}

    /** The value of {@code text}, or empty when it is not written as above or does not fit a {@code long}. */
    public static OptionalLong parse(String text) {
        if (!ASCII.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // only overflow is left
        }
    }

    /**
     * Whether {@code text} looks like a number written another way (digits other than ASCII ones, or a leading
     * {@code +}), so that a message can say which digits are expected.
     */
    public static boolean looksForeign(String text) {
        return text.startsWith("+") || text.chars().anyMatch(c -> c > '9' && Character.isDigit(c));
    }
}
