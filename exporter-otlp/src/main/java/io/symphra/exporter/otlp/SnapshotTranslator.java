package io.symphra.exporter.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.resources.Resource;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.SnapshotDelta;
import io.symphra.metrics.snapshot.SnapshotDelta.TaskDelta;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one snapshot into OTLP metric data, point by point, so that every point carries the snapshot's own start
 * time (cumulative) or the previous delivered push's timestamp (delta): SDK instruments could carry neither.
 */
final class SnapshotTranslator {

    /** The attribute that names the task, exactly as registered. */
    static final AttributeKey<String> TASK = AttributeKey.stringKey("task");

    /** What became of a fire the coordinator could not decide: {@code skipped} or {@code ran_here}. */
    static final AttributeKey<String> FIRE = AttributeKey.stringKey("fire");

    static final String SCOPE_NAME = "io.symphra.scheduler";

    private final Temporality temporality;

    SnapshotTranslator(Temporality temporality) {
        this.temporality = temporality;
    }

    /**
     * The metrics of {@code snapshot}.
     *
     * @param delivered the last snapshot the receiver confirmed, for delta temporality; {@code null} for none (or
     *                  when cumulative)
     */
    List<MetricData> translate(MetricsSnapshot snapshot, Resource resource, MetricsSnapshot delivered) {
        Map<Instrument, List<PointData>> points = new EnumMap<>(Instrument.class);
        long now = epochNanos(snapshot.timestamp());
        long reset = epochNanos(snapshot.startTime());
        // Cumulative is the delta from nothing: every task's values since the start time.
        SnapshotDelta counters = SnapshotDelta.between(temporality == Temporality.DELTA ? delivered : null, snapshot);
        boolean clustered = snapshot.scheduler().clustered();
        for (TaskStats task : snapshot.tasks().values()) {
            TaskDelta values = counters.tasks().get(task.name());
            addTask(points, task, values, epochNanos(values.since()), now, clustered);
        }
        add(
                points,
                Instrument.UPTIME,
                DoublePointData.create(reset, now, Attributes.empty(), snapshot.uptimeSeconds(), List.of()));
        add(
                points,
                Instrument.WORKERS_BUSY,
                LongPointData.create(
                        reset, now, Attributes.empty(), snapshot.scheduler().busyWorkers()));
        add(
                points,
                Instrument.FIRES_WAITING,
                LongPointData.create(
                        reset, now, Attributes.empty(), snapshot.scheduler().waitingFires()));
        // The scheduler's version is its instrumentation scope's, the OpenTelemetry place for a producer's build.
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder(SCOPE_NAME)
                .setVersion(snapshot.scheduler().version())
                .build();

        AggregationTemporality aggregation =
                temporality == Temporality.DELTA ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
        List<MetricData> metrics = new ArrayList<>(points.size());
        points.forEach((instrument, list) ->
                metrics.add(new SnapshotMetricData(resource, scope, instrument, data(instrument, list, aggregation))));
        return metrics;
    }

    private static void addTask(
            Map<Instrument, List<PointData>> points,
            TaskStats task,
            TaskDelta values,
            long start,
            long now,
            boolean clustered) {
        Attributes attributes = Attributes.of(TASK, task.name());
        add(points, Instrument.EXECUTIONS, LongPointData.create(start, now, attributes, values.executions()));
        add(points, Instrument.SUCCESSES, LongPointData.create(start, now, attributes, values.successes()));
        add(points, Instrument.FAILURES, LongPointData.create(start, now, attributes, values.failures()));
        add(points, Instrument.TIMEOUTS, LongPointData.create(start, now, attributes, values.timeouts()));
        add(points, Instrument.SKIPPED, LongPointData.create(start, now, attributes, values.skipped()));
        add(points, Instrument.RETRIES, LongPointData.create(start, now, attributes, values.retries()));
        add(
                points,
                Instrument.TOTAL_DURATION,
                DoublePointData.create(start, now, attributes, values.totalDurationNanos() / 1e9, List.of()));
        add(points, Instrument.DURATION, histogram(task, values.durations(), values.whole(), start, now, attributes));

        add(points, Instrument.RUNNING, LongPointData.create(start, now, attributes, task.running()));
        addGauge(points, Instrument.SUCCESS_RATE, start, now, attributes, task.successRate());
        addGauge(points, Instrument.AVERAGE_DURATION, start, now, attributes, task.averageDurationSeconds());
        addGauge(points, Instrument.MIN_DURATION, start, now, attributes, task.minDurationSeconds());
        addGauge(points, Instrument.MAX_DURATION, start, now, attributes, task.maxDurationSeconds());
        addGauge(
                points,
                Instrument.LAST_LATENESS,
                start,
                now,
                attributes,
                task.lateness().lastSeconds());
        addGauge(
                points,
                Instrument.AVERAGE_LATENESS,
                start,
                now,
                attributes,
                task.lateness().averageSeconds());
        addGauge(
                points,
                Instrument.MAX_LATENESS,
                start,
                now,
                attributes,
                task.lateness().maxSeconds());
        if (task.lastSuccess() != null) {
            addGauge(points, Instrument.LAST_SUCCESS_TIME, start, now, attributes, epochSeconds(task.lastSuccess()));
        }
        if (task.lastFailure() != null) {
            addGauge(points, Instrument.LAST_FAILURE_TIME, start, now, attributes, epochSeconds(task.lastFailure()));
        }
        if (task.schedule().nextFire() != null) {
            addGauge(
                    points,
                    Instrument.NEXT_FIRE_TIME,
                    start,
                    now,
                    attributes,
                    epochSeconds(task.schedule().nextFire()));
        }
        add(points, Instrument.MISSED_FIRES, LongPointData.create(start, now, attributes, values.missedFires()));
        addGauge(
                points,
                Instrument.OLDEST_RUN_AGE,
                start,
                now,
                attributes,
                task.schedule().oldestRunAgeSeconds());
        // Without a coordinator they could only ever be 0.
        if (clustered) {
            addClaims(points, task, values, start, now, attributes);
        }
    }

