package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Writes one snapshot as one exposition, family after family, straight into a byte buffer in front of the
 * stream. Each task's label text is escaped at most once per render, and not at all while the tasks stay the same
 * (see {@link LabelBlocks} and {@link LabelBlockCache}); a sample costs one capacity check, two or three array copies
 * and the digits of its value. The samples of one series that differ only in an extra label (the buckets of a
 * histogram, the three stats of a duration) copy the name and labels of the first within the buffer.
 */
final class SnapshotWriter {

    private static final int BUFFER_SIZE = 16 * 1024;
    private static final byte[] STAT_AVG = ascii(",stat=\"avg\"} ");
    private static final byte[] STAT_MIN = ascii(",stat=\"min\"} ");
    private static final byte[] STAT_MAX = ascii(",stat=\"max\"} ");
    private static final byte[] EOF = ascii("# EOF\n");
    private static final byte[] EXEMPLAR_START = ascii(" # {");
    private static final byte[] LABEL_OPEN_QUOTE = ascii("=\"");
    private static final byte[] EXEMPLAR_VALUE = ascii("} ");
    private static final byte[] FIRE_SKIPPED = ascii(",fire=\"skipped\"} ");
    private static final byte[] FIRE_RAN_HERE = ascii(",fire=\"ran_here\"} ");

    private final ExpositionFormat format;
    private final FamilySelection families;
    private final DurationSeries durations;
    private final ExpositionOutput out;
    private final byte[] globalLabels;
    /** The common labels and {@code version}, for the info sample. */
    private final byte[] infoLabels;

    private final TaskStats[] tasks;
    private final LabelBlocks taskLabels;
    private final List<ExporterStats> exporters;
    private final LabelBlocks exporterLabels;
    private double[] leBounds = new double[0];
    private byte[][] leSuffixes = new byte[0][];
    private int leSuffixMax;

    private SnapshotWriter(
            MetricsSnapshot snapshot,
            ExpositionFormat format,
            FamilySelection families,
            DurationSeries durations,
            OutputStream stream,
            LabelBlockCache taskLabelCache) {
        this.format = format;
        this.families = families;
        this.durations = durations;
        this.out = new ExpositionOutput(stream, BUFFER_SIZE);
        byte[] common = CommonLabels.encode(snapshot.commonLabels());
        this.globalLabels = common.length == 0 ? ascii(" ") : concat(ascii("{"), common, ascii("} "));
        this.infoLabels = concat(
                ascii("{"),
                common,
                common.length == 0 ? new byte[0] : ascii(","),
                ascii("version=\""),
                Escaping.LABEL_VALUE.encode(snapshot.scheduler().version()),
                ascii("\"} "));
        this.tasks = new TaskStats[snapshot.tasks().size()];
        String[] names = new String[tasks.length];
        int next = 0;
        for (TaskStats task : snapshot.tasks().values()) { // one walk over the map fills both
            tasks[next] = task;
            names[next++] = task.name();
        }
        this.taskLabels = taskLabelCache.blocks(common, names);
        this.exporters = snapshot.exporters();
        this.exporterLabels = LabelBlocks.of(
                common, "exporter", exporters.size(), i -> exporters.get(i).name());
    }

    /**
     * Writes {@code snapshot} to {@code stream} in {@code format} and flushes it; does not close it.
     *
     * @param families which families are written; the others are left out whole, metadata included
     * @param durations whether each task's execution durations are a summary or a histogram with buckets
     * @param taskLabelCache where the task label blocks of one render wait for the next (label name {@code task})
     */
    static void write(
            MetricsSnapshot snapshot,
            ExpositionFormat format,
            FamilySelection families,
            DurationSeries durations,
            OutputStream stream,
            LabelBlockCache taskLabelCache)
            throws IOException {
        new SnapshotWriter(snapshot, format, families, durations, stream, taskLabelCache).writeAll(snapshot);
    }

    private void writeAll(MetricsSnapshot snapshot) throws IOException {
        writeGlobal(snapshot);
        writeTasks(snapshot.scheduler().clustered());
        writeExporters();
        if (format == ExpositionFormat.OPENMETRICS) {
            out.write(EOF);
        }
        out.flush();
    }

