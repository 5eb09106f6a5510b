package io.symphra.metrics.config;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs as they may appear in a message or a log. The user info of a URL ({@code user:password@}), its query and its
 * fragment can carry credentials, so none of them is ever printed.
 */
public final class UrlRedaction {

    /** What replaces a URL's user info in a message. */
    public static final String MASK = "******";

    // From "scheme://" to the last '@' before whitespace: a password may hold an unescaped '/', '?' or '#', so the
    // authority cannot be trusted to end where a valid URL's would.
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)\\S*@");

    private UrlRedaction() {}

    /**
     * A parsed URL without user info, query or fragment: {@code scheme://host[:port]/path}.
     *
     * @param url an absolute URL
     * @return the URL, safe to log
     */
    public static String forLogs(URI url) {
        StringBuilder sb = new StringBuilder();
        sb.append(url.getScheme()).append("://").append(url.getHost() == null ? MASK : url.getHost());
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            sb.append(url.getRawPath());
        }
        return sb.toString();
    }

    /**
     * The text with the user info of every URL in it masked, for text that need not parse as a URL: a rejected
     * configuration value, a library's message. {@code http://admin:hunter2@host:99999/} becomes
     * {@code http://******@host:99999/}; text without {@code scheme://...@} is returned as it is.
     *
     * @param text any text, or {@code null}
     * @return the masked text, or {@code null} for {@code null}
     */
    public static String maskUserInfo(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }
}