    /** Cluster mode's counters; the claim latency as a histogram of one bucket, whose max only a whole period has. */
    private static void addClaims(
            Map<Instrument, List<PointData>> points,
            TaskStats task,
            TaskDelta values,
            long start,
            long now,
            Attributes attributes) {
        ClusterClaims claims = values.cluster();
        add(points, Instrument.CLAIMED, LongPointData.create(start, now, attributes, claims.claimed()));
        add(points, Instrument.RAN_ELSEWHERE, LongPointData.create(start, now, attributes, claims.ranElsewhere()));
        add(points, Instrument.ABANDONED, LongPointData.create(start, now, attributes, claims.abandoned()));
        add(
                points,
                Instrument.CLAIM_ERRORS,
                LongPointData.create(
                        start, now, attributes.toBuilder().put(FIRE, "skipped").build(), claims.claimErrorsSkipped()));
        add(
                points,
                Instrument.CLAIM_ERRORS,
                LongPointData.create(
                        start, now, attributes.toBuilder().put(FIRE, "ran_here").build(), claims.claimErrorsRanHere()));
        boolean withMax = values.whole() && claims.claimLatencyCount() > 0;
        add(
                points,
                Instrument.CLAIM_DURATION,
                HistogramPointData.create(
                        start,
                        now,
                        attributes,
                        claims.claimLatencyTotalSeconds(),
                        false,
                        0.0,
                        withMax,
                        withMax ? task.cluster().claimLatencyMaxSeconds() : 0.0,
                        List.of(),
                        List.of(claims.claimLatencyCount())));
    }

    /**
     * The task's min and max are known for the whole period since the start time only, so a delta point leaves
     * them out rather than claim them for its shorter window.
     */
    private static HistogramPointData histogram(
            TaskStats task,
            DurationHistogram durations,
            boolean sinceStartTime,
            long start,
            long now,
            Attributes attributes) {
        boolean withExtremes = sinceStartTime && durations.count() > 0;
        List<Double> bounds =
                Arrays.stream(durations.upperBoundsSeconds()).boxed().toList();
        List<Long> counts = Arrays.stream(durations.bucketCounts()).boxed().toList();
        return HistogramPointData.create(
                start,
                now,
                attributes,
                durations.sumSeconds(),
                withExtremes,
                withExtremes ? task.minDurationSeconds() : 0.0,
                withExtremes,
                withExtremes ? task.maxDurationSeconds() : 0.0,
                bounds,
                counts);
    }

    private static void addGauge(
            Map<Instrument, List<PointData>> points,
            Instrument instrument,
            long start,
            long now,
            Attributes attributes,
            double value) {
        add(points, instrument, DoublePointData.create(start, now, attributes, value, List.of()));
    }

    private static void add(Map<Instrument, List<PointData>> points, Instrument instrument, PointData point) {
        points.computeIfAbsent(instrument, i -> new ArrayList<>()).add(point);
    }

    @SuppressWarnings("unchecked")
    private static Data<?> data(Instrument instrument, List<PointData> points, AggregationTemporality temporality) {
        List<?> raw = points;
        return switch (instrument.type()) {
            case LONG_SUM -> SumData.createLongSumData(true, temporality, (List<LongPointData>) raw);
            case DOUBLE_SUM -> SumData.createDoubleSumData(true, temporality, (List<DoublePointData>) raw);
            case HISTOGRAM -> HistogramData.create(temporality, (List<HistogramPointData>) raw);
            case LONG_GAUGE -> GaugeData.createLongGaugeData((List<LongPointData>) raw);
            case DOUBLE_GAUGE -> GaugeData.createDoubleGaugeData((List<DoublePointData>) raw);
            default -> throw new IllegalStateException("no data kind for " + instrument);
        };
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
