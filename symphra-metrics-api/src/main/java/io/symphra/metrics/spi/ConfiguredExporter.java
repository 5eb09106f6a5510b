package io.symphra.metrics.spi;

import io.symphra.metrics.config.ExporterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A base for an exporter that reads its configuration once into one settings value: it holds what every such
 * exporter has (its name, its default push interval, the settings a typed {@link ExporterBuilder} gave it, and the
 * settings {@link #configure} read), so that the exporter writes only what is its own.
 *
 * @param <S> the exporter's settings, read and validated by {@link #read(ExporterConfig)}; immutable
 */
public abstract class ConfiguredExporter<S> implements MetricsExporter {

    private final String name;
    private final Optional<Duration> defaultInterval;
    private final Map<String, String> settingsInCode;
    private volatile S settings;

    /**
     * @param name            the exporter's name, its configuration prefix
     * @param defaultInterval how often it is pushed when {@code interval} is not set; empty for a pulled exporter
     * @param settingsInCode  what a typed builder recorded, or an empty map
     */
    protected ConfiguredExporter(String name, Optional<Duration> defaultInterval, Map<String, String> settingsInCode) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultInterval = Objects.requireNonNull(defaultInterval, "defaultInterval");
        this.settingsInCode = Map.copyOf(settingsInCode);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<Duration> defaultInterval() {
        return defaultInterval;
    }

    @Override
    public final Map<String, String> settingsInCode() {
        return settingsInCode;
    }

    /** Reads the settings with {@link #read(ExporterConfig)} and keeps them for {@link #settings()}. */
    @Override
    public final void configure(ExporterConfig config) {
        settings = Objects.requireNonNull(read(config), "read(config)");
    }

    /**
     * Reads and validates every key the exporter supports, whatever the values of the others, and does no I/O.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming the key and value of the first bad setting
     */
    protected abstract S read(ExporterConfig config);

    /**
     * The settings {@link #configure} read.
     *
     * @throws IllegalStateException naming the exporter when it was not configured, as when {@code start} comes first
     */
    protected final S settings() {
        S current = settings;
        if (current == null) {
            throw new IllegalStateException("configure the '" + name + "' exporter before starting it");
        }
        return current;
    }

    /** Whether {@link #configure} has run, for a {@code close()} that must not fail on an exporter never configured. */
    protected final boolean isConfigured() {
        return settings != null;
    }
}
