package io.symphra.metrics.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The base of an exporter's typed builder, so that a Java user configures an exporter in code without string
 * keys: {@code StatsdExporter.builder().host("localhost").port(8125).build()}, passed to the scheduler's builder.
 *
 * <p>A builder records each setting under the exporter's relative key, in the text form a properties file would
 * use, and the exporter hands them to the scheduler through {@link MetricsExporter#settingsInCode()}. So a value
 * set in code is validated exactly as the same value set as a property, when the scheduler is built, and an error
 * names the key. An exporter made by a builder is enabled unless {@link #enabled(boolean) enabled(false)} says
 * otherwise; settings in code win over system properties and the environment.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ExporterBuilder<B extends ExporterBuilder<B>> {

    private final Map<String, String> settings = new LinkedHashMap<>();

    protected ExporterBuilder() {
        settings.put("enabled", "true");
    }

    /** Whether the exporter runs (default true for an exporter made by a builder). */
    public B enabled(boolean enabled) {
        return set("enabled", Boolean.toString(enabled));
    }

    /** How often the scheduler pushes; at least 100 ms. Pull-only exporters ignore it. */
    public B interval(Duration interval) {
        return set("interval", interval);
    }

    /** Records a setting as text; {@code null} is refused with the key's name. */
    protected final B set(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must not be null");
        }
        settings.put(key, value);
        return self();
    }

    /** Records a duration in ISO-8601 ({@code PT10S}), which every duration key accepts. */
    protected final B set(String key, Duration value) {
        return set(key, value == null ? null : value.toString());
    }

    /** Records a whole number. */
    protected final B set(String key, long value) {
        return set(key, Long.toString(value));
    }

    /** Records an enum constant the way the keys write it: lower case, {@code -} for {@code _}. */
    protected final B set(String key, Enum<?> value) {
        return set(
                key,
                value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * Records a map in the {@code k1=v1,k2=v2} form map keys use. A name holding {@code =} or {@code ,}, or a
     * value holding {@code ,}, cannot be written that way and is refused, naming the key.
     */
    protected final B set(String key, Map<String, String> value) {
        Objects.requireNonNull(value, key);
        StringBuilder text = new StringBuilder();
        value.forEach((name, entry) -> {
            if (name.contains("=") || name.contains(",") || entry.contains(",")) {
                throw new IllegalArgumentException(
                        key + ": entry '" + name + "' cannot hold '=' in its name or ',' in its name or value");
            }
            text.append(text.length() == 0 ? "" : ",").append(name).append('=').append(entry);
        });
        return set(key, text.toString());
    }

    /** What was set, keyed relative to the exporter; the exporter returns it from its {@code settingsInCode()}. */
    protected final Map<String, String> settings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
