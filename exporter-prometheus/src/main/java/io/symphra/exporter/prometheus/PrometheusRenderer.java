package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes a {@link MetricsSnapshot} as Prometheus text 0.0.4 or OpenMetrics 1.0 text, for applications that serve
 * metrics from their own HTTP stack (a servlet, Spring MVC, Netty, ...): set the response's {@code Content-Type}
 * to {@link #contentType()} and call {@link #write(MetricsSnapshot, OutputStream)} with the response body.
 *
 * <p>Rendering streams: nothing is built up as one string, and the output is written through a small buffer as it
 * is produced. The metric families, their names, types and labels and the escaping rules are described in
 * {@code docs/prometheus.md}; every task name is accepted and escaped. Instances are thread-safe. Between renders an
 * instance keeps the escaped task labels of its last rendering (about 25 bytes per task plus the names), which the
 * next rendering reuses when its snapshot holds the same tasks. {@link #of(ExpositionFormat, FamilySelection)} gives a
 * renderer that writes only the Python original's families or only the idiomatic ones, to bound the series per task;
 * {@link #of(ExpositionFormat, FamilySelection, DurationSeries)} also chooses whether each task's durations are a
 * summary (the default) or a histogram with buckets.
 *
 * <pre>{@code
 * PrometheusRenderer renderer = PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT);
 * response.setContentType(renderer.contentType());
 * renderer.write(snapshot, response.getOutputStream()); // snapshot: the scheduler's current MetricsSnapshot
 * }</pre>
 */
public final class PrometheusRenderer {

    /** One renderer per format, selection and durations, by their ordinals, so each keeps its own label cache. */
    private static final PrometheusRenderer[][][] RENDERERS = renderers();

    private final ExpositionFormat format;
    private final FamilySelection families;
    private final DurationSeries durations;
    private final LabelBlockCache taskLabels = new LabelBlockCache("task");

    private PrometheusRenderer(ExpositionFormat format, FamilySelection families, DurationSeries durations) {
        this.format = format;
        this.families = families;
        this.durations = durations;
    }

    /**
     * The renderer of the given format, writing every family ({@link FamilySelection#BOTH}) and durations as a
     * summary ({@link DurationSeries#SUMMARY}).
     */
    public static PrometheusRenderer of(ExpositionFormat format) {
        return of(format, FamilySelection.BOTH);
    }

    /**
     * The renderer of the given format, writing only the families {@code families} selects, and durations as a
     * summary ({@link DurationSeries#SUMMARY}).
     */
    public static PrometheusRenderer of(ExpositionFormat format, FamilySelection families) {
        return of(format, families, DurationSeries.SUMMARY);
    }

    /** The renderer of the given format, writing the families {@code families} selects and durations as asked. */
    public static PrometheusRenderer of(ExpositionFormat format, FamilySelection families, DurationSeries durations) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(families, "families");
        Objects.requireNonNull(durations, "durations");
        return RENDERERS[format.ordinal()][families.ordinal()][durations.ordinal()];
    }

    private static PrometheusRenderer[][][] renderers() {
        PrometheusRenderer[][][] all = new PrometheusRenderer[ExpositionFormat.values().length][][];
        for (ExpositionFormat format : ExpositionFormat.values()) {
            all[format.ordinal()] = new PrometheusRenderer[FamilySelection.values().length][];
            for (FamilySelection families : FamilySelection.values()) {
                PrometheusRenderer[] byDurations = new PrometheusRenderer[DurationSeries.values().length];
                for (DurationSeries durations : DurationSeries.values()) {
                    byDurations[durations.ordinal()] = new PrometheusRenderer(format, families, durations);
                }
                all[format.ordinal()][families.ordinal()] = byDurations;
            }
        }
        return all;
    }

    /** The format this renderer writes. */
    public ExpositionFormat format() {
        return format;
    }

    /** The families this renderer writes. */
    public FamilySelection families() {
        return families;
    }

    /** How this renderer writes each task's execution durations. */
    public DurationSeries durations() {
        return durations;
    }

    /** The HTTP {@code Content-Type} to send with the rendering. */
    public String contentType() {
        return format.contentType();
    }

    /**
     * Writes the snapshot as UTF-8 to {@code out} and flushes it. The stream is not closed, and may be a
     * compressing stream supplied by the caller.
     *
     * @throws IOException when the stream fails; what was written before stays written
     */
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(out, "out");
        SnapshotWriter.write(snapshot, format, families, durations, out, taskLabels);
    }

    /**
     * Writes the snapshot to a character stream and flushes it, without closing it. The bytes are produced as
     * UTF-8 and decoded chunk by chunk into {@code out}; prefer {@link #write(MetricsSnapshot, OutputStream)} when
     * there is a byte stream.
     */
    public void write(MetricsSnapshot snapshot, Writer out) throws IOException {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(out, "out");
        Utf8WriterStream bytes = new Utf8WriterStream(out);
        SnapshotWriter.write(snapshot, format, families, durations, bytes, taskLabels);
        bytes.flush();
    }

    @Override
    public String toString() {
        return "PrometheusRenderer[" + format.formatName() + ", families="
                + families.name().toLowerCase(java.util.Locale.ROOT) + ", durations="
                + durations.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
