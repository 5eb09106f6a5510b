package io.symphra.exporter.influx;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One kind of warning, logged at most once per window; the occurrences in between are counted and reported with
 * the next message that gets through, so a server that stays down does not flood the log.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final Clock clock;
    private final Duration window;
    private Instant lastLogged;
    private long suppressed;

    RateLimitedWarning(Logger log, Clock clock, Duration window) {
        this.log = log;
        this.clock = clock;
        this.window = window;
    }

    /** Logs {@code message} (already free of secrets) unless one was logged less than a window ago. */
    synchronized boolean warn(String message) {
        Instant now = clock.instant();
        if (lastLogged != null && now.isBefore(lastLogged.plus(window))) {
            suppressed++;
            return false;
        }
        if (suppressed > 0) {
            log.warn("{} ({} similar warnings suppressed in the last {})", message, suppressed, window);
        } else {
            log.warn(message);
        }
        lastLogged = now;
        suppressed = 0;
        return true;
    }
}
