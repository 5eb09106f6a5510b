package io.symphra.metrics.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where raw configuration values come from. The scheduler supplies a layered source (builder, system
 * properties, environment); tests and custom exporters can use {@link #of(Map)}.
 */
public interface ConfigSource {

    /** The value of a full key such as {@code symphra.exporter.statsd.port}, if any source sets it. */
    Optional<ConfigValue> get(String key);

    /**
     * A raw environment variable, for exporters that honour a standard outside the {@code symphra.*} keys
     * (such as {@code OTEL_EXPORTER_OTLP_ENDPOINT}). Tests replace the environment through the source.
     */
    Optional<String> environment(String variable);

    /** A source holding exactly the given full keys and values, with an empty environment. */
    static ConfigSource of(Map<String, String> values) {
        return LayeredConfigSource.builder().add("configuration", values).build();
    }
}
