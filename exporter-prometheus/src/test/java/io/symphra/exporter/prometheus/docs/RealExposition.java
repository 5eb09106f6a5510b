package io.symphra.exporter.prometheus.docs;

import io.symphra.exporter.prometheus.DurationSeries;
import io.symphra.exporter.prometheus.ExpositionFormat;
import io.symphra.exporter.prometheus.FamilySelection;
import io.symphra.exporter.prometheus.PrometheusRenderer;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the exporter really writes, as sample names and their family types: a snapshot in which every family has
 * samples (a task that succeeded and failed, one that never ran, an exporter that pushed and failed) rendered by
 * the real {@link PrometheusRenderer} in both formats, with the durations as a histogram, so that the bucket
 * samples are there (a summary's samples are the histogram's {@code _sum} and {@code _count}). The scheduler is a
 * clustered one, so the cluster families are there too.
 */
final class RealExposition {

    /** Sample name to the 0.0.4 type of its family: counter, gauge, histogram or summary. */
    private final Map<String, String> textTypes;

    private final Set<String> openMetricsNames;
    private final Map<String, String> openMetricsFamilies;

    private RealExposition(Map<String, String> textTypes, String openMetrics) {
        this.textTypes = textTypes;
        this.openMetricsNames = sampleTypes(openMetrics).keySet();
        this.openMetricsFamilies = familyTypes(openMetrics);
    }

    static RealExposition render() {
        MetricsSnapshot snapshot = snapshot();
        return new RealExposition(
                sampleTypes(write(
                        ExpositionFormat.PROMETHEUS_TEXT, FamilySelection.BOTH, DurationSeries.HISTOGRAM, snapshot)),
                write(ExpositionFormat.OPENMETRICS, FamilySelection.BOTH, DurationSeries.HISTOGRAM, snapshot));
    }

    /**
     * The sample lines of one task in the rendering of {@code families}: {@code report} has run, succeeded, failed
     * and has a next fire planned, so it has every per-task series; {@code idle} has never run.
     */
    static long seriesOfTask(ExpositionFormat format, FamilySelection families, DurationSeries durations, String task) {
        String label = "task=\"" + task + "\"";
        return write(format, families, durations, snapshot())
                .lines()
                .filter(line -> !line.startsWith("#") && line.contains(label))
                .count();
    }

    private static MetricsSnapshot snapshot() {
        return SnapshotBuilder.snapshot()
                .label("service", "billing")
                .exporter(new ExporterStats(
                        "statsd",
                        7,
                        2,
                        1,
                        Instant.parse("2026-01-01T00:00:59Z"),
                        Instant.parse("2026-01-01T00:00:30Z")))
                .task("report", new long[] {10, 300}, new long[] {20}, 1, 2, 3, 1)
                .signals(
                        "report",
                        new ScheduleSignals(Instant.parse("2026-01-01T00:01:30Z"), 2, 1_000_000_000L),
                        new ClusterClaims(3, 2, 1, 1, 0, 5, 10_000_000L, 4_000_000L))
                .task("idle", new long[0], new long[0], 0, 0, 0, 0)
                .scheduler(new SchedulerState("1.2.3", 1, 0, true))
                .build();
    }

    /** Every sample name of the 0.0.4 text, with the type of its family. */
    Map<String, String> textSampleTypes() {
        return textTypes;
    }

    /** Every sample name of the OpenMetrics text. */
    Set<String> openMetricsSampleNames() {
        return openMetricsNames;
    }

    /** Every family of the OpenMetrics text, with its declared type. */
    Map<String, String> openMetricsFamilyTypes() {
        return openMetricsFamilies;
    }

    private static Map<String, String> familyTypes(String exposition) {
        Map<String, String> families = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                families.put(parts[2], parts[3]);
            }
        }
        return families;
    }

    private static String write(
            ExpositionFormat format, FamilySelection families, DurationSeries durations, MetricsSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusRenderer.of(format, families, durations).write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> sampleTypes(String exposition) {
        Map<String, String> familyTypes = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                familyTypes.put(parts[2], parts[3]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                String sample = line.substring(0, end);
                samples.put(sample, typeOf(sample, familyTypes));
            }
        }
        return samples;
    }

    /** The type of the family a sample belongs to: its own name, or its name less a histogram/summary suffix. */
    private static String typeOf(String sample, Map<String, String> familyTypes) {
        for (String suffix : new String[] {"", "_total", "_bucket", "_sum", "_count"}) {
            if (sample.endsWith(suffix)) {
                String family = familyTypes.get(sample.substring(0, sample.length() - suffix.length()));
                if (family != null) {
                    return family;
                }
            }
        }
        return "unknown";
    }
}
