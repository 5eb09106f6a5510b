package io.symphra.scheduler;

import io.symphra.metrics.spi.MetricsFormat;
import java.util.Locale;
import java.util.Map;

/** Explains a missing {@link MetricsFormat}: which Maven artifact provides it, or which formats there are. */
final class MissingFormat {

    private static final Map<String, String> ARTIFACTS = Map.of(
            "prometheus", "symphra-exporter-prometheus",
            "openmetrics", "symphra-exporter-prometheus",
            "json", "symphra-exporter-json",
            "influx", "symphra-exporter-influx");

    private MissingFormat() {}

    static String message(String format, ClassLoader loader) {
        String artifact = ARTIFACTS.get(format.toLowerCase(Locale.ROOT));
        String available = MetricsFormat.available(loader).stream()
                .map(MetricsFormat::name)
                .sorted()
                .toList()
                .toString();
        if (artifact != null) {
            return "no metrics format named '" + format + "' on the classpath; add the Maven artifact io.symphra:"
                    + artifact + " (version from io.symphra:symphra-bom). Available formats: " + available;
        }
        return "no metrics format named '" + format + "' on the classpath. Available formats: " + available;
    }
}
