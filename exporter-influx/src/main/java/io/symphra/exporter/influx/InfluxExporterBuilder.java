package io.symphra.exporter.influx;

import io.symphra.exporter.support.HttpPushExporterBuilder;
import java.net.URI;

/**
 * Configures an {@link InfluxExporter} in code, for {@code Scheduler.builder().exporter(...)}. For InfluxDB 2 (and
 * VictoriaMetrics) set {@link #org}, {@link #bucket} and {@link #token}; for InfluxDB 1.x set {@link #database}
 * and optionally {@link #retentionPolicy}, {@link #username} and {@link #password}, never keys of both. The 1.x keys
 * write to {@code /write} unless {@link #api api("v2")} sends them to InfluxDB 1.8's {@code /api/v2/write}:
 *
 * <pre>{@code
 * InfluxExporter influx = InfluxExporter.builder()
 *         .url(URI.create("https://influx.internal:8086"))
 *         .org("acme")
 *         .bucket("scheduler")
 *         .token(System.getenv("INFLUX_TOKEN"))
 *         .build();
 * }</pre>
 *
 * Each method sets one key under {@code symphra.exporter.influx.}; a value set here wins over the same key as a
 * system property or environment variable. Values are checked when the scheduler is built, exactly as the keys
 * are, and a bad one fails the build naming the key and {@code (from code)}. The exporter is enabled unless
 * {@link #enabled(boolean) enabled(false)} says otherwise and pushes every 10 seconds unless
 * {@link #interval(java.time.Duration) interval} says otherwise. The inherited {@code timeout},
 * {@code maxAttempts}, {@code backoff} and {@code maxBackoff} bound each write.
 */
public final class InfluxExporterBuilder extends HttpPushExporterBuilder<InfluxExporterBuilder> {

    InfluxExporterBuilder() {}

    /**
     * The server's base URL, a path prefix allowed: absolute {@code http://} or {@code https://} with a host, no
     * user info, query or fragment; key {@code url}, default {@code http://localhost:8086}.
     */
    public InfluxExporterBuilder url(URI url) {
        return set("url", url == null ? null : url.toString());
    }

    /** The InfluxDB 2 organisation; key {@code org}, no default, required unless {@link #database} is set. */
    public InfluxExporterBuilder org(String org) {
        return set("org", org);
    }

    /** The InfluxDB 2 bucket; key {@code bucket}, no default, required unless {@link #database} is set. */
    public InfluxExporterBuilder bucket(String bucket) {
        return set("bucket", bucket);
    }

    /** The InfluxDB 2 API token, sent as {@code Authorization: Token ...}, a secret; key {@code token}, no default. */
    public InfluxExporterBuilder token(String token) {
        return set("token", token);
    }

    /**
     * The endpoint: {@code v1} for {@code /write}, {@code v2} for {@code /api/v2/write}; key {@code api}, default
     * {@code v1} when {@link #database} is set, else {@code v2}.
     */
    public InfluxExporterBuilder api(String api) {
        return set("api", api);
    }

    /** The InfluxDB 1.x database; key {@code database}, no default, required with the other 1.x keys. */
    public InfluxExporterBuilder database(String database) {
        return set("database", database);
    }

    /** The InfluxDB 1.x retention policy; key {@code retention-policy}, default the database's own. */
    public InfluxExporterBuilder retentionPolicy(String retentionPolicy) {
        return set("retention-policy", retentionPolicy);
    }

    /** The InfluxDB 1.x user, sent with HTTP Basic authentication; key {@code username}, no default, required when {@link #password} is set. */
    public InfluxExporterBuilder username(String username) {
        return set("username", username);
    }

    /** The InfluxDB 1.x password, a secret; key {@code password}, no default. */
    public InfluxExporterBuilder password(String password) {
        return set("password", password);
    }

    /** The unit of the points' timestamps; key {@code precision}, default {@link TimestampPrecision#NS}. */
    public InfluxExporterBuilder precision(TimestampPrecision precision) {
        return set("precision", precision);
    }

    /** The most points per write request, 1 to 1000000; key {@code batch-size}, default 5000. */
    public InfluxExporterBuilder batchSize(int points) {
        return set("batch-size", points);
    }

    /** The most points kept while the server is unreachable, 1 to 100000000; key {@code buffer-limit}, default 100000. */
    public InfluxExporterBuilder bufferLimit(int points) {
        return set("buffer-limit", points);
    }

    /** The exporter with these settings, configured and checked when the scheduler is built. */
    public InfluxExporter build() {
        return new InfluxExporter(settings());
    }
}
