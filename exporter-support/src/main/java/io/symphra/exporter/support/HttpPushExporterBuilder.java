package io.symphra.exporter.support;

import io.symphra.metrics.spi.ExporterBuilder;
import java.time.Duration;

/**
 * The base of the typed builders of exporters that push over HTTP (JSON, InfluxDB, OTLP, and custom ones): the keys
 * every such exporter reads with one meaning, {@code timeout}, {@code max-attempts}, {@code backoff} and
 * {@code max-backoff}, set once here. Like every {@link ExporterBuilder}, it only records the values; the exporter
 * checks them when the scheduler is built, and a bad one fails naming the key and {@code (from code)}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class HttpPushExporterBuilder<B extends HttpPushExporterBuilder<B>> extends ExporterBuilder<B> {

    protected HttpPushExporterBuilder() {}

    /**
     * The bound on one attempt of a push, from connecting to the end of the answer; key {@code timeout}. Positive,
     * at most {@code 100000d}; the default is the exporter's (5 s for JSON and InfluxDB, 10 s for OTLP).
     */
    public B timeout(Duration timeout) {
        return set("timeout", timeout);
    }

    /**
     * How many attempts one push makes, the first included, so 1 means no retry; key {@code max-attempts},
     * default 3, from 1 to 100 (OTLP over gRPC, whose retries the OpenTelemetry SDK runs: at most 5).
     */
    public B maxAttempts(int attempts) {
        return set("max-attempts", attempts);
    }

    /**
     * The wait before the second attempt, doubled before each later one (with jitter) up to
     * {@link #maxBackoff(Duration) maxBackoff}; key {@code backoff}, default 1 s, positive.
     */
    public B backoff(Duration backoff) {
        return set("backoff", backoff);
    }

    /**
     * The cap on any wait between attempts, a server's {@code Retry-After} included; key {@code max-backoff},
     * default 30 s (or the {@code backoff} when that is longer), not shorter than the {@code backoff}.
     */
    public B maxBackoff(Duration maxBackoff) {
        return set("max-backoff", maxBackoff);
    }
}
