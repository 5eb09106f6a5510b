package io.symphra.exporter.statsd;

import io.symphra.metrics.spi.ExporterBuilder;

/**
 * Configures a {@link StatsdExporter} in code, for {@code Scheduler.builder().exporter(...)}:
 *
 * <pre>{@code
 * StatsdExporter statsd = StatsdExporter.builder()
 *         .host("statsd.internal")
 *         .prefix("acme.billing.scheduler")
 *         .build();
 * }</pre>
 *
 * Each method sets one key under {@code symphra.exporter.statsd.}; a value set here wins over the same key as a
 * system property or environment variable. Values are checked when the scheduler is built, exactly as the keys
 * are, and a bad one fails the build naming the key and {@code (from code)}. The exporter is enabled unless
 * {@link #enabled(boolean) enabled(false)} says otherwise and pushes every 10 seconds unless
 * {@link #interval(java.time.Duration) interval} says otherwise.
 */
public final class StatsdExporterBuilder extends ExporterBuilder<StatsdExporterBuilder> {

    StatsdExporterBuilder() {}

    /**
     * The daemon's host name or IP address (IPv6 with or without {@code [ ]}); key {@code host}, default
     * {@code 127.0.0.1}. It is looked up when the scheduler starts, not when it is built.
     */
    public StatsdExporterBuilder host(String host) {
        return set("host", host);
    }

    /** The daemon's UDP port, 1 to 65535; key {@code port}, default 8125. */
    public StatsdExporterBuilder port(int port) {
        return set("port", port);
    }

    /**
     * The first segments of every metric name: dot-separated segments of ASCII letters, digits, {@code _} and
     * {@code -}, at most 128 characters; key {@code prefix}, default {@code symphra.scheduler}.
     */
    public StatsdExporterBuilder prefix(String prefix) {
        return set("prefix", prefix);
    }

    /** The dialect written; key {@code flavor}, default {@link Flavor#ETSY}. */
    public StatsdExporterBuilder flavor(Flavor flavor) {
        return set("flavor", flavor);
    }

    /** The largest datagram, in bytes, from 512 to 65507; key {@code max-packet-size}, default 1432. */
    public StatsdExporterBuilder maxPacketSize(int bytes) {
        return set("max-packet-size", bytes);
    }

    /** The exporter with these settings, configured and checked when the scheduler is built. */
    public StatsdExporter build() {
        return new StatsdExporter(settings());
    }
}
