package io.symphra.exporter.otlp;

import static io.symphra.exporter.otlp.OtlpRequestAssertions.assertMatches;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.attributes;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.nanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OTLP/gRPC against a real grpc-java receiver, with the OkHttp gRPC sender on the class path as a user adds it.
 */
class OtlpGrpcIT {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final ExporterHarness harness = new ExporterHarness();

    @AfterEach
    void closeAll() throws Exception {
        harness.close();
    }

    @Test
    void everyMetricArrivesOverGrpcWithHeadersGzipAndHostileNames() throws Exception {
        OtlpGrpcReceiver receiver = harness.keep(OtlpGrpcReceiver.start());
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(45))
                .label("service", "billing");
        HostileNames.CORPUS.forEach(name -> builder.task(name, 3, 1));
        MetricsSnapshot snapshot = builder.task("slow", new long[] {1_500, 40_000}, new long[] {70_000}, 1, 2, 1, 1)
                .build();
        OtlpExporter exporter = harness.start(
                Map.of(
                        "protocol",
                        "grpc",
                        "endpoint",
                        receiver.endpoint(),
                        "compression",
                        "gzip",
                        "headers",
                        "x-api-key=grpc-secret",
                        "service-name",
                        "billing-jobs"),
                Map.of(),
                snapshot);

        exporter.export(snapshot);

        assertThat(receiver.received()).hasSize(1);
        OtlpGrpcReceiver.Received received = receiver.received().get(0);
        assertThat(received.header("x-api-key")).isEqualTo("grpc-secret");
        assertThat(received.header("grpc-encoding")).isEqualTo("gzip");
        assertMatches(
                received.request(), snapshot, nanos(START), AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(attributes(
                        received.request().getResourceMetrics(0).getResource().getAttributesList()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("service.name", "billing-jobs", "service", "billing"));
    }

    @Test
    void theStandardVariablesSelectGrpcAndTheGenericEndpointIsUsedAsItIs() throws Exception {
        OtlpGrpcReceiver receiver = harness.keep(OtlpGrpcReceiver.start());
        MetricsSnapshot snapshot = OtlpExporterIT.richSnapshot(START, START.plusSeconds(10));
        OtlpExporter exporter = harness.start(
                Map.of(),
                Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()),
                snapshot);

        exporter.export(snapshot);

        assertThat(receiver.received()).hasSize(1);
        assertMatches(
                receiver.received().get(0).request(),
                snapshot,
                nanos(START),
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    }

    @Test
    void anUnavailableReceiverIsRetriedAndGetsTheData() throws Exception {
        OtlpGrpcReceiver receiver = harness.keep(OtlpGrpcReceiver.start()).answer(Status.Code.UNAVAILABLE);
        MetricsSnapshot snapshot = OtlpExporterIT.richSnapshot(START, START.plusSeconds(10));
        OtlpExporter exporter = harness.start(
                Map.of("protocol", "grpc", "endpoint", receiver.endpoint(), "timeout", "8s"), Map.of(), snapshot);

        exporter.export(snapshot);

        assertThat(receiver.received())
                .extracting(OtlpGrpcReceiver.Received::status)
                .containsExactly(Status.Code.UNAVAILABLE, Status.Code.OK);
        assertMatches(
                receiver.received().get(1).request(),
                snapshot,
                nanos(START),
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    }

    @Test
    void aSilentGrpcReceiverFailsThePushWithinTheTimeout() throws Exception {
        SilentReceiver silent = harness.keep(new SilentReceiver());
        MetricsSnapshot snapshot = OtlpExporterIT.richSnapshot(START, START.plusSeconds(10));
        String endpoint = silent.metricsUrl().replace("/v1/metrics", "");
        // A first gRPC push in this JVM loads and compiles the SDK, OkHttp and protobuf code: on a loaded machine
        // that alone can take a second, which is not what this test measures. Push once to a receiver first.
        OtlpGrpcReceiver warm = harness.keep(OtlpGrpcReceiver.start());
        harness.start(Map.of("protocol", "grpc", "endpoint", warm.endpoint(), "timeout", "1500ms"), Map.of(), snapshot)
                .export(snapshot);
        OtlpExporter exporter = harness.start(
                Map.of("protocol", "grpc", "endpoint", endpoint, "timeout", "1500ms"), Map.of(), snapshot);

        long began = System.nanoTime();
        assertThatThrownBy(() -> exporter.export(snapshot)).isInstanceOf(TimeoutException.class);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);

        // Not before the timeout, and well before the 10 s default a push that ignored it would take, with seconds
        // of room for the push thread not being scheduled at once on a loaded machine. (That a timed-out attempt
        // is not retried is OtlpTransportTest's.)
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1450)).isLessThan(Duration.ofMillis(6_000));
    }

    /** The gRPC sender is on this test's class path only: gRPC retries are the SDK's, which allows 5 attempts. */
    @Test
    void grpcAllowsTheFiveAttemptsTheSdkRuns() {
        assertThat(OtlpSettingsReader.read(ExporterConfig.of("otlp", Map.of("protocol", "grpc", "max-attempts", "5")))
                        .retry()
                        .maxAttempts())
                .isEqualTo(5);
        assertThatThrownBy(() -> OtlpSettingsReader.read(
                        ExporterConfig.of("otlp", Map.of("protocol", "grpc", "max-attempts", "6"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.max-attempts = '6'")
                .hasMessageContaining("expected at most 5 with protocol grpc");
        assertThat(OtlpSettingsReader.read(ExporterConfig.of("otlp", Map.of("max-attempts", "6")))
                        .retry()
                        .maxAttempts())
                .isEqualTo(6);
    }
}
