package io.symphra.exporter.influx;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.snapshot.Totals;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The mapping of a snapshot onto line-protocol points: which measurements, tags and fields it becomes. Every
 * point carries the snapshot's common labels as tags and the snapshot's timestamp. Counts are integer fields,
 * durations (in seconds), rates and times are float fields, and each field keeps its type in every point.
 */
final class SnapshotLines {

    static final String SCHEDULER = "symphra_scheduler";
    static final String TASK = "symphra_scheduler_task";
    static final String TASK_DURATION = "symphra_scheduler_task_duration_seconds";
    static final String EXPORTER = "symphra_scheduler_exporter";

    static final String TASK_TAG = "task";
    static final String LE_TAG = "le";
    static final String EXPORTER_TAG = "exporter";
    static final String VERSION_TAG = "version";

    private SnapshotLines() {}

    /** Writes every point of the snapshot, in a stable order: scheduler, then per task, then exporters. */
    static void write(MetricsSnapshot snapshot, TimestampPrecision precision, LineProtocolWriter out)
            throws IOException {
        long timestamp = precision.convert(snapshot.timestamp());
        SortedMap<String, String> labels = snapshot.commonLabels();
        scheduler(snapshot, labels, timestamp, out);
        for (TaskStats task : snapshot.tasks().values()) {
            task(task, labels, timestamp, out);
            durations(task, labels, timestamp, out);
        }
        for (ExporterStats exporter : snapshot.exporters()) {
            exporter(exporter, labels, timestamp, out);
        }
    }

    private static void scheduler(
            MetricsSnapshot snapshot, SortedMap<String, String> labels, long timestamp, LineProtocolWriter out)
            throws IOException {
        Totals totals = snapshot.totals();
        out.measurement(SCHEDULER);
        // The version as a tag and info=1, as Prometheus' symphra_scheduler_info{version}: no point of its own.
        tags(out, labels, VERSION_TAG, snapshot.scheduler().version());
        out.field("info", 1L)
                .field("total_executions", totals.executions())
                .field("successful_executions", totals.successes())
                .field("failed_executions", totals.failures())
                .field("timeouts", totals.timeouts())
                .field("skipped", totals.skipped())
                .field("retries", totals.retries())
                .field("running", totals.running())
                .field("tasks", (long) snapshot.tasks().size())
                .field("workers_busy", snapshot.scheduler().busyWorkers())
                .field("fires_waiting", snapshot.scheduler().waitingFires())
                .field("uptime_seconds", snapshot.uptimeSeconds())
                .field("success_rate", totals.successRate())
                .field("total_duration", totals.totalDurationSeconds())
                .field("average_duration", totals.averageDurationSeconds())
                .field("executions_per_second", snapshot.executionsPerSecond())
                .end(timestamp);
    }

    private static void task(TaskStats task, SortedMap<String, String> labels, long timestamp, LineProtocolWriter out)
            throws IOException {
        Lateness lateness = task.lateness();
        out.measurement(TASK);
        tags(out, labels, TASK_TAG, task.name());
        out.field("executions", task.executions())
                .field("successes", task.successes())
                .field("failures", task.failures())
                .field("timeouts", task.timeouts())
                .field("skipped", task.skipped())
                .field("retries", task.retries())
                .field("running", task.running())
                .field("lateness_count", lateness.count())
                .field("success_rate", task.successRate())
                .field("total_duration", task.totalDurationSeconds())
                .field("average_duration", task.averageDurationSeconds())
                .field("min_duration", task.minDurationSeconds())
                .field("max_duration", task.maxDurationSeconds())
                .field("lateness_total", lateness.totalSeconds())
                .field("lateness_average", lateness.averageSeconds())
                .field("lateness_max", lateness.maxSeconds())
                .field("lateness_last", lateness.lastSeconds());
        timeField(out, "last_success_time", task.lastSuccess());
        timeField(out, "last_failure_time", task.lastFailure());
        timeField(out, "next_fire_time", task.schedule().nextFire());
        ClusterClaims cluster = task.cluster();
        out.field("missed_fires", task.schedule().missedFires())
                .field("oldest_run_age", task.schedule().oldestRunAgeSeconds())
                .field("claimed", cluster.claimed())
                .field("ran_elsewhere", cluster.ranElsewhere())
                .field("abandoned", cluster.abandoned())
                .field("claim_errors_skipped", cluster.claimErrorsSkipped())
                .field("claim_errors_ran_here", cluster.claimErrorsRanHere())
                .field("claim_latency_count", cluster.claimLatencyCount())
                .field("claim_latency_total", cluster.claimLatencyTotalSeconds())
                .field("claim_latency_max", cluster.claimLatencyMaxSeconds())
                .field("last_outcome", task.lastOutcome().name().toLowerCase(Locale.ROOT))
                .end(timestamp);
    }

    /** Prometheus-style cumulative buckets, so that a reader can compute quantiles as it would from Prometheus. */
    private static void durations(
            TaskStats task, SortedMap<String, String> labels, long timestamp, LineProtocolWriter out)
            throws IOException {
        DurationHistogram histogram = task.durations();
        long cumulative = 0;
        for (int i = 0; i < histogram.bucketCount(); i++) {
            cumulative += histogram.bucketCount(i);
            out.measurement(TASK_DURATION);
            tags(out, labels, LE_TAG, boundText(histogram.upperBound(i)), TASK_TAG, task.name());
            out.field("bucket", cumulative).end(timestamp);
        }
        out.measurement(TASK_DURATION);
        tags(out, labels, TASK_TAG, task.name());
        out.field("count", histogram.count())
                .field("sum", histogram.sumSeconds())
                .end(timestamp);
    }

    private static void exporter(
            ExporterStats exporter, SortedMap<String, String> labels, long timestamp, LineProtocolWriter out)
            throws IOException {
        out.measurement(EXPORTER);
        tags(out, labels, EXPORTER_TAG, exporter.name());
        out.field("exports", exporter.exports())
                .field("failures", exporter.failures())
                .field("skipped", exporter.skipped());
        timeField(out, "last_success_time", exporter.lastSuccess());
        timeField(out, "last_failure_time", exporter.lastFailure());
        out.end(timestamp);
    }

    /** Unix time in seconds, as a float; absent when the event never happened. */
    private static void timeField(LineProtocolWriter out, String key, Instant time) throws IOException {
        if (time != null) {
            out.field(key, time.getEpochSecond() + time.getNano() / 1e9);
        }
    }

    /** The {@code le} tag value: {@code 0.005}, {@code 1}, {@code 2.5}, {@code +Inf}. */
    static String boundText(double bound) {
        if (bound == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }

    /**
     * Writes the common labels merged, in key order, with the point's own tags ({@code extra} is key, value pairs
     * sorted by key). A point's own tag wins over a common label of the same key.
     */
    private static void tags(LineProtocolWriter out, SortedMap<String, String> labels, String... extra)
            throws IOException {
        int next = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            while (next < extra.length && extra[next].compareTo(key) < 0) {
                out.tag(extra[next], extra[next + 1]);
                next += 2;
            }
            if (next < extra.length && extra[next].equals(key)) {
                continue;
            }
            out.tag(key, label.getValue());
        }
        for (; next < extra.length; next += 2) {
            out.tag(extra[next], extra[next + 1]);
        }
    }
}
