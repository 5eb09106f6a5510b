package io.symphra.exporter.influx;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.SmallHeap;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.util.Map;

/**
 * One real push to the server in {@code args[0]}, which answers 503 with an endless body, run by
 * {@link InfluxExporterTest} in a JVM with a small heap.
 */
final class EndlessBodyInfluxPush {

    static final String JUDGED = "unavailable, HTTP 503";

    private EndlessBodyInfluxPush() {}

    public static void main(String[] args) {
        ExporterConfig config = ExporterConfig.of(
                "influx", Map.of("url", args[0], "org", "acme", "bucket", "metrics", "timeout", "30s"));
        MetricsSnapshot snapshot =
                SnapshotBuilder.snapshot().task("alpha", 2, 1).build();
        SmallHeap.measure(JUDGED, () -> {
            InfluxExporter exporter = new InfluxExporter();
            exporter.configure(config);
            try (TestExporterContext context = new TestExporterContext(config, snapshot)) {
                exporter.start(context);
                exporter.export(snapshot);
                return "delivered";
            } catch (InfluxPushException e) {
                return e.getMessage().contains("HTTP 503") ? JUDGED : "failed: " + e.getMessage();
            } finally {
                exporter.close();
            }
        });
    }
}
