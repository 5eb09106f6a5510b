package io.symphra.spring.boot;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code symphra.exporter.*} keys of the application's configuration (application.properties, YAML, command
 * line, ...), each with the value Spring resolves for it. System properties and environment variables are left
 * out: the scheduler reads those itself, and names them as the source in its errors.
 */
final class ExporterKeys {

    static final String PREFIX = "symphra.exporter.";

    private ExporterKeys() {}

    static Map<String, String> of(ConfigurableEnvironment environment) {
        Map<String, String> keys = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (isReadByTheScheduler(source) || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (name.startsWith(PREFIX) && !keys.containsKey(name)) {
                    String value = environment.getProperty(name);
                    if (value != null) {
                        keys.put(name, value);
                    }
                }
            }
        }
        return keys;
    }

    private static boolean isReadByTheScheduler(PropertySource<?> source) {
        return source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                || source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    }
}
