package io.symphra.exporter.otlp;

import static io.symphra.exporter.otlp.OtlpRequestAssertions.assertMatches;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.attributes;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.bytes;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.metric;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.nanos;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.numberPointsByTask;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.startTimesOf;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.taskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the exporter as the scheduler's runtime does (configure, start, export, close) against a real OTLP/HTTP
 * receiver that decodes each request with the OpenTelemetry protobuf definitions.
 */
class OtlpExporterIT {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final ExporterHarness harness = new ExporterHarness();

    @AfterEach
    void closeAll() throws Exception {
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void everyMetricArrivesWithTheSnapshotsValuesTypesAndStartTime(String compression) throws Exception {
        OtlpHttpReceiver receiver = receiver();
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(90));
        OtlpExporter exporter = started(
                Map.of("endpoint", receiver.metricsUrl(), "compression", compression, "service-name", "billing-jobs"),
                Map.of(),
                snapshot);

        exporter.export(snapshot);

        OtlpHttpReceiver.Received received = receiver.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/metrics");
        assertThat(received.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(received.header("Content-Encoding")).isEqualTo(compression.equals("gzip") ? "gzip" : null);
        assertMatches(
                received.request(), snapshot, nanos(START), AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);

        ResourceMetrics resourceMetrics = received.request().getResourceMetrics(0);
        assertThat(attributes(resourceMetrics.getResource().getAttributesList()))
                .containsExactlyInAnyOrderEntriesOf(
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
        OtlpExporter exporter =
                started(Map.of("endpoint", receiver.metricsUrl(), "compression", "gzip"), Map.of(), snapshot);

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
                .map(name -> bytes(name.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.toSet());
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void aResetShowsAsANewStartTimeOnEveryPointNotAsACounterGoingDown() throws Exception {
        OtlpHttpReceiver receiver = receiver();
        MetricsSnapshot before = richSnapshot(START, START.plusSeconds(60));
        Instant resetAt = START.plusSeconds(100);
        MetricsSnapshot after = SnapshotBuilder.snapshot()
                .startTime(resetAt)
                .timestamp(resetAt.plusSeconds(20))
                .label("service", "billing")
                .label("instance", "node-1")
                .task("invoice", 1, 0)
                .task("reminder", 0, 0)
                .build();
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
        MetricsSnapshot first = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(t1)
                .task("invoice", 3, 1)
                .build();
        MetricsSnapshot second = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(t2)
                .task("invoice", 5, 2)
                .task("newcomer", 1, 0)
                .build();
        Instant resetAt = START.plusSeconds(150);
        MetricsSnapshot third = SnapshotBuilder.snapshot()
                .startTime(resetAt)
                .timestamp(resetAt.plusSeconds(30))
                .task("invoice", 1, 0)
                .build();
        OtlpExporter exporter =
                started(Map.of("endpoint", receiver.metricsUrl(), "temporality", "delta"), Map.of(), first);

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
        Map<String, NumberDataPoint> byTask =
                numberPointsByTask(executions.getSum().getDataPointsList());
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
        HistogramDataPoint histogram =
                metric(delta, "symphra.scheduler.task.duration").getHistogram().getDataPointsList().stream()
                        .filter(p -> taskOf(p.getAttributesList()).equals("invoice"))
                        .findFirst()
                        .orElseThrow();
        assertThat(histogram.getCount()).isEqualTo(3);
        assertThat(histogram.getSum()).isCloseTo(0.040, within(1e-9));
        assertThat(histogram.hasMin()).isFalse();
        assertThat(histogram.getStartTimeUnixNano()).isEqualTo(nanos(t1));

        // After the reset the delta is the new cumulative value, counted from the new start time.
        assertMatches(
                all.get(2).request(), third, nanos(resetAt), AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    }

    @Test
    void aReceiverThatAnswers503ThenGetsTheDataDelivered() throws Exception {
        OtlpHttpReceiver receiver = receiver().answer(503);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl(), "timeout", "8s"), Map.of(), snapshot);

        exporter.export(snapshot);

        List<OtlpHttpReceiver.Received> all = receiver.received();
        assertThat(all).extracting(OtlpHttpReceiver.Received::status).containsExactly(503, 200);
        assertThat(all.get(1).request()).isEqualTo(all.get(0).request());
        assertMatches(
                receiver.lastAccepted(),
                snapshot,
                nanos(START),
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    }

    /** Refused credentials are a configuration error: one request, and the error says which key to check. */
    @Test
    void aReceiverThatRefusesTheCredentialsIsNotRetriedAndTheErrorNamesTheHeadersKey() throws Exception {
        OtlpHttpReceiver receiver = receiver().answer(401);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        OtlpExporter exporter = started(
                Map.of("endpoint", receiver.metricsUrl(), "headers", "Authorization=Bearer s3cr3t", "backoff", "1ms"),
                Map.of(),
                snapshot);

        assertThatThrownBy(() -> exporter.export(snapshot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("OTLP push to http/protobuf " + receiver.metricsUrl() + " failed")
                .hasMessageContaining("refused the credentials, not retried: HTTP 401")
                .hasMessageContaining("check symphra.exporter.otlp.headers or OTEL_EXPORTER_OTLP_HEADERS")
                .hasMessageNotContaining("s3cr3t");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReceiverThatRejectsTheRequestFailsThePushAtOnceWithoutRetrying() throws Exception {
        OtlpHttpReceiver receiver = receiver().answer(400);
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        OtlpExporter exporter = started(Map.of("endpoint", receiver.metricsUrl()), Map.of(), snapshot);

        assertThatThrownBy(() -> exporter.export(snapshot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("OTLP push to http/protobuf " + receiver.metricsUrl() + " failed");
        assertThat(receiver.received()).hasSize(1);

        exporter.export(snapshot); // the next push goes through normally
        assertThat(receiver.received()).hasSize(2);
    }

    /**
     * {@code timeout} bounds one attempt: a silent receiver gets {@code max-attempts} attempts of {@code timeout}
     * each. (Before the unified HTTP keys it bounded the whole push and a timed-out attempt was not retried.)
     */
    @Test
    void aReceiverThatNeverAnswersGetsEachAttemptBoundedByTheTimeout() throws Exception {
        SilentReceiver silent = harness.keep(new SilentReceiver());
        MetricsSnapshot snapshot = richSnapshot(START, START.plusSeconds(30));
        Duration timeout = Duration.ofMillis(1500);
        // A first push in this JVM loads and compiles the SDK, protobuf and HTTP client code: on a loaded machine
        // that alone can take a second, which is not what this test measures. Push once to a receiver first.
        OtlpHttpReceiver warm = receiver();
        started(Map.of("endpoint", warm.metricsUrl(), "timeout", "1500ms"), Map.of(), snapshot)
                .export(snapshot);
        OtlpExporter exporter = started(
                Map.of(
                        "endpoint",
                        silent.metricsUrl(),
                        "timeout",
                        "1500ms",
                        "max-attempts",
                        "2",
                        "backoff",
                        "1ms",
                        "max-backoff",
                        "1ms"),
                Map.of(),
                snapshot);

        long began = System.nanoTime();
        assertThatThrownBy(() -> exporter.export(snapshot))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("got no answer within");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);

        assertThat(silent.connectionCount()).isGreaterThanOrEqualTo(2);
        // Two attempts of the timeout each; well before a third, or the 10 s default, with room for the push
        // thread not being scheduled at once on a loaded machine.
        assertThat(elapsed)
                .isGreaterThanOrEqualTo(timeout.multipliedBy(2).minusMillis(50))
                .isLessThan(timeout.multipliedBy(3));
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
        assertThat(attributes(
                        received.request().getResourceMetrics(0).getResource().getAttributesList()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "service.name",
                        "from-env",
                        "deployment.environment",
                        "prod",
                        "service",
                        "billing",
                        "instance",
                        "node-1"));
        assertThat(exporter.toString()).contains("x-api-key=******").doesNotContain("s3cr");
    }

    // ---------------------------------------------------------------------------------------------------------

    private OtlpHttpReceiver receiver() throws IOException {
        return harness.keep(OtlpHttpReceiver.start());
    }

    private OtlpExporter started(Map<String, String> relativeConfig, Map<String, String> env, MetricsSnapshot snapshot)
            throws Exception {
        return harness.start(relativeConfig, env, snapshot);
    }

    static MetricsSnapshot richSnapshot(Instant start, Instant timestamp) {
        return SnapshotBuilder.snapshot()
                .startTime(start)
                .timestamp(timestamp)
                .label("service", "billing")
                .label("instance", "node-1")
                .task("invoice", 4, 1)
                .task("reminder", new long[] {3, 7, 120, 2_000}, new long[] {45_000, 90_000}, 1, 2, 3, 1)
                .signals(
                        "reminder",
                        new ScheduleSignals(timestamp.plusMillis(2_500), 3, 1_250_000_000L),
                        new ClusterClaims(6, 5, 1, 2, 1, 14, 70_000_000L, 11_000_000L))
                .task("idle", 0, 0)
                .scheduler(new SchedulerState("1.4.0-test", 2, 3, true))
                .build();
    }
}
