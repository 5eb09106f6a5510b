package io.symphra.metrics.config;

import java.util.List;
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

    /**
     * Every value set under a key prefix such as {@code symphra.exporter.statsd.}, in every layer, so that the
     * scheduler can report keys nobody reads. A value from the environment is listed under its variable's name
     * ({@code SYMPHRA_EXPORTER_STATSD_HOST}), since the variable does not tell the dots from the dashes of the key.
     * A source that cannot list its values returns an empty list.
     */
    default List<ConfigValue> valuesUnder(String prefix) {
        return List.of();
    }

    /** A source holding exactly the given full keys and values, with an empty environment. */
    static ConfigSource of(Map<String, String> values) {
        return LayeredConfigSource.builder().add("configuration", values).build();
    }
}
