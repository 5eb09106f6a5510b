package io.symphra.scheduler.testkit;

import io.symphra.scheduler.Scheduler;
import java.util.Map;
import java.util.Properties;

/** A scheduler builder that sees nothing of the machine: metrics on, no discovered exporters, no system
 * properties and no environment, so that only what the test sets configures it. */
public final class IsolatedScheduler {

    private IsolatedScheduler() {}

    public static Scheduler.Builder builder() {
        return Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .systemProperties(new Properties())
                .environment(Map.of());
    }

    /**
     * A builder like {@link #builder()}, except that it finds the bundled exporters with {@code ServiceLoader}, with
     * one key of the exporter named {@code exporter} set, {@code symphra.exporter.<exporter>.<relativeKey> =
     * value}, and that exporter enabled, unless the key set is {@code enabled} itself.
     */
    public static Scheduler.Builder discoveringWith(String exporter, String relativeKey, String value) {
        String prefix = "symphra.exporter." + exporter + ".";
        Scheduler.Builder builder = builder().discoverExporters(true).exporterProperty(prefix + relativeKey, value);
        if (!relativeKey.equals("enabled")) {
            builder.exporterProperty(prefix + "enabled", "true");
        }
        return builder;
    }
}