    private void writeGlobal(MetricsSnapshot snapshot) throws IOException {
        var totals = snapshot.totals();
        long uptimeNanos = Math.max(
                0, Duration.between(snapshot.startTime(), snapshot.timestamp()).toNanos());
        if (global(Family.UPTIME)) {
            out.writeNanosAsSeconds(uptimeNanos);
            end();
        }
        if (global(Family.START_TIME)) {
            out.writeEpochSeconds(
                    snapshot.startTime().getEpochSecond(), snapshot.startTime().getNano());
            end();
        }
        globalLong(Family.EXECUTIONS, totals.executions());
        globalLong(Family.EXECUTIONS_SUCCESS, totals.successes());
        globalLong(Family.EXECUTIONS_FAILED, totals.failures());
        if (global(Family.DURATION_TOTAL)) {
            out.writeNanosAsSeconds(totals.totalDurationNanos());
            end();
        }
        if (global(Family.DURATION_AVERAGE)) {
            out.writeDouble(totals.averageDurationSeconds());
            end();
        }
        if (header(Family.INFO)) {
            out.write(Family.INFO.sample());
            out.write(infoLabels);
            out.writeLong(1);
            end();
        }
        globalLong(Family.WORKERS_BUSY, snapshot.scheduler().busyWorkers());
        globalLong(Family.FIRES_WAITING, snapshot.scheduler().waitingFires());
    }

    private void writeTasks(boolean clustered) throws IOException {
        if (header(Family.TASK_EXECUTIONS)) {
            for (int i = 0; i < tasks.length; i++) {
                task(Family.TASK_EXECUTIONS.sample(), i);
                out.putLong(tasks[i].executions());
                out.endLine();
            }
        }
        writeDurationStats();
        taskLong(Family.TASK_SUCCESSES);
        taskLong(Family.TASK_FAILURES);
        taskLong(Family.TASK_TIMEOUTS);
        taskLong(Family.TASK_SKIPPED);
        taskLong(Family.TASK_RETRIES);
        writeDurations();
        writeLateness();
        taskLong(Family.TASK_RUNNING);
        taskInstants(Family.TASK_LAST_SUCCESS, TaskStats::lastSuccess);
        taskInstants(Family.TASK_LAST_FAILURE, TaskStats::lastFailure);
        writeScheduleSignals();
        // Without a coordinator they could only ever be 0.
        if (clustered) {
            writeClusterClaims();
        }
    }

    /** The original's {@code stat="avg|min|max"} gauge: three samples of one series each. */
    private void writeDurationStats() throws IOException {
        if (!header(Family.TASK_DURATION)) {
            return;
        }
        byte[] name = Family.TASK_DURATION.sample();
        for (int i = 0; i < tasks.length; i++) {
            TaskStats t = tasks[i];
            int start = startSeries(name, i, 3, STAT_AVG.length);
            seriesSample(start, name, i, STAT_AVG, true);
            out.putDouble(t.averageDurationSeconds());
            out.endLine();
            seriesSample(start, name, i, STAT_MIN, false);
            out.putNanosAsSeconds(t.minDurationNanos());
            out.endLine();
            seriesSample(start, name, i, STAT_MAX, false);
            out.putNanosAsSeconds(t.maxDurationNanos());
            out.endLine();
        }
    }

    private void writeScheduleSignals() throws IOException {
        taskInstants(Family.TASK_NEXT_FIRE, t -> t.schedule().nextFire());
        taskLong(Family.TASK_MISSED);
        taskSeconds(Family.TASK_OLDEST_RUN_AGE, t -> t.schedule().oldestRunAgeNanos());
    }

    private void writeClusterClaims() throws IOException {
        taskLong(Family.TASK_CLAIMED);
        taskLong(Family.TASK_RAN_ELSEWHERE);
        taskLong(Family.TASK_ABANDONED);
        writeClaimErrors();
        taskSummary(
                Family.TASK_CLAIM_DURATION,
                t -> t.cluster().claimLatencyTotalNanos(),
                t -> t.cluster().claimLatencyCount());
        taskSeconds(Family.TASK_CLAIM_DURATION_MAX, t -> t.cluster().claimLatencyMaxNanos());
    }

