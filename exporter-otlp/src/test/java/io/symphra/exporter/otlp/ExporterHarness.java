package io.symphra.exporter.otlp;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.LayeredConfigSource;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures and starts exporters the way the scheduler's runtime does, with keys relative to
 * {@code symphra.exporter.otlp.} and an injected environment, and closes them (and any receiver kept) afterwards.
 */
final class ExporterHarness implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Keeps {@code resource} to close it with the harness. */
    <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    OtlpExporter start(Map<String, String> relativeConfig, Map<String, String> env, MetricsSnapshot snapshot)
            throws Exception {
        Map<String, String> full = new HashMap<>();
        relativeConfig.forEach((k, v) -> full.put(ExporterConfig.PREFIX + "otlp." + k, v));
        ExporterConfig config = ExporterConfig.of(
                "otlp",
                LayeredConfigSource.builder()
                        .add("test", full)
                        .addEnvironment(env)
                        .build());
        OtlpExporter exporter = new OtlpExporter();
        exporter.configure(config);
        TestExporterContext context = keep(new TestExporterContext(config, () -> snapshot, Clock.systemUTC()));
        exporter.start(context);
        return keep(exporter);
    }

    /** Closes everything kept, last first; the first failure is rethrown after every close was tried. */
    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException("closing a test resource failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
