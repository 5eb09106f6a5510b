package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.config.ConfigSource;
import io.symphra.metrics.config.ConfigValue;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.LayeredConfigSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Checks the keys set under {@code symphra.exporter.}: a key an enabled exporter does not read fails the build,
 * naming the closest key it does read; settings that the build ignores (a disabled exporter's, or an absent
 * exporter's) are collected for one warning.
 */
final class ExporterKeys {

    private static final String ENABLED = "enabled";

    private final Set<String> exporterNames;
    private final List<String> ignored = new ArrayList<>();

    ExporterKeys(Collection<String> exporterNames) {
        this.exporterNames = Set.copyOf(exporterNames);
    }

    /**
     * After {@code configure}: fails on the first key under the exporter's prefix that it never asked for.
     *
     * @throws InvalidConfigException naming the key, its origin and the closest supported key
     */
    void checkAllRead(ExporterConfig config, ConfigSource source) {
        Set<String> supported = config.keysRead();
        for (ConfigValue value : valuesOf(config, source)) {
            String typed = relative(config, value);
            if (!supported.contains(typed)) {
                throw unknown(config, value, typed, supported);
            }
        }
    }

    /** For a disabled exporter: a misspelled {@code enabled} fails; its other settings are noted as ignored. */
    void noteDisabled(ExporterConfig config, ConfigSource source) {
        for (ConfigValue value : valuesOf(config, source)) {
            String typed = relative(config, value);
            if (typed.equals(ENABLED)) {
                continue;
            }
            if (ClosestKey.to(typed, List.of(ENABLED)).isPresent()) {
                throw unknown(config, value, typed, List.of(ENABLED));
            }
            ignored.add(value.key() + " (exporter '" + config.exporterName() + "' is off: set " + config.key(ENABLED)
                    + "=true to turn it on)");
        }
    }

    /** Notes the settings under {@code symphra.exporter.} that name no exporter here. */
    void noteUnclaimed(ConfigSource source, Collection<String> runtimeKeys) {
        String variablePrefix = LayeredConfigSource.environmentVariableFor(ExporterConfig.PREFIX);
        for (ConfigValue value : source.valuesUnder(ExporterConfig.PREFIX)) {
            String name = value.key();
            boolean claimed = runtimeKeys.contains(name)
                    || runtimeKeys.stream()
                            .map(LayeredConfigSource::environmentVariableFor)
                            .anyMatch(name::equals)
                    || exporterNames.stream().anyMatch(exporter -> belongsTo(name, exporter));
            if (!claimed) {
                String rest = name.startsWith(variablePrefix)
                        ? name.substring(variablePrefix.length())
                        : name.substring(ExporterConfig.PREFIX.length());
                ignored.add(name + " (no exporter named after '" + firstPart(rest)
                        + "' is on the class path; add its Maven module)");
            }
        }
    }

    /** Logs one warning naming every ignored setting, if there is any. */
    void warnIgnored(Logger log) {
        if (!ignored.isEmpty()) {
            log.warn("These exporter settings are ignored: {}", String.join("; ", ignored));
        }
    }

    private List<ConfigValue> valuesOf(ExporterConfig config, ConfigSource source) {
        List<ConfigValue> own = new ArrayList<>();
        for (ConfigValue value : source.valuesUnder(config.key(""))) {
            if (belongsTo(value.key(), config.exporterName())) {
                own.add(value);
            }
        }
        return own;
    }

    /**
     * Whether a key or variable is under this exporter's prefix and not under a longer exporter name's (an
     * environment variable cannot tell exporter {@code a} with key {@code b.c} from exporter {@code a-b}).
     */
    private boolean belongsTo(String name, String exporter) {
        if (name.startsWith(ExporterConfig.PREFIX + exporter + ".")) {
            return true;
        }
        String variablePrefix = LayeredConfigSource.environmentVariableFor(ExporterConfig.PREFIX + exporter + ".");
        if (!name.startsWith(variablePrefix)) {
            return false;
        }
        for (String other : exporterNames) {
            String otherPrefix = LayeredConfigSource.environmentVariableFor(ExporterConfig.PREFIX + other + ".");
            if (otherPrefix.length() > variablePrefix.length() && name.startsWith(otherPrefix)) {
                return false;
            }
        }
        return true;
    }

    /** The key relative to the exporter; for a variable, the supported key it spells, else its own tail. */
    private static String relative(ExporterConfig config, ConfigValue value) {
        String name = value.key();
        String keyPrefix = config.key("");
        if (name.startsWith(keyPrefix)) {
            return name.substring(keyPrefix.length());
        }
        for (String key : config.keysRead()) {
            if (config.environmentVariable(key).equals(name)) {
                return key;
            }
        }
        String tail = name.substring(config.environmentVariable("").length());
        return tail.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static InvalidConfigException unknown(
            ExporterConfig config, ConfigValue value, String typed, Collection<String> supported) {
        boolean variable = !value.key().startsWith(ExporterConfig.PREFIX);
        Map<String, String> spelled = new LinkedHashMap<>();
        supported.stream()
                .sorted()
                .forEach(key -> spelled.put(key, variable ? config.environmentVariable(key) : config.key(key)));
        Optional<String> closest = ClosestKey.to(typed, spelled.keySet());
        String hint = closest.map(key -> "did you mean " + spelled.get(key) + "?")
                .orElse("the keys it reads are " + spelled.values());
        return new InvalidConfigException(
                value.key(), value.origin(), "exporter '" + config.exporterName() + "' has no such setting; " + hint);
    }

    private static String firstPart(String rest) {
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '_') {
            end++;
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