    private void writeClaimErrors() throws IOException {
        if (!header(Family.TASK_CLAIM_ERRORS)) {
            return;
        }
        byte[] name = Family.TASK_CLAIM_ERRORS.sample();
        for (int i = 0; i < tasks.length; i++) {
            ClusterClaims c = tasks[i].cluster();
            int start = startSeries(name, i, 2, FIRE_RAN_HERE.length);
            seriesSample(start, name, i, FIRE_SKIPPED, true);
            out.putLong(c.claimErrorsSkipped());
            out.endLine();
            seriesSample(start, name, i, FIRE_RAN_HERE, false);
            out.putLong(c.claimErrorsRanHere());
            out.endLine();
        }
    }

    private void writeDurations() throws IOException {
        Family family = Family.TASK_EXECUTION_DURATION;
        if (durations == DurationSeries.SUMMARY) {
            if (header(family, family.summaryHeader(format))) {
                summaryLines(family, TaskStats::totalDurationNanos, TaskStats::executions);
            }
            return;
        }
        if (!header(family)) {
            return;
        }
        byte[] name = family.bucket();
        for (int i = 0; i < tasks.length; i++) {
            DurationHistogram histogram = tasks[i].durations();
            byte[][] le = leSuffixes(histogram);
            if (format == ExpositionFormat.OPENMETRICS && histogram.hasExemplars()) {
                bucketsWithExemplars(name, i, histogram, le);
            } else {
                buckets(name, i, histogram, le);
            }
            task(family.sum(), i);
            out.putDouble(histogram.sumSeconds());
            out.endLine();
            task(family.count(), i);
            out.putLong(histogram.count());
            out.endLine();
        }
    }

    private void buckets(byte[] name, int i, DurationHistogram histogram, byte[][] le) throws IOException {
        int start = startSeries(name, i, le.length, leSuffixMax);
        long cumulative = 0;
        for (int b = 0; b < le.length; b++) {
            cumulative += histogram.bucketCount(b);
            seriesSample(start, name, i, le[b], b == 0);
            out.putLong(cumulative);
            out.endLine();
        }
    }

    /**
     * The bucket lines of an OpenMetrics histogram, each followed by its exemplar when it has one; line by line,
     * since an exemplar's length is not known in advance (the 0.0.4 text format has no exemplars).
     */
    private void bucketsWithExemplars(byte[] name, int i, DurationHistogram histogram, byte[][] le) throws IOException {
        long cumulative = 0;
        for (int b = 0; b < le.length; b++) {
            cumulative += histogram.bucketCount(b);
            task(name, i, le[b]);
            out.putLong(cumulative);
            DurationHistogram.Exemplar exemplar = histogram.exemplar(b);
            if (exemplar != null) {
                exemplar(exemplar);
            }
            end();
        }
    }

    /** {@code  # {trace_id="..."} <value> <timestamp>}: OpenMetrics' exemplar syntax, labels in name order. */
    private void exemplar(DurationHistogram.Exemplar exemplar) throws IOException {
        out.write(EXEMPLAR_START);
        String separator = "";
        for (Map.Entry<String, String> label : new TreeMap<>(exemplar.labels()).entrySet()) {
            out.writeAscii(separator);
            out.writeAscii(label.getKey()); // a valid label name: Exemplar checks it
            out.write(LABEL_OPEN_QUOTE);
            out.write(Escaping.LABEL_VALUE.encode(label.getValue()));
            out.writeByte('"');
            separator = ",";
        }
        out.write(EXEMPLAR_VALUE);
        out.writeDouble(exemplar.valueSeconds());
        out.writeByte(' ');
        out.writeEpochSeconds(
                exemplar.timestamp().getEpochSecond(), exemplar.timestamp().getNano());
    }

    private void writeLateness() throws IOException {
        taskSummary(
                Family.TASK_LATENESS,
                t -> t.lateness().totalNanos(),
                t -> t.lateness().count());
        taskSeconds(Family.TASK_LATENESS_MAX, t -> t.lateness().maxNanos());
        taskSeconds(Family.TASK_LATENESS_LAST, t -> t.lateness().lastNanos());
    }

    /** A summary without quantiles: per task, {@code _sum} in seconds from nanoseconds and {@code _count}. */
    private void taskSummary(Family family, ToLongFunction<TaskStats> totalNanos, ToLongFunction<TaskStats> count)
            throws IOException {
        if (header(family)) {
            summaryLines(family, totalNanos, count);
        }
    }

