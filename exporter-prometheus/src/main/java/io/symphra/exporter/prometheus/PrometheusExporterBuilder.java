package io.symphra.exporter.prometheus;

import io.symphra.metrics.spi.ExporterBuilder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configures a {@link PrometheusExporter} in code, for {@code Scheduler.builder().exporter(...)}:
 *
 * <pre>{@code
 * PrometheusExporter prometheus = PrometheusExporter.builder()
 *         .host("0.0.0.0")
 *         .port(9464)
 *         .build();
 * }</pre>
 *
 * Each method sets one key under {@code symphra.exporter.prometheus.}; a value set here wins over the same key as a
 * system property or environment variable. Values are checked when the scheduler is built, exactly as the keys
 * are, and a bad one fails the build naming the key and {@code (from code)}. The endpoint is scraped, so leave
 * {@link #interval(Duration) interval} unset: it would only schedule pushes that do nothing.
 */
public final class PrometheusExporterBuilder extends ExporterBuilder<PrometheusExporterBuilder> {

    PrometheusExporterBuilder() {}

    /**
     * The address to bind, {@code 0.0.0.0} for all interfaces; key {@code host}, default {@code 127.0.0.1}. No
     * whitespace or {@code /}; a name that does not resolve fails the scheduler's start.
     */
    public PrometheusExporterBuilder host(String host) {
        return set("host", host);
    }

    /**
     * The TCP port, 0 to 65535, where 0 picks a free one (read it with {@link PrometheusExporter#port()} after
     * start); key {@code port}, default 9464.
     */
    public PrometheusExporterBuilder port(int port) {
        return set("port", port);
    }

    /**
     * The metrics path: starting with {@code /}, visible ASCII without {@code ?} or {@code #}, not under
     * {@code /-/}; key {@code path}, default {@code /metrics}.
     */
    public PrometheusExporterBuilder path(String path) {
        return set("path", path);
    }

    /**
     * The basic-auth user name, without {@code :}; key {@code username}, no default (no authentication). Needs
     * {@link #password(String)}.
     */
    public PrometheusExporterBuilder username(String username) {
        return set("username", username);
    }

    /** The basic-auth password, a secret; key {@code password}, no default. Needs {@link #username(String)}. */
    public PrometheusExporterBuilder password(String password) {
        return set("password", password);
    }

    /**
     * The key store holding the server's key and certificate, which turns on HTTPS; key {@code tls.keystore}, no
     * default (plain HTTP). It is opened when the scheduler is built: no readable file, a wrong password or no
     * private key fails the build. Needs {@link #tlsKeystorePassword(String)}.
     */
    public PrometheusExporterBuilder tlsKeystore(Path keystore) {
        return set("tls.keystore", keystore == null ? null : keystore.toString());
    }

    /** The key store's password, also used for the key, a secret; key {@code tls.keystore-password}, no default. */
    public PrometheusExporterBuilder tlsKeystorePassword(String password) {
        return set("tls.keystore-password", password);
    }

    /** The key store's type, {@code PKCS12} or {@code JKS}; key {@code tls.keystore-type}, default {@code PKCS12}. */
    public PrometheusExporterBuilder tlsKeystoreType(String type) {
        return set("tls.keystore-type", type);
    }

    /** How many scrapes are rendered at once, 1 to 64; key {@code threads}, default 2. */
    public PrometheusExporterBuilder threads(int threads) {
        return set("threads", threads);
    }

    /**
     * How many connections may be in the middle of a request at once (reading its head or being answered), 1 to
     * 4096; idle keep-alive connections do not count. Key {@code max-connections}, default 256.
     */
    public PrometheusExporterBuilder maxConnections(int connections) {
        return set("max-connections", connections);
    }

    /**
     * The longest time from a request's first byte to the end of its head, TLS handshake included: positive, not
     * longer than {@link #requestTimeout(Duration) requestTimeout}; key {@code header-timeout}, default 5 s (or the
     * request timeout when that is shorter).
     */
    public PrometheusExporterBuilder headerTimeout(Duration timeout) {
        return set("header-timeout", timeout);
    }

    /**
     * The longest time from a request's first byte to its last response byte, positive; key
     * {@code request-timeout}, default 10 s.
     */
    public PrometheusExporterBuilder requestTimeout(Duration timeout) {
        return set("request-timeout", timeout);
    }

    /**
     * Which metric families the endpoint writes, in both text formats: the Python original's ({@code seed}), the
     * idiomatic ones ({@code idiomatic}) or both; key {@code families}, default {@code both}. See
     * {@link FamilySelection}.
     */
    public PrometheusExporterBuilder families(FamilySelection families) {
        return set("families", families);
    }

    /**
     * How the endpoint writes each task's execution durations: a summary ({@code summary}, {@code _sum} and
     * {@code _count}) or a histogram with the scheduler's buckets ({@code histogram}, for {@code histogram_quantile}
     * and exemplars); key {@code durations}, default {@code summary}. See {@link DurationSeries}.
     */
    public PrometheusExporterBuilder durations(DurationSeries durations) {
        return set("durations", durations);
    }

    /** The exporter with these settings, configured and checked when the scheduler is built. */
    public PrometheusExporter build() {
        return new PrometheusExporter(settings());
    }
}
