package io.symphra.exporter.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.LayeredConfigSource;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Drives the exporter as the scheduler's runtime does (configure, start, export, close) against a real OTLP/HTTP
 * receiver that decodes each request with the OpenTelemetry protobuf definitions.
 */
class OtlpExporterIT {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void everyMetricArrivesWithTheSnapshotsValuesTypesAndStartTime(String compression) throws Exception {
        OtlpHttpReceiver receiver = receiver();
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(90));
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl(), "compression", compression,
                "service-name", "billing-jobs"), Map.of(), snapshot);

        exporter.export(snapshot);

        OtlpHttpReceiver.Received received = receiver.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/metrics");
        assertThat(received.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(received.header("Content-Encoding")).isEqualTo(compression.equals("gzip") ? "gzip" : null);
        assertMatches(received.request(), snapshot, nanos(START), AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);

        ResourceMetrics resourceMetrics = received.request().getResourceMetrics(0);
        assertThat(attributes(resourceMetrics.getResource().getAttributesList())).containsExactlyInAnyOrderEntriesOf(
                Map.of("service.name", "billing-jobs", "service", "billing", "instance", "node-1"));
    }

    @Test
    void everyHostileTaskNameArrivesByteExactAsTheTaskAttribute() throws Exception {
        OtlpHttpReceiver receiver = receiver();
        SnapshotBuilder builder = SnapshotBuilder.snapshot().startTime(START).timestamp(START.plusSeconds(10));
        for (String name : HostileNames.CORPUS) {
            builder.task(name, 2, 1);
        }
        MetricsSnapshot snapshot = builder.build();
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl(), "compression", "gzip"),
                Map.of(), snapshot);

        exporter.export(snapshot);

        ExportMetricsServiceRequest request = receiver.lastAccepted();
        assertMatches(request, snapshot, nanos(START), AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        Metric executions = metric(request, "symphra.scheduler.task.executions");
        Set<List<Byte>> sent = new HashSet<>();
        for (NumberDataPoint point : executions.getSum().getDataPointsList()) {
            assertThat(point.getAttributesList()).hasSize(1);
            KeyValue task = point.getAttributes(0);
            assertThat(task.getKey()).isEqualTo("task");
            sent.add(bytes(task.getValue().getStringValueBytes().toByteArray()));
        }
        Set<List<Byte>> expected = HostileNames.CORPUS.stream()
                .map(name -> bytes(name.getBytes(StandardCharsets.UTF_8))).collect(Collectors.toSet());
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void aResetShowsAsANewStartTimeOnEveryPointNotAsACounterGoingDown() throws Exception {
        OtlpHttpReceiver receiver = receiver();
        MetricsSnapshot before = richSnapshot(START, START.plusSeconds(60));
        Instant resetAt = START.plusSeconds(100);
        MetricsSnapshot after = SnapshotBuilder.snapshot().startTime(resetAt).timestamp(resetAt.plusSeconds(20))
                .label("service", "billing").label("instance", "node-1")
                .task("invoice", 1, 0).task("reminder", 0, 0).build();
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl()), Map.of(), before);

        exporter.export(before);
        exporter.export(after);

        assertThat(receiver.received()).hasSize(2);
        ExportMetricsServiceRequest second = receiver.received().get(1).request();
        assertMatches(second, after, nanos(resetAt), AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(startTimesOf(second)).containsOnly(nanos(resetAt));
        assertThat(startTimesOf(receiver.received().get(0).request())).containsOnly(nanos(START));
    }

    @Test
    void deltaPointsCoverTheTimeSinceTheLastDeliveredPushAndRestartAfterAReset() throws Exception {
        OtlpHttpReceiver receiver = receiver();
        Instant t1 = START.plusSeconds(60);
        Instant t2 = START.plusSeconds(120);
        MetricsSnapshot first = SnapshotBuilder.snapshot().startTime(START).timestamp(t1)
                .task("invoice", 3, 1).build();
        MetricsSnapshot second = SnapshotBuilder.snapshot().startTime(START).timestamp(t2)
                .task("invoice", 5, 2).task("newcomer", 1, 0).build();
        Instant resetAt = START.plusSeconds(150);
        MetricsSnapshot third = SnapshotBuilder.snapshot().startTime(resetAt).timestamp(resetAt.plusSeconds(30))
                .task("invoice", 1, 0).build();
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl(), "temporality", "delta"),
                Map.of(), first);

        exporter.export(first);
        exporter.export(second);
        exporter.export(third);

        List<OtlpHttpReceiver.Received> all = receiver.received();
        assertThat(all).hasSize(3);
        // First push: nothing delivered before, so the delta is everything since the start time.
        assertMatches(all.get(0).request(), first, nanos(START), AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);

        ExportMetricsServiceRequest delta = all.get(1).request();
        Metric executions = metric(delta, "symphra.scheduler.task.executions");
        assertThat(executions.getSum().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        assertThat(executions.getSum().getIsMonotonic()).isTrue();
        Map<String, NumberDataPoint> byTask = numberPointsByTask(executions.getSum().getDataPointsList());
        assertThat(byTask.get("invoice").getAsInt()).isEqualTo(3); // 7 - 4
        assertThat(byTask.get("invoice").getStartTimeUnixNano()).isEqualTo(nanos(t1));
        assertThat(byTask.get("invoice").getTimeUnixNano()).isEqualTo(nanos(t2));
        assertThat(byTask.get("newcomer").getAsInt()).isEqualTo(1);
        assertThat(byTask.get("newcomer").getStartTimeUnixNano()).isEqualTo(nanos(t1));
        Map<String, NumberDataPoint> failures = numberPointsByTask(
                metric(delta, "symphra.scheduler.task.failures").getSum().getDataPointsList());
        assertThat(failures.get("invoice").getAsInt()).isEqualTo(1);
        Map<String, NumberDataPoint> busy = numberPointsByTask(
                metric(delta, "symphra.scheduler.task.total_duration").getSum().getDataPointsList());
        assertThat(busy.get("invoice").getAsDouble()).isCloseTo(0.040, within(1e-9)); // 2 x 10 ms + 1 x 20 ms
        HistogramDataPoint histogram = metric(delta, "symphra.scheduler.task.duration").getHistogram()
                .getDataPointsList().stream().filter(p -> taskOf(p.getAttributesList()).equals("invoice"))
                .findFirst().orElseThrow();
        assertThat(histogram.getCount()).isEqualTo(3);
        assertThat(histogram.getSum()).isCloseTo(0.040, within(1e-9));
        assertThat(histogram.hasMin()).isFalse();
        assertThat(histogram.getStartTimeUnixNano()).isEqualTo(nanos(t1));

        // After the reset the delta is the new cumulative value, counted from the new start time.
        assertMatches(all.get(2).request(), third, nanos(resetAt), AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    }

    @Test
    void aReceiverThatAnswers503ThenGetsTheDataDelivered() throws Exception {
        OtlpHttpReceiver receiver = receiver().answer(503);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl(), "timeout", "8s"), Map.of(),
                snapshot);

        exporter.export(snapshot);

        List<OtlpHttpReceiver.Received> all = receiver.received();
        assertThat(all).extracting(OtlpHttpReceiver.Received::status).containsExactly(503, 200);
        assertThat(all.get(1).request()).isEqualTo(all.get(0).request());
        assertMatches(receiver.lastAccepted(), snapshot, nanos(START),
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    }

    @Test
    void aReceiverThatRejectsTheRequestFailsThePushAtOnceWithoutRetrying() throws Exception {
        OtlpHttpReceiver receiver = receiver().answer(400);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl()), Map.of(), snapshot);

        assertThatThrownBy(() -> exporter.export(snapshot)).isInstanceOf(IOException.class)
                .hasMessageContaining("OTLP push to http/protobuf " + receiver.metricsUrl() + " failed");
        assertThat(receiver.received()).hasSize(1);

        exporter.export(snapshot); // the next push goes through normally
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void aReceiverThatNeverAnswersFailsThePushWithinTheTimeout() throws Exception {
        SilentReceiver silent = new SilentReceiver();
        resources.add(silent);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        Duration timeout = Duration.ofMillis(1500);
        OtlpExporter exporter = started(Map.of("endpoint", silent.metricsUrl(), "timeout", "1500ms"), Map.of(),
                snapshot);

        long began = System.nanoTime();
        assertThatThrownBy(() -> exporter.export(snapshot)).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("got no answer within");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);

        assertThat(silent.connectionCount()).isGreaterThanOrEqualTo(1);
        assertThat(elapsed).isGreaterThanOrEqualTo(timeout.minusMillis(50))
                .isLessThan(timeout.plusMillis(1000));
    }

    @Test
    void theStandardEnvironmentVariablesConfigureEndpointHeadersAndResource() throws Exception {
        OtlpHttpReceiver receiver = receiver();
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        Map<String, String> env = Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl(),
                "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=s3cr%2Cet+1,x-tenant=acme",
                "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
                "OTEL_SERVICE_NAME", "from-env",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=overridden");
        OtlpExporter exporter = started(Map.of(), env, snapshot);

        exporter.export(snapshot);

        OtlpHttpReceiver.Received received = receiver.received().get(0);
        assertThat(received.path()).isEqualTo("/v1/metrics");
        assertThat(received.header("x-api-key")).isEqualTo("s3cr,et+1");
        assertThat(received.header("x-tenant")).isEqualTo("acme");
        assertThat(received.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(attributes(received.request().getResourceMetrics(0).getResource().getAttributesList()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("service.name", "from-env",
                        "deployment.environment", "prod", "service", "billing", "instance", "node-1"));
        assertThat(exporter.toString()).contains("x-api-key=******").doesNotContain("s3cr");
    }

    // ---------------------------------------------------------------------------------------------------------

    private OtlpHttpReceiver receiver() throws IOException {
        OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
        resources.add(receiver);
        return receiver;
    }

    private OtlpExporter started(Map<String, String> relativeConfig, Map<String, String> env,
                                 MetricsSnapshot snapshot) throws Exception {
        Map<String, String> full = new HashMap<>();
        relativeConfig.forEach((k, v) -> full.put(ExporterConfig.PREFIX + "otlp." + k, v));
        ExporterConfig config = ExporterConfig.of("otlp",
                LayeredConfigSource.builder().add("test", full).addEnvironment(env).build());
        OtlpExporter exporter = new OtlpExporter();
        exporter.configure(config);
        TestExporterContext context = new TestExporterContext(config, () -> snapshot, Clock.systemUTC());
        resources.add(context);
        exporter.start(context);
        resources.add(exporter);
        return exporter;
    }

    private static MetricsSnapshot richSnapshot(Instant start, Instant timestamp) {
        return SnapshotBuilder.snapshot().startTime(start).timestamp(timestamp)
                .label("service", "billing").label("instance", "node-1")
                .task("invoice", 4, 1)
                .task("reminder", new long[] {3, 7, 120, 2_000}, new long[] {45_000, 90_000}, 1, 2, 3, 1)
                .task("idle", 0, 0)
                .build();
    }

    /** The kind of data and the per-task value each instrument must carry; null means no point for that task. */
    private record Expected(String name, String unit, Metric.DataCase kind, Function<TaskStats, Number> value) {
    }

    private static final List<Expected> TASK_METRICS = List.of(
            new Expected("symphra.scheduler.task.executions", "{execution}", Metric.DataCase.SUM, TaskStats::executions),
            new Expected("symphra.scheduler.task.successes", "{execution}", Metric.DataCase.SUM, TaskStats::successes),
            new Expected("symphra.scheduler.task.failures", "{execution}", Metric.DataCase.SUM, TaskStats::failures),
            new Expected("symphra.scheduler.task.timeouts", "{execution}", Metric.DataCase.SUM, TaskStats::timeouts),
            new Expected("symphra.scheduler.task.skipped", "{fire}", Metric.DataCase.SUM, TaskStats::skipped),
            new Expected("symphra.scheduler.task.retries", "{retry}", Metric.DataCase.SUM, TaskStats::retries),
            new Expected("symphra.scheduler.task.total_duration", "s", Metric.DataCase.SUM,
                    TaskStats::totalDurationSeconds),
            new Expected("symphra.scheduler.task.running", "{execution}", Metric.DataCase.GAUGE, TaskStats::running),
            new Expected("symphra.scheduler.task.success_rate", "1", Metric.DataCase.GAUGE, TaskStats::successRate),
            new Expected("symphra.scheduler.task.average_duration", "s", Metric.DataCase.GAUGE,
                    TaskStats::averageDurationSeconds),
            new Expected("symphra.scheduler.task.min_duration", "s", Metric.DataCase.GAUGE,
                    TaskStats::minDurationSeconds),
            new Expected("symphra.scheduler.task.max_duration", "s", Metric.DataCase.GAUGE,
                    TaskStats::maxDurationSeconds),
            new Expected("symphra.scheduler.task.last_lateness", "s", Metric.DataCase.GAUGE,
                    t -> t.lateness().lastSeconds()),
            new Expected("symphra.scheduler.task.average_lateness", "s", Metric.DataCase.GAUGE,
                    t -> t.lateness().averageSeconds()),
            new Expected("symphra.scheduler.task.max_lateness", "s", Metric.DataCase.GAUGE,
                    t -> t.lateness().maxSeconds()),
            new Expected("symphra.scheduler.task.last_success_time", "s", Metric.DataCase.GAUGE,
                    t -> t.lastSuccess() == null ? null : epochSeconds(t.lastSuccess())),
            new Expected("symphra.scheduler.task.last_failure_time", "s", Metric.DataCase.GAUGE,
                    t -> t.lastFailure() == null ? null : epochSeconds(t.lastFailure())));

    /**
     * Asserts that the request holds exactly the metrics of the snapshot: every instrument's name, unit, type,
     * temporality, and for every task its attribute, start time, time and value; the histogram's buckets; the
     * uptime gauge. Valid for a cumulative push, or a delta push with nothing delivered in the same window.
     */
    private static void assertMatches(ExportMetricsServiceRequest request, MetricsSnapshot snapshot, long start,
                                      AggregationTemporality temporality) {
        long now = nanos(snapshot.timestamp());
        assertThat(request.getResourceMetricsCount()).isEqualTo(1);
        ResourceMetrics resourceMetrics = request.getResourceMetrics(0);
        assertThat(resourceMetrics.getScopeMetricsCount()).isEqualTo(1);
        ScopeMetrics scope = resourceMetrics.getScopeMetrics(0);
        assertThat(scope.getScope().getName()).isEqualTo("io.symphra.scheduler");
        Map<String, String> labels = attributes(resourceMetrics.getResource().getAttributesList());
        assertThat(labels).containsAllEntriesOf(snapshot.commonLabels());

        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Metric m : scope.getMetricsList()) {
            assertThat(metrics.put(m.getName(), m)).as("metric %s sent once", m.getName()).isNull();
        }
        Set<String> expectedNames = new HashSet<>();
        for (Expected e : TASK_METRICS) {
            if (snapshot.tasks().values().stream().anyMatch(t -> e.value().apply(t) != null)) {
                expectedNames.add(e.name());
            }
        }
        if (!snapshot.tasks().isEmpty()) {
            expectedNames.add("symphra.scheduler.task.duration");
        }
        expectedNames.add("symphra.scheduler.uptime");
        assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);

        for (Expected e : TASK_METRICS) {
            Metric metric = metrics.get(e.name());
            if (metric == null) {
                continue;
            }
            assertThat(metric.getUnit()).as(e.name()).isEqualTo(e.unit());
            assertThat(metric.getDescription()).as(e.name()).isNotBlank();
            assertThat(metric.getDataCase()).as(e.name()).isEqualTo(e.kind());
            List<NumberDataPoint> points;
            if (e.kind() == Metric.DataCase.SUM) {
                assertThat(metric.getSum().getIsMonotonic()).as(e.name()).isTrue();
                assertThat(metric.getSum().getAggregationTemporality()).as(e.name()).isEqualTo(temporality);
                points = metric.getSum().getDataPointsList();
            } else {
                points = metric.getGauge().getDataPointsList();
            }
            Map<String, NumberDataPoint> byTask = numberPointsByTask(points);
            Map<String, Number> expected = new HashMap<>();
            snapshot.tasks().forEach((name, stats) -> {
                Number value = e.value().apply(stats);
                if (value != null) {
                    expected.put(name, value);
                }
            });
            assertThat(byTask.keySet()).as(e.name()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((task, value) -> {
                NumberDataPoint point = byTask.get(task);
                assertThat(point.getStartTimeUnixNano()).as(e.name() + " start").isEqualTo(start);
                assertThat(point.getTimeUnixNano()).as(e.name() + " time").isEqualTo(now);
                if (value instanceof Long l) {
                    assertThat(point.getValueCase()).as(e.name()).isEqualTo(NumberDataPoint.ValueCase.AS_INT);
                    assertThat(point.getAsInt()).as(e.name() + " of " + task).isEqualTo(l);
                } else {
                    assertThat(point.getValueCase()).as(e.name()).isEqualTo(NumberDataPoint.ValueCase.AS_DOUBLE);
                    assertThat(point.getAsDouble()).as(e.name() + " of " + task)
                            .isCloseTo(value.doubleValue(), within(1e-9));
                }
            });
        }

        if (!snapshot.tasks().isEmpty()) {
            Metric duration = metrics.get("symphra.scheduler.task.duration");
            assertThat(duration.getUnit()).isEqualTo("s");
            assertThat(duration.getDataCase()).isEqualTo(Metric.DataCase.HISTOGRAM);
            assertThat(duration.getHistogram().getAggregationTemporality()).isEqualTo(temporality);
            Map<String, HistogramDataPoint> byTask = duration.getHistogram().getDataPointsList().stream()
                    .collect(Collectors.toMap(p -> taskOf(p.getAttributesList()), p -> p));
            assertThat(byTask.keySet()).containsExactlyInAnyOrderElementsOf(snapshot.tasks().keySet());
            snapshot.tasks().forEach((name, stats) -> {
                HistogramDataPoint point = byTask.get(name);
                DurationHistogram h = stats.durations();
                assertThat(point.getStartTimeUnixNano()).isEqualTo(start);
                assertThat(point.getTimeUnixNano()).isEqualTo(now);
                assertThat(point.getExplicitBoundsList())
                        .containsExactly(java.util.Arrays.stream(h.upperBoundsSeconds()).boxed().toArray(Double[]::new));
                assertThat(point.getBucketCountsList())
                        .containsExactly(java.util.Arrays.stream(h.bucketCounts()).boxed().toArray(Long[]::new));
                assertThat(point.getCount()).isEqualTo(stats.executions());
                assertThat(point.getSum()).isCloseTo(h.sumSeconds(), within(1e-9));
                assertThat(point.hasMin()).isEqualTo(stats.executions() > 0);
                assertThat(point.hasMax()).isEqualTo(stats.executions() > 0);
                if (stats.executions() > 0) {
                    assertThat(point.getMin()).isCloseTo(stats.minDurationSeconds(), within(1e-9));
                    assertThat(point.getMax()).isCloseTo(stats.maxDurationSeconds(), within(1e-9));
                }
            });
        }

        Metric uptime = metrics.get("symphra.scheduler.uptime");
        assertThat(uptime.getUnit()).isEqualTo("s");
        NumberDataPoint up = uptime.getGauge().getDataPoints(0);
        assertThat(uptime.getGauge().getDataPointsCount()).isEqualTo(1);
        assertThat(up.getAttributesList()).isEmpty();
        assertThat(up.getAsDouble()).isCloseTo(snapshot.uptimeSeconds(), within(1e-9));
        assertThat(up.getStartTimeUnixNano()).isEqualTo(nanos(snapshot.startTime()));
        assertThat(up.getTimeUnixNano()).isEqualTo(now);
    }

    private static Metric metric(ExportMetricsServiceRequest request, String name) {
        return request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static List<Long> startTimesOf(ExportMetricsServiceRequest request) {
        List<Long> starts = new ArrayList<>();
        for (Metric m : request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList()) {
            switch (m.getDataCase()) {
                case SUM -> m.getSum().getDataPointsList().forEach(p -> starts.add(p.getStartTimeUnixNano()));
                case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> starts.add(p.getStartTimeUnixNano()));
                case HISTOGRAM -> m.getHistogram().getDataPointsList()
                        .forEach(p -> starts.add(p.getStartTimeUnixNano()));
                default -> throw new AssertionError("unexpected " + m.getDataCase());
            }
        }
        return starts;
    }

    private static Map<String, NumberDataPoint> numberPointsByTask(List<NumberDataPoint> points) {
        Map<String, NumberDataPoint> byTask = new HashMap<>();
        for (NumberDataPoint p : points) {
            assertThat(byTask.put(taskOf(p.getAttributesList()), p)).isNull();
        }
        return byTask;
    }

    private static String taskOf(List<KeyValue> attributes) {
        assertThat(attributes).hasSize(1);
        assertThat(attributes.get(0).getKey()).isEqualTo("task");
        assertThat(attributes.get(0).getValue().getValueCase()).isEqualTo(AnyValue.ValueCase.STRING_VALUE);
        return attributes.get(0).getValue().getStringValue();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new HashMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), kv.getValue().getStringValue()));
        return map;
    }

    private static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>(array.length);
        for (byte b : array) {
            list.add(b);
        }
        return list;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
