package io.symphra.metrics.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link ConfigSource} that asks several layers in order and takes the first value found. The standard order
 * is: explicit values, Java system properties, environment variables. An environment variable's name is the key
 * upper-cased with every character that is not a letter or digit replaced by {@code _}:
 * {@code symphra.exporter.statsd.host} is read from {@code SYMPHRA_EXPORTER_STATSD_HOST}.
 */
public final class LayeredConfigSource implements ConfigSource {

    private record Layer(String origin, Map<String, String> values, boolean environment) {}

    private final List<Layer> layers;
    private final Map<String, String> environment;

    private LayeredConfigSource(List<Layer> layers, Map<String, String> environment) {
        this.layers = List.copyOf(layers);
        this.environment = environment;
    }

    /** The standard layering: the given values, then {@link System#getProperties()}, then {@link System#getenv()}. */
    public static LayeredConfigSource standard(Map<String, String> explicitValues) {
        return builder()
                .add("builder", explicitValues)
                .addSystemProperties(System.getProperties())
                .addEnvironment(System.getenv())
                .build();
    }

    /** Starts an empty layering; layers added first win. */
    public static Builder builder() {
        return new Builder();
    }

    /** The environment variable that holds {@code key}: {@code a.b-c} becomes {@code A_B_C}. */
    public static String environmentVariableFor(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<ConfigValue> get(String key) {
        for (Layer layer : layers) {
            String name = layer.environment ? environmentVariableFor(key) : key;
            String value = layer.values.get(name);
            if (value != null) {
                String origin = layer.environment ? "environment variable " + name : layer.origin;
                return Optional.of(new ConfigValue(key, value, origin));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ConfigValue> valuesUnder(String prefix) {
        String variablePrefix = environmentVariableFor(prefix);
        List<ConfigValue> found = new ArrayList<>();
        for (Layer layer : layers) {
            layer.values.forEach((name, value) -> {
                if (layer.environment ? name.startsWith(variablePrefix) : name.startsWith(prefix)) {
                    String origin = layer.environment ? "environment variable " + name : layer.origin;
                    found.add(new ConfigValue(name, value, origin));
                }
            });
        }
        return found;
    }

    @Override
    public Optional<String> environment(String variable) {
        return Optional.ofNullable(environment.get(variable));
    }

    @Override
    public String toString() {
        return "LayeredConfigSource" + layers.stream().map(Layer::origin).toList();
    }

    /** Collects layers for a {@link LayeredConfigSource}. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private Map<String, String> environment = Map.of();

        private Builder() {}

        /** Adds a layer of full keys to values; {@code origin} names it in error messages. */
        public Builder add(String origin, Map<String, String> values) {
            layers.add(new Layer(origin, Map.copyOf(values), false));
            return this;
        }

        /** Adds the {@code symphra.*} entries of the given properties as a layer. */
        public Builder addSystemProperties(Properties properties) {
            Map<String, String> values = new java.util.HashMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("symphra.")) {
                    values.put(name, properties.getProperty(name));
                }
            }
            layers.add(new Layer("system property", values, false));
            return this;
        }

        /**
         * Adds an environment as a layer, read through {@link LayeredConfigSource#environmentVariableFor}; the
         * same map answers {@link ConfigSource#environment(String)}.
         */
        public Builder addEnvironment(Map<String, String> env) {
            Map<String, String> copy = Map.copyOf(env);
            layers.add(new Layer("environment", copy, true));
            environment = copy;
            return this;
        }

        public LayeredConfigSource build() {
            return new LayeredConfigSource(layers, environment);
        }
    }
}