    private void summaryLines(Family family, ToLongFunction<TaskStats> totalNanos, ToLongFunction<TaskStats> count)
            throws IOException {
        for (int i = 0; i < tasks.length; i++) {
            task(family.sum(), i);
            out.putNanosAsSeconds(totalNanos.applyAsLong(tasks[i]));
            out.endLine();
            task(family.count(), i);
            out.putLong(count.applyAsLong(tasks[i]));
            out.endLine();
        }
    }

    /** A gauge in seconds, per task, from nanoseconds. */
    private void taskSeconds(Family family, ToLongFunction<TaskStats> nanos) throws IOException {
        if (!header(family)) {
            return;
        }
        for (int i = 0; i < tasks.length; i++) {
            task(family.sample(), i);
            out.putNanosAsSeconds(nanos.applyAsLong(tasks[i]));
            out.endLine();
        }
    }

    private void writeExporters() throws IOException {
        exporterLong(Family.EXPORTER_EXPORTS);
        exporterLong(Family.EXPORTER_FAILURES);
        exporterLong(Family.EXPORTER_SKIPPED);
        exporterInstant(Family.EXPORTER_LAST_SUCCESS);
        exporterInstant(Family.EXPORTER_LAST_FAILURE);
    }

    private void taskLong(Family family) throws IOException {
        if (!header(family)) {
            return;
        }
        byte[] name = family.sample();
        for (int i = 0; i < tasks.length; i++) {
            TaskStats t = tasks[i];
            if (!mayHappen(family, t)) {
                continue;
            }
            task(name, i);
            out.putLong(
                    switch (family) {
                        case TASK_SUCCESSES -> t.successes();
                        case TASK_FAILURES -> t.failures();
                        case TASK_TIMEOUTS -> t.timeouts();
                        case TASK_SKIPPED -> t.skipped();
                        case TASK_RETRIES -> t.retries();
                        case TASK_RUNNING -> t.running();
                        case TASK_MISSED -> t.schedule().missedFires();
                        case TASK_CLAIMED -> t.cluster().claimed();
                        case TASK_RAN_ELSEWHERE -> t.cluster().ranElsewhere();
                        case TASK_ABANDONED -> t.cluster().abandoned();
                        default -> throw new IllegalArgumentException(family.sampleName());
                    });
            out.endLine();
        }
    }

    /**
     * Whether the task's sample of {@code family} can be other than 0: a task without a timeout has no timeouts and
     * one without retries no retries, unless counted before it was registered again without them.
     */
    private static boolean mayHappen(Family family, TaskStats t) {
        return switch (family) {
            case TASK_TIMEOUTS -> t.policy().mayTimeOut() || t.timeouts() > 0;
            case TASK_RETRIES -> t.policy().mayRetry() || t.retries() > 0;
            default -> true;
        };
    }

    /** A timestamp gauge per task, written only for the tasks that have the instant. */
    private void taskInstants(Family family, Function<TaskStats, Instant> instant) throws IOException {
        if (!header(family)) {
            return;
        }
        for (int i = 0; i < tasks.length; i++) {
            Instant at = instant.apply(tasks[i]);
            if (at != null) {
                task(family.sample(), i);
                out.putEpochSeconds(at.getEpochSecond(), at.getNano());
                out.endLine();
            }
        }
    }

    private void exporterLong(Family family) throws IOException {
        if (!header(family)) {
            return;
        }
        for (int i = 0; i < exporters.size(); i++) {
            ExporterStats e = exporters.get(i);
            exporter(family, i);
            out.putLong(
                    switch (family) {
                        case EXPORTER_EXPORTS -> e.exports();
                        case EXPORTER_FAILURES -> e.failures();
                        case EXPORTER_SKIPPED -> e.skipped();
                        default -> throw new IllegalArgumentException(family.sampleName());
                    });
            out.endLine();
        }
    }

    private void exporterInstant(Family family) throws IOException {
        if (!header(family)) {
            return;
        }
        for (int i = 0; i < exporters.size(); i++) {
            ExporterStats e = exporters.get(i);
            Instant instant = family == Family.EXPORTER_LAST_SUCCESS ? e.lastSuccess() : e.lastFailure();
            if (instant != null) {
                exporter(family, i);
                out.putEpochSeconds(instant.getEpochSecond(), instant.getNano());
                out.endLine();
            }
        }
    }

