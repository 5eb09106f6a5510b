package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.config.ConfigSource;
import io.symphra.metrics.config.ConfigValue;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.spi.MetricsExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An exporter's settings in code ({@link MetricsExporter#settingsInCode()}) in front of the scheduler's source. */
final class CodeSettingsSource implements ConfigSource {

    private static final String ORIGIN = "code";

    private final String prefix;
    private final Map<String, String> settings;
    private final ConfigSource rest;

    private CodeSettingsSource(String prefix, Map<String, String> settings, ConfigSource rest) {
        this.prefix = prefix;
        this.settings = settings;
        this.rest = rest;
    }

    /** {@code rest} itself when the exporter has no settings in code. */
    static ConfigSource over(ConfigSource rest, MetricsExporter exporter) {
        Map<String, String> settings = exporter.settingsInCode();
        return settings.isEmpty()
                ? rest
                : new CodeSettingsSource(ExporterConfig.PREFIX + exporter.name() + ".", Map.copyOf(settings), rest);
    }

    @Override
    public Optional<ConfigValue> get(String key) {
        if (key.startsWith(prefix)) {
            String value = settings.get(key.substring(prefix.length()));
            if (value != null) {
                return Optional.of(new ConfigValue(key, value, ORIGIN));
            }
        }
        return rest.get(key);
    }

    @Override
    public List<ConfigValue> valuesUnder(String keyPrefix) {
        List<ConfigValue> found = new ArrayList<>();
        settings.forEach((relative, value) -> {
            String key = prefix + relative;
            if (key.startsWith(keyPrefix)) {
                found.add(new ConfigValue(key, value, ORIGIN));
            }
        });
        found.addAll(rest.valuesUnder(keyPrefix));
        return found;
    }

    @Override
    public Optional<String> environment(String variable) {
        return rest.environment(variable);
    }
}
