package io.symphra.exporter.influx;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Configures and starts an exporter against a real server, for the integration tests. */
final class StartedExporter {

    private StartedExporter() {}

    /**
     * An exporter started with {@code defaults}, each overridden by the {@code keyValues} pairs (a null value removes
     * the key); it and its context are added to {@code toClose}.
     */
    static InfluxExporter start(Map<String, String> defaults, String[] keyValues, List<AutoCloseable> toClose) {
        Map<String, String> config = new HashMap<>(defaults);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove(keyValues[i]);
            } else {
                config.put(keyValues[i], keyValues[i + 1]);
            }
        }
        ExporterConfig exporterConfig = ExporterConfig.of("influx", config);
        InfluxExporter exporter = new InfluxExporter();
        exporter.configure(exporterConfig);
        TestExporterContext context = new TestExporterContext(exporterConfig, MetricsSnapshot.empty(Instant.now()));
        toClose.add(context);
        toClose.add(exporter);
        exporter.start(context);
        return exporter;
    }
}