    private void globalLong(Family family, long value) throws IOException {
        if (global(family)) {
            out.writeLong(value);
            end();
        }
    }

    /** Writes the family's metadata when the selection includes it; false (nothing written) when it does not. */
    private boolean header(Family family) throws IOException {
        return header(family, family.header(format));
    }

    /** {@link #header(Family)} with the given metadata, for a family written as another type. */
    private boolean header(Family family, byte[] metadata) throws IOException {
        if (!families.includes(family)) {
            return false;
        }
        out.write(metadata);
        return true;
    }

    /** Writes the metadata and the start of the family's one sample, when the selection includes it. */
    private boolean global(Family family) throws IOException {
        if (!header(family)) {
            return false;
        }
        out.write(family.sample());
        out.write(globalLabels);
        return true;
    }

    private void task(byte[] sampleName, int i, byte[] suffix) throws IOException {
        out.startSample(sampleName, taskLabels.text(), taskLabels.start(i), taskLabels.length(i), suffix);
    }

    private void task(byte[] sampleName, int i) throws IOException {
        out.startSample(sampleName, taskLabels.text(), taskLabels.start(i), taskLabels.length(i));
    }

    /**
     * Reserves room for {@code lines} samples of task {@code i} that share a sample name, and puts the name and
     * label block for the first of them, so that the others copy them within the buffer ({@link #againSeries}).
     *
     * @return where the name starts in the buffer, or -1 when the lines cannot share the buffer and nothing was put
     */
    private int startSeries(byte[] sampleName, int i, int lines, int longestSuffix) throws IOException {
        int labelsLength = taskLabels.length(i);
        int lineRoom = sampleName.length + labelsLength + longestSuffix + ExpositionOutput.VALUE_ROOM;
        if (!out.reserve(lines * lineRoom)) {
            return -1;
        }
        int start = out.position();
        out.put(sampleName);
        out.put(taskLabels.text(), taskLabels.start(i), labelsLength);
        return start;
    }

    /**
     * Starts a sample of the series {@link #startSeries} began at {@code start}: the first puts only its
     * {@code suffix}, the others copy the name and labels again; without shared room, each is a sample of its own.
     */
    private void seriesSample(int start, byte[] sampleName, int i, byte[] suffix, boolean first) throws IOException {
        if (start < 0) {
            task(sampleName, i, suffix);
            return;
        }
        if (!first) {
            out.putAgain(start, sampleName.length + taskLabels.length(i));
        }
        out.put(suffix);
    }

    private void exporter(Family family, int i) throws IOException {
        out.startSample(family.sample(), exporterLabels.text(), exporterLabels.start(i), exporterLabels.length(i));
    }

    private void end() throws IOException {
        out.writeByte('\n');
    }

    /** The {@code ,le="<bound>"} } texts of a histogram's buckets, rebuilt only when its bounds differ. */
    private byte[][] leSuffixes(DurationHistogram histogram) throws IOException {
        int buckets = histogram.bucketCount();
        if (buckets == leSuffixes.length && sameBounds(histogram)) {
            return leSuffixes;
        }
        double[] bounds = new double[buckets];
        byte[][] suffixes = new byte[buckets][];
        ByteArrayOutputStream text = new ByteArrayOutputStream(32);
        for (int b = 0; b < buckets; b++) {
            bounds[b] = histogram.upperBound(b);
            text.reset();
            ExpositionOutput number = new ExpositionOutput(text, 32);
            number.writeAscii(",le=\"");
            number.writeDouble(bounds[b]);
            number.writeAscii("\"} ");
            number.flush();
            suffixes[b] = text.toByteArray();
        }
        leBounds = bounds;
        leSuffixes = suffixes;
        leSuffixMax = 0;
        for (byte[] suffix : suffixes) {
            leSuffixMax = Math.max(leSuffixMax, suffix.length);
        }
        return suffixes;
    }

    private boolean sameBounds(DurationHistogram histogram) {
        for (int b = 0; b < leBounds.length; b++) {
            if (Double.compare(leBounds[b], histogram.upperBound(b)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, pos, part.length);
            pos += part.length;
        }
        return all;
    }
}
