package io.symphra.exporter.support;

import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * What one push attempt's ending means, the one table every Symphra HTTP exporter judges answers by.
 *
 * <table>
 *   <caption>HTTP answers</caption>
 *   <tr><th>answer</th><th>outcome</th></tr>
 *   <tr><td>2xx</td><td>{@link #DELIVERED}</td></tr>
 *   <tr><td>408, 429, 500, 502, 503, 504</td><td>{@link #RETRYABLE}</td></tr>
 *   <tr><td>401, 403</td><td>{@link #CONFIGURATION_ERROR}</td></tr>
 *   <tr><td>any other status: other 4xx, 501, 505 and every other 5xx, 1xx, 3xx</td><td>{@link #REJECTED}</td></tr>
 *   <tr><td>no answer: an I/O error or a timeout</td><td>{@link #RETRYABLE}</td></tr>
 *   <tr><td>no answer: a TLS failure</td><td>{@link #REJECTED}</td></tr>
 * </table>
 *
 * <p>Why the other 5xx are not retried: 501 (not implemented), 505 (version not supported), 506, 508 (loop
 * detected), 510 and 511 (network authentication) describe a server that will answer the same way to the same
 * request a second later, and 507 (insufficient storage) does not clear in the seconds between attempts. They are
 * the same statuses the OpenTelemetry SDK leaves alone, plus 500 and 408, which a receiver sends for a passing
 * overload. A 3xx is not followed either (the JVM's client follows no redirect): the URL must name the final
 * target. A rejected push is not retried within the push; the exporter's next push tries again.
 */
public enum PushOutcome {
    /** The receiver took the data. */
    DELIVERED,
    /** A passing failure: worth another attempt after a wait. */
    RETRYABLE,
    /** The credentials or headers were refused (401, 403): retrying cannot help, the configuration must change. */
    CONFIGURATION_ERROR,
    /** The receiver refused this request for good: not retried. */
    REJECTED;

    /** The outcome of an answer with HTTP status {@code status}. */
    public static PushOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        return switch (status) {
            case 408, 429, 500, 502, 503, 504 -> RETRYABLE;
            case 401, 403 -> CONFIGURATION_ERROR;
            default -> REJECTED;
        };
    }

    /**
     * The outcome of an attempt that got no answer: {@link #RETRYABLE} for an I/O error (a timeout included, which
     * the JDK client reports as an {@link java.net.http.HttpTimeoutException}); {@link #REJECTED} for a TLS failure
     * (an untrusted certificate, no common protocol), which fails the same way a second later, and for anything
     * else, a bug or a refusal of the client itself.
     */
    public static PushOutcome ofFailure(Throwable failure) {
        if (failure instanceof SSLException) {
            return REJECTED;
        }
        return failure instanceof IOException ? RETRYABLE : REJECTED;
    }
}
