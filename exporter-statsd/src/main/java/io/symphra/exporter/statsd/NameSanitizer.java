package io.symphra.exporter.statsd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns any task name or label into text that cannot break a StatsD line, and bounds its length.
 *
 * <p>The rule, per Unicode code point: ASCII letters, ASCII digits, {@code _} and {@code -} are kept; non-ASCII
 * letters, digits and combining marks are kept (UTF-8 on the wire); {@code .} is kept only where the flavor allows
 * it (a Telegraf tag value, where it splits nothing); everything else (whitespace, control characters, {@code :},
 * {@code |}, {@code @}, {@code #}, {@code ,}, {@code =}, {@code /}, quotes, symbols, emoji) becomes one {@code _}.
 * An empty name becomes {@code _}. A result longer than {@link #MAX_BYTES} UTF-8 bytes (or the smaller bound of
 * {@link #tagValue(int)}) is cut at a code point
 * boundary and ends with {@code _} and 8 hex digits of the SHA-256 of the original name, so two long names that
 * share a beginning stay apart.
 */
final class NameSanitizer {

    /** The most UTF-8 bytes a sanitized name takes, hash suffix included. */
    static final int MAX_BYTES = 200;

    private static final int HASH_SUFFIX_BYTES = 9; // "_" + 8 hex digits

    private final boolean keepDots;
    private final int maxBytes;

    private NameSanitizer(boolean keepDots, int maxBytes) {
        this.keepDots = keepDots;
        this.maxBytes = maxBytes;
    }

    /** For a path segment, where a dot would start a new segment. */
    static NameSanitizer pathSegment() {
        return new NameSanitizer(false, MAX_BYTES);
    }

    /** For a tag key or value, where a dot is harmless. */
    static NameSanitizer tagValue() {
        return new NameSanitizer(true, MAX_BYTES);
    }

    /**
     * For a tag value that shares a length limit with its key, as DogStatsD's {@code key:value} of at most 200
     * characters: at most {@code maxBytes} UTF-8 bytes, hash suffix included, which bounds the characters too.
     */
    static NameSanitizer tagValue(int maxBytes) {
        if (maxBytes <= HASH_SUFFIX_BYTES || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be from 10 to " + MAX_BYTES + ", got " + maxBytes);
        }
        return new NameSanitizer(true, maxBytes);
    }

    String sanitize(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_BYTES));
        int bytes = 0;
        int cutAt = -1; // length of out when it last fitted in MAX_BYTES - HASH_SUFFIX_BYTES
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int kept = isKept(cp) ? cp : '_';
            bytes += utf8Length(kept);
            if (bytes <= maxBytes - HASH_SUFFIX_BYTES) {
                out.appendCodePoint(kept);
                cutAt = out.length();
            } else if (bytes <= maxBytes) {
                out.appendCodePoint(kept);
            } else {
                out.setLength(cutAt);
                return out.append('_').append(hash(name)).toString();
            }
        }
        return out.toString();
    }

    private boolean isKept(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z')
                    || (cp >= 'A' && cp <= 'Z')
                    || (cp >= '0' && cp <= '9')
                    || cp == '_'
                    || cp == '-'
                    || (keepDots && cp == '.');
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
