package io.symphra.metrics.config;

/**
 * A configuration value that cannot be used. The message names the key, the value (masked when the key holds a
 * secret; the user info of any URL in it is always masked), where it came from and what was expected, for example:
 * {@code symphra.exporter.statsd.port = '70000' (from environment variable SYMPHRA_EXPORTER_STATSD_PORT): expected
 * a port from 0 to 65535}.
 */
public class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key    the full key
     * @param value  the offending value as it may be shown (already masked if secret), or {@code null} if missing
     * @param origin where the value came from, or {@code null}
     * @param reason what was expected
     */
    public InvalidConfigException(String key, String value, String origin, String reason) {
        // The value may be a URL with a password in it; so may a reason that quotes it.
        super(UrlRedaction.maskUserInfo(key + " = " + (value == null ? "(missing)" : "'" + value + "'")
                + (origin == null ? "" : " (from " + origin + ")") + ": " + reason));
        this.key = key;
    }

    /**
     * For a key that is wrong in itself, whatever its value (a misspelled or retired key): the message names the
     * key, where it came from and the reason, and never the value.
     *
     * @param key    the full key, or the environment variable, as the user wrote it
     * @param origin where it came from
     * @param reason what is wrong and what to write instead
     */
    public InvalidConfigException(String key, String origin, String reason) {
        super(UrlRedaction.maskUserInfo(key + " (from " + origin + "): " + reason));
        this.key = key;
    }

    /** The full key whose value was rejected. */
    public String key() {
        return key;
    }
}
