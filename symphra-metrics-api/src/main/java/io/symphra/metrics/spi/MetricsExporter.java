package io.symphra.metrics.spi;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers metrics snapshots to a backend.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>{@link #configure(ExporterConfig)} once, when the scheduler is built: read and validate every key, throwing
 *       {@link InvalidConfigException} for a bad value so the user's mistake fails fast. Do no I/O here. This is
 *       the only way the configuration reaches the exporter: keep what {@code start} needs. A key under the
 *       exporter's prefix that {@code configure} never asked for fails the build as unknown, so read every key
 *       the exporter supports, whatever the values of the others.</li>
 *   <li>{@link #start(ExporterContext)} when the scheduler starts: open sockets, start servers.</li>
 *   <li>{@link #export(MetricsSnapshot)} at every push interval, on the exporter's own thread, for exporters that
 *       push. A push that throws, an exception or an {@code Error} such as a failed assertion or a
 *       {@code StackOverflowError}, is counted as a failure and logged by the scheduler; the next push still
 *       happens. Other {@code VirtualMachineError}s (out of memory) are counted and logged, then propagate. A push that is still running when the next is due makes the scheduler skip that one.</li>
 *   <li>One last {@link #export(MetricsSnapshot)} when the scheduler closes, then {@link #close()}.</li>
 * </ol>
 * An exporter is enabled when its {@code enabled} key says so, else by {@link #enabledByDefault()}, unless
 * {@link #disabledBy(ExporterConfig)} names a reason to switch it off. It pushes every {@code interval} when that
 * key is set, else every {@link #defaultInterval(ExporterConfig)} if that is present; either way the
 * interval is at least 100 ms and at most {@link io.symphra.metrics.config.DurationLimit#MAX}, or the build fails.
 *
 * <p>An exporter whose backend builds its own distributions from one observation per run also implements
 * {@link RunObserver}; the scheduler then tells it of every run as it ends.
 *
 * <h2>Discovery</h2>
 * Give the class a public no-argument constructor and list it in
 * {@code META-INF/services/io.symphra.metrics.spi.MetricsExporter}, or pass an instance to the scheduler's builder.
 * An instance passed in code replaces a discovered exporter of the same {@link #name()}. To let users configure
 * it in code without string keys, give it a typed builder on {@link ExporterBuilder}: its settings reach
 * {@link #configure} through {@link #settingsInCode()}, validated like every other key.
 *
 * <p>Implementations need not be thread-safe against themselves: the scheduler never runs two calls of one
 * exporter at once, except {@link #close()}, which may come while a push is still running after the
 * shutdown bound has passed.
 */
public interface MetricsExporter extends AutoCloseable {

    /**
     * The exporter's unique name, lower case, used as its configuration prefix:
     * {@code symphra.exporter.<name>.*}.
     */
    String name();

    /** Whether the exporter runs when its {@code enabled} key is not set. Push exporters usually say no. */
    default boolean enabledByDefault() {
        return false;
    }

    /**
     * How often to push when the {@code interval} key is not set, from 100 ms to
     * {@link io.symphra.metrics.config.DurationLimit#MAX}; empty for an exporter that is only pulled.
     */
    default Optional<Duration> defaultInterval() {
        return Optional.empty();
    }

    /**
     * How often to push when the {@code interval} key is not set, given the configuration: for an exporter whose
     * ecosystem has its own setting, such as OTLP's {@code OTEL_METRIC_EXPORT_INTERVAL}. Called when the scheduler is
     * built, before {@link #configure}; {@link #defaultInterval()} unless overridden.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming the setting when its value is bad
     */
    default Optional<Duration> defaultInterval(ExporterConfig config) {
        return defaultInterval();
    }

    /**
     * Why the exporter is switched off whatever its {@code enabled} key says, such as OTLP's
     * {@code OTEL_SDK_DISABLED=true}; empty (the default) to leave it to {@code enabled}. Called when the scheduler
     * is built, for an exporter that is enabled; one that is switched off is neither configured nor started, and the
     * reason is logged.
     */
    default Optional<String> disabledBy(ExporterConfig config) {
        return Optional.empty();
    }

    /**
     * Settings given in code, usually by a typed {@link ExporterBuilder}: keys relative to the exporter
     * ({@code "port"}) with values written as in a properties file. They win over system properties and the
     * environment, and reach {@link #configure} in its {@link ExporterConfig} with the origin {@code code}. Empty
     * for an exporter made by {@link java.util.ServiceLoader}.
     */
    default Map<String, String> settingsInCode() {
        return Map.of();
    }

    /**
     * Reads and validates the configuration. Called once, when the scheduler is built, before {@link #start}.
     *
     * @throws InvalidConfigException naming the key and value of the first bad setting
     */
    default void configure(ExporterConfig config) {}

    /** Starts the exporter: binds servers, opens clients. Throwing here fails the scheduler's start. */
    void start(ExporterContext context) throws Exception;

    /** Pushes one snapshot. Pull exporters leave this empty. */
    default void export(MetricsSnapshot snapshot) throws Exception {}

    /** Stops the exporter and releases what it holds. Must not throw and must not block for long. */
    @Override
    void close();
}
