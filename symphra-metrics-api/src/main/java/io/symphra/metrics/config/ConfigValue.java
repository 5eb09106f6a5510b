package io.symphra.metrics.config;

import java.util.Objects;

/**
 * One raw configuration value and where it came from.
 *
 * @param key    the full key, such as {@code symphra.exporter.statsd.port}
 * @param value  the raw text
 * @param origin where the value was found, for error messages, such as {@code environment variable
 *               SYMPHRA_EXPORTER_STATSD_PORT}
 */
public record ConfigValue(String key, String value, String origin) {

    public ConfigValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        // The value may be a secret; a ConfigValue never prints it.
        return "ConfigValue[" + key + " from " + origin + "]";
    }
}
