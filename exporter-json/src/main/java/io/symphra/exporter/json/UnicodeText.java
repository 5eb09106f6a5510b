package io.symphra.exporter.json;

/**
 * Makes a Java string well-formed UTF-16 before it is encoded. A lone surrogate is not text and has no UTF-8 form;
 * Jackson would write it as a JSON unicode escape of the surrogate, which the JSON grammar allows but strict
 * parsers (I-JSON, RFC 7493) reject, failing the whole document for one odd task name. So it becomes U+FFFD.
 */
final class UnicodeText {

    static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {}

    /** {@code text} itself when it holds no lone surrogate (the common case costs one scan), else a repaired copy. */
    static String wellFormed(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return repair(text, i);
                }
            }
        }
        return text;
    }

    private static String repair(String text, int firstBad) {
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, firstBad);
        int length = text.length();
        for (int i = firstBad; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                sb.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(REPLACEMENT);
            }
        }
        return sb.toString();
    }
}
