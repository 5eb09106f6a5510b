package io.symphra.exporter.prometheus;

/**
 * Encodes text as UTF-8 with the escapes an exposition needs at one place. Both formats escape a label value's
 * backslash, double quote and line feed ({@code \\}, {@code \"}, {@code \n}); a HELP text escapes backslash and
 * line feed, and in OpenMetrics the double quote too. Every other character, control characters included, is
 * written as its UTF-8 bytes. A lone UTF-16 surrogate, which no UTF-8 text can hold, becomes U+FFFD.
 */
enum Escaping {
    LABEL_VALUE(true),
    TEXT_HELP(false),
    OPENMETRICS_HELP(true);

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final boolean escapeQuote;

    Escaping(boolean escapeQuote) {
        this.escapeQuote = escapeQuote;
    }

    /** The number of bytes {@link #encode} writes for {@code text}. */
    int encodedLength(String text) {
        int length = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += escapes(c) ? 2 : 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3; // a BMP character, or U+FFFD for a lone surrogate
            }
        }
        return length;
    }

    /** At least {@link #encodedLength}, found without reading the text: no character takes more than 3 bytes. */
    int maxEncodedLength(String text) {
        return 3 * text.length();
    }

    /** Writes {@code text} into {@code dst} from {@code pos}, which must have room; returns the position after it. */
    int encode(String text, byte[] dst, int pos) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (escapes(c)) {
                    dst[pos++] = '\\';
                    dst[pos++] = (byte) (c == '\n' ? 'n' : c);
                } else {
                    dst[pos++] = (byte) c;
                }
            } else if (c < 0x800) {
                dst[pos++] = (byte) (0xC0 | (c >> 6));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    dst[pos++] = (byte) (0xF0 | (cp >> 18));
                    dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    dst[pos++] = REPLACEMENT[0];
                    dst[pos++] = REPLACEMENT[1];
                    dst[pos++] = REPLACEMENT[2];
                }
            } else {
                dst[pos++] = (byte) (0xE0 | (c >> 12));
                dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    /** {@code text} encoded into a new array. */
    byte[] encode(String text) {
        byte[] bytes = new byte[encodedLength(text)];
        encode(text, bytes, 0);
        return bytes;
    }

    private boolean escapes(char c) {
        return c == '\\' || c == '\n' || (c == '"' && escapeQuote);
    }
}
