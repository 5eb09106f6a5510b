package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * The exposition written the plain way, as an oracle for the renderer's buffered fast path: one line at a time
 * from strings, every number spelled through {@link BigDecimal} straight from the rules in {@link ExpositionOutput}'s
 * class comment, no buffer, no reuse. Slow, and meant to be obviously right. The metadata lines, the common labels'
 * text and the escaping of one label value are taken from {@link Family}, {@link CommonLabels} and
 * {@link Escaping}, which have their own tests.
 */
final class ReferenceExposition {

    private static final BigInteger EXACT_INTEGER_LIMIT = BigInteger.ONE.shiftLeft(53);

    private final ExpositionFormat format;
    private final DurationSeries durations;
    private final MetricsSnapshot snapshot;
    private final String common;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ReferenceExposition(ExpositionFormat format, DurationSeries durations, MetricsSnapshot snapshot) {
        this.format = format;
        this.durations = durations;
        this.snapshot = snapshot;
        this.common = new String(CommonLabels.encode(snapshot.commonLabels()), StandardCharsets.ISO_8859_1);
    }

    /** The exposition's bytes. */
    static byte[] render(ExpositionFormat format, DurationSeries durations, MetricsSnapshot snapshot) {
        return new ReferenceExposition(format, durations, snapshot).all();
    }

