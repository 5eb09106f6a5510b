package io.symphra.exporter.influx;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The snapshot as InfluxDB line protocol, one point per line, under the format name {@code influx}.
 *
 * <p>Measurements: {@code symphra_scheduler} (scheduler-wide totals), {@code symphra_scheduler_task} (one point
 * per task, tagged {@code task}), {@code symphra_scheduler_task_duration_seconds} (cumulative duration buckets
 * tagged {@code task} and {@code le}, plus a {@code count}/{@code sum} point per task) and
 * {@code symphra_scheduler_exporter} (push exporters' health, tagged {@code exporter}). Every point carries the
 * snapshot's common labels as tags and the snapshot's timestamp in the configured precision. Names are escaped
 * by the line protocol's rules; see {@code docs/influx.md} for the full list of fields.
 *
 * <p>Stateless and thread-safe. The text is streamed to the output as it is produced.
 */
public final class InfluxLineProtocolFormat implements MetricsFormat {

    /** The format's name. */
    public static final String NAME = "influx";

    private final TimestampPrecision precision;

    /** Timestamps in nanoseconds, the line protocol's default. Used by {@link java.util.ServiceLoader}. */
    public InfluxLineProtocolFormat() {
        this(TimestampPrecision.NS);
    }

    /** Timestamps in the given precision. */
    public InfluxLineProtocolFormat(TimestampPrecision precision) {
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    /** The precision of the timestamps this format writes. */
    public TimestampPrecision precision() {
        return precision;
    }

    @Override
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        // Not closed: closing would close the caller's stream. Flushing hands every byte over.
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
        SnapshotLines.write(snapshot, precision, new LineProtocolWriter(writer));
        writer.flush();
    }
}
