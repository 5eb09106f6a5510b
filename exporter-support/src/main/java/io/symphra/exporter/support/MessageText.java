package io.symphra.exporter.support;

/**
 * Text from a configuration or a server, made fit for a one-line message: a name a user wrote with a stray control
 * character, a key from an environment variable. Never pass a secret: this escapes, it does not mask.
 */
public final class MessageText {

    /** The most characters of the text a message shows. */
    public static final int MAX_CHARS = 100;

    private MessageText() {}

    /**
     * The first {@value #MAX_CHARS} characters of {@code text}, each control character written as its
     * Java escape (a backslash, {@code u} and four hex digits).
     */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(MAX_CHARS).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