    private byte[] all() {
        var totals = snapshot.totals();
        Instant start = snapshot.startTime();
        global(
                Family.UPTIME,
                nanos(Math.max(0, Duration.between(start, snapshot.timestamp()).toNanos())));
        global(Family.START_TIME, epoch(start));
        global(Family.EXECUTIONS, Long.toString(totals.executions()));
        global(Family.EXECUTIONS_SUCCESS, Long.toString(totals.successes()));
        global(Family.EXECUTIONS_FAILED, Long.toString(totals.failures()));
        global(Family.DURATION_TOTAL, nanos(totals.totalDurationNanos()));
        global(Family.DURATION_AVERAGE, decimal(totals.averageDurationSeconds()));
        header(Family.INFO);
        String version =
                new String(Escaping.LABEL_VALUE.encode(snapshot.scheduler().version()), StandardCharsets.ISO_8859_1);
        line(
                Family.INFO.sampleName(),
                "{" + common + (common.isEmpty() ? "" : ",") + "version=\"" + version + "\"}",
                "1");
        global(Family.WORKERS_BUSY, Long.toString(snapshot.scheduler().busyWorkers()));
        global(Family.FIRES_WAITING, Long.toString(snapshot.scheduler().waitingFires()));

        perTask(Family.TASK_EXECUTIONS, TaskStats::executions);
        header(Family.TASK_DURATION);
        for (TaskStats t : snapshot.tasks().values()) {
            String name = Family.TASK_DURATION.sampleName();
            line(name, task(t, ",stat=\"avg\""), decimal(t.averageDurationSeconds()));
            line(name, task(t, ",stat=\"min\""), nanos(t.minDurationNanos()));
            line(name, task(t, ",stat=\"max\""), nanos(t.maxDurationNanos()));
        }
        perTask(Family.TASK_SUCCESSES, TaskStats::successes);
        perTask(Family.TASK_FAILURES, TaskStats::failures);
        header(Family.TASK_TIMEOUTS);
        for (TaskStats t : snapshot.tasks().values()) {
            if (t.policy().mayTimeOut() || t.timeouts() != 0) {
                line(Family.TASK_TIMEOUTS.sampleName(), task(t, ""), Long.toString(t.timeouts()));
            }
        }
        perTask(Family.TASK_SKIPPED, TaskStats::skipped);
        header(Family.TASK_RETRIES);
        for (TaskStats t : snapshot.tasks().values()) {
            if (t.policy().mayRetry() || t.retries() != 0) {
                line(Family.TASK_RETRIES.sampleName(), task(t, ""), Long.toString(t.retries()));
            }
        }
        histograms();
        Family lateness = Family.TASK_LATENESS;
        header(lateness);
        for (TaskStats t : snapshot.tasks().values()) {
            line(lateness.sampleName() + "_sum", task(t, ""), nanos(t.lateness().totalNanos()));
            line(
                    lateness.sampleName() + "_count",
                    task(t, ""),
                    Long.toString(t.lateness().count()));
        }
        header(Family.TASK_LATENESS_MAX);
        for (TaskStats t : snapshot.tasks().values()) {
            line(
                    Family.TASK_LATENESS_MAX.sampleName(),
                    task(t, ""),
                    nanos(t.lateness().maxNanos()));
        }
        header(Family.TASK_LATENESS_LAST);
        for (TaskStats t : snapshot.tasks().values()) {
            line(
                    Family.TASK_LATENESS_LAST.sampleName(),
                    task(t, ""),
                    nanos(t.lateness().lastNanos()));
        }
        perTask(Family.TASK_RUNNING, TaskStats::running);
        header(Family.TASK_LAST_SUCCESS);
        for (TaskStats t : snapshot.tasks().values()) {
            if (t.lastSuccess() != null) {
                line(Family.TASK_LAST_SUCCESS.sampleName(), task(t, ""), epoch(t.lastSuccess()));
            }
        }
        header(Family.TASK_LAST_FAILURE);
        for (TaskStats t : snapshot.tasks().values()) {
            if (t.lastFailure() != null) {
                line(Family.TASK_LAST_FAILURE.sampleName(), task(t, ""), epoch(t.lastFailure()));
            }
        }
        header(Family.TASK_NEXT_FIRE);
        for (TaskStats t : snapshot.tasks().values()) {
            if (t.schedule().nextFire() != null) {
                line(
                        Family.TASK_NEXT_FIRE.sampleName(),
                        task(t, ""),
                        epoch(t.schedule().nextFire()));
            }
        }
        perTask(Family.TASK_MISSED, t -> t.schedule().missedFires());
        header(Family.TASK_OLDEST_RUN_AGE);
        for (TaskStats t : snapshot.tasks().values()) {
            line(
                    Family.TASK_OLDEST_RUN_AGE.sampleName(),
                    task(t, ""),
                    nanos(t.schedule().oldestRunAgeNanos()));
        }
        if (snapshot.scheduler().clustered()) {
            perTask(Family.TASK_CLAIMED, t -> t.cluster().claimed());
            perTask(Family.TASK_RAN_ELSEWHERE, t -> t.cluster().ranElsewhere());
            perTask(Family.TASK_ABANDONED, t -> t.cluster().abandoned());
            header(Family.TASK_CLAIM_ERRORS);
            for (TaskStats t : snapshot.tasks().values()) {
                String name = Family.TASK_CLAIM_ERRORS.sampleName();
                line(
                        name,
                        task(t, ",fire=\"skipped\""),
                        Long.toString(t.cluster().claimErrorsSkipped()));
                line(
                        name,
                        task(t, ",fire=\"ran_here\""),
                        Long.toString(t.cluster().claimErrorsRanHere()));
            }
            Family claims = Family.TASK_CLAIM_DURATION;
            header(claims);
            for (TaskStats t : snapshot.tasks().values()) {
                line(
                        claims.sampleName() + "_sum",
                        task(t, ""),
                        nanos(t.cluster().claimLatencyTotalNanos()));
                line(
                        claims.sampleName() + "_count",
                        task(t, ""),
                        Long.toString(t.cluster().claimLatencyCount()));
            }
            header(Family.TASK_CLAIM_DURATION_MAX);
            for (TaskStats t : snapshot.tasks().values()) {
                line(
                        Family.TASK_CLAIM_DURATION_MAX.sampleName(),
                        task(t, ""),
                        nanos(t.cluster().claimLatencyMaxNanos()));
            }
        }

        perExporter(Family.EXPORTER_EXPORTS, ExporterStats::exports);
        perExporter(Family.EXPORTER_FAILURES, ExporterStats::failures);
        perExporter(Family.EXPORTER_SKIPPED, ExporterStats::skipped);
        header(Family.EXPORTER_LAST_SUCCESS);
        for (ExporterStats e : snapshot.exporters()) {
            if (e.lastSuccess() != null) {
                line(
                        Family.EXPORTER_LAST_SUCCESS.sampleName(),
                        labels("exporter", e.name(), ""),
                        epoch(e.lastSuccess()));
            }
        }
        header(Family.EXPORTER_LAST_FAILURE);
        for (ExporterStats e : snapshot.exporters()) {
            if (e.lastFailure() != null) {
                line(
                        Family.EXPORTER_LAST_FAILURE.sampleName(),
                        labels("exporter", e.name(), ""),
                        epoch(e.lastFailure()));
            }
        }
        if (format == ExpositionFormat.OPENMETRICS) {
            out.writeBytes("# EOF\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private void histograms() {
        Family family = Family.TASK_EXECUTION_DURATION;
        if (durations == DurationSeries.SUMMARY) {
            out.writeBytes(family.summaryHeader(format));
            for (TaskStats t : snapshot.tasks().values()) {
                line(family.sampleName() + "_sum", task(t, ""), nanos(t.totalDurationNanos()));
                line(family.sampleName() + "_count", task(t, ""), Long.toString(t.executions()));
            }
            return;
        }
        header(family);
        for (TaskStats t : snapshot.tasks().values()) {
            DurationHistogram h = t.durations();
            for (int b = 0; b < h.bucketCount(); b++) {
                String le = ",le=\"" + decimal(h.upperBound(b)) + "\"";
                line(family.sampleName() + "_bucket", task(t, le), Long.toString(h.cumulativeCount(b)));
            }
            line(family.sampleName() + "_sum", task(t, ""), decimal(h.sumSeconds()));
            line(family.sampleName() + "_count", task(t, ""), Long.toString(h.count()));
        }
    }

    private void perTask(Family family, ToLongFunction<TaskStats> value) {
        header(family);
        for (TaskStats t : snapshot.tasks().values()) {
            line(family.sampleName(), task(t, ""), Long.toString(value.applyAsLong(t)));
        }
    }

    private void perExporter(Family family, ToLongFunction<ExporterStats> value) {
        header(family);
        for (ExporterStats e : snapshot.exporters()) {
            line(family.sampleName(), labels("exporter", e.name(), ""), Long.toString(value.applyAsLong(e)));
        }
    }

    private void global(Family family, String value) {
        header(family);
        line(family.sampleName(), common.isEmpty() ? "" : "{" + common + "}", value);
    }

    private String task(TaskStats t, String extra) {
        return labels("task", t.name(), extra);
    }

    /** The label text, as ISO-8859-1 characters standing for the UTF-8 bytes. */
    private String labels(String label, String value, String extra) {
        String escaped = new String(Escaping.LABEL_VALUE.encode(value), StandardCharsets.ISO_8859_1);
        return "{" + common + (common.isEmpty() ? "" : ",") + label + "=\"" + escaped + "\"" + extra + "}";
    }

    private void header(Family family) {
        out.writeBytes(family.header(format));
    }

    private void line(String name, String labels, String value) {
        out.writeBytes((name + labels + " " + value + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A count of nanoseconds as its exact decimal number of seconds. */
    static String nanos(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    /** An instant as its exact decimal number of seconds since the epoch. */
    static String epoch(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * The rule for a double: NaN and the infinities spelled as both formats do; an integer as its digits; else the
     * plain decimal {@code m / 10^k} with the fewest fraction digits {@code k} (the smaller {@code m} of two) that
     * parses back to the value, with {@code m < 2^53} and {@code value * 10^k < 2^53} (bounding {@code k} as the
     * renderer does); else {@link Double#toString(double)}.
     */
    static String decimal(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double magnitude = Math.abs(value);
        String sign = negative ? "-" : "";
        if (magnitude == Math.rint(magnitude) && magnitude < 9.2e18) {
            return sign + new BigDecimal(magnitude).toBigInteger();
        }
        int maxDigits = Math.min(22, (int) Math.floor((52 - Math.getExponent(magnitude)) * Math.log10(2)));
        BigDecimal exact = new BigDecimal(magnitude);
        for (int k = 1; k <= maxDigits; k++) {
            BigInteger nearest =
                    exact.movePointRight(k).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            for (int delta = -1; delta <= 1; delta++) {
                BigInteger m = nearest.add(BigInteger.valueOf(delta));
                if (m.signum() > 0
                        && m.compareTo(EXACT_INTEGER_LIMIT) < 0
                        && new BigDecimal(m, k).doubleValue() == magnitude) {
                    return sign + new BigDecimal(m, k).toPlainString();
                }
            }
        }
        return sign + Double.toString(magnitude);
    }
}
