package io.symphra.exporter.json;

import io.symphra.exporter.support.HttpPushExporterBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configures a {@link JsonMetricsExporter} in code, for {@code Scheduler.builder().exporter(...)}:
 *
 * <pre>{@code
 * JsonMetricsExporter json = JsonMetricsExporter.builder()
 *         .filePath(Path.of("/var/lib/myapp/metrics.json"))
 *         .pushUrl(URI.create("https://collector.example.com/v1/scheduler"))
 *         .pushHeaders(Map.of("Authorization", "Bearer " + token))
 *         .build();
 * }</pre>
 *
 * Each method sets one key under {@code symphra.exporter.json.}; a value set here wins over the same key as a
 * system property or environment variable. Values are checked when the scheduler is built, exactly as the keys
 * are, and a bad one fails the build naming the key and {@code (from code)}. The exporter is enabled unless
 * {@link #enabled(boolean) enabled(false)} says otherwise and pushes every 10 seconds unless
 * {@link #interval(java.time.Duration) interval} says otherwise; every sink is off until its key is set. The
 * inherited {@code timeout}, {@code maxAttempts}, {@code backoff} and {@code maxBackoff} bound the HTTP push.
 */
public final class JsonMetricsExporterBuilder extends HttpPushExporterBuilder<JsonMetricsExporterBuilder> {

    JsonMetricsExporterBuilder() {}

    /**
     * The file replaced atomically at each push, which turns the file sink on; key {@code file.path}, no default
     * (file sink off). Its directory must exist and allow creating files; the path must not be a directory, a
     * symbolic link or a special file.
     */
    public JsonMetricsExporterBuilder filePath(Path file) {
        return set("file.path", file == null ? null : file.toString());
    }

    /** Whether each document is logged as one INFO line; key {@code log.enabled}, default false. */
    public JsonMetricsExporterBuilder logEnabled(boolean enabled) {
        return set("log.enabled", Boolean.toString(enabled));
    }

    /** The SLF4J logger of those lines; key {@code log.logger}, default {@code io.symphra.metrics.json}. */
    public JsonMetricsExporterBuilder logLogger(String loggerName) {
        return set("log.logger", loggerName);
    }

    /**
     * The URL each document is POSTed to, which turns HTTP push on: absolute {@code http://} or {@code https://}
     * with a host and no user info (put credentials in {@link #pushHeaders(Map)}); key {@code push.url}, no
     * default (HTTP push off).
     */
    public JsonMetricsExporterBuilder pushUrl(URI url) {
        return set("push.url", url == null ? null : url.toString());
    }

    /**
     * Extra headers sent with each push, such as {@code Authorization}, a secret masked everywhere; key
     * {@code push.headers}, default none. Names the JDK client sets itself ({@code Host}, {@code Content-Length},
     * {@code Connection}, ...) or characters HTTP does not allow fail the build; a name holding {@code =} or
     * {@code ,}, or a value holding {@code ,}, is refused here.
     */
    public JsonMetricsExporterBuilder pushHeaders(Map<String, String> headers) {
        return set("push.headers", headers);
    }

    /** The exporter with these settings, configured and checked when the scheduler is built. */
    public JsonMetricsExporter build() {
        return new JsonMetricsExporter(settings());
    }
}
