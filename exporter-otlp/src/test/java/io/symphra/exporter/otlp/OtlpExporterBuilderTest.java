package io.symphra.exporter.otlp;

import static io.symphra.exporter.otlp.OtlpRequestAssertions.attributes;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.metric;
import static io.symphra.exporter.otlp.OtlpRequestAssertions.numberPointsByTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OtlpExporterBuilder} through the real scheduler and the real OTLP/HTTP receiver, which decodes each request
 * with the OpenTelemetry protobuf definitions: every setting of the builder shows in what arrives; what it sets
 * wins over system properties; a bad value fails the build as the same key would, with {@code (from code)}.
 */
class OtlpExporterBuilderTest {

    private static final int RUNS = 2;

    @Test
    void theFinalPushArrivesAsTheBuilderSaid() throws Exception {
        try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
            OtlpExporter exporter = OtlpExporter.builder()
                    .protocol(OtlpProtocol.HTTP_PROTOBUF)
                    .endpoint(URI.create(receiver.metricsUrl()))
                    .headers(Map.of("x-api-key", "k-123"))
                    .compression(Compression.GZIP)
                    .temporality(Temporality.DELTA)
                    .serviceName("billing-jobs")
                    .timeout(Duration.ofSeconds(10))
                    .maxAttempts(2)
                    .interval(Duration.ofHours(1))
                    .build();

            OneShotRuns.runAndClose(exporter, Map.of(), RUNS);

            // An hour's interval: the only push is the final one on close, which returns once it was answered.
            List<OtlpHttpReceiver.Received> received = receiver.received();
            assertThat(received).extracting(OtlpHttpReceiver.Received::status).containsExactly(200);
            OtlpHttpReceiver.Received push = received.get(0);
            assertThat(push.header("x-api-key")).isEqualTo("k-123");
            assertThat(push.header("Content-Encoding")).isEqualTo("gzip");
            ExportMetricsServiceRequest request = push.request();
            assertThat(attributes(request.getResourceMetrics(0).getResource().getAttributesList()))
                    .containsEntry("service.name", "billing-jobs");
            Metric executions = metric(request, "symphra.scheduler.task.executions");
            assertThat(executions.getSum().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            assertThat(numberPointsByTask(executions.getSum().getDataPointsList()))
                    .containsOnlyKeys("once-0", "once-1")
                    .allSatisfy((task, point) ->
                            assertThat(point.getAsInt()).as(task).isEqualTo(1));
        }
    }

    @Test
    void valuesSetInCodeWinOverSystemProperties() throws Exception {
        try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
            // sideways is not a temporality: had the property won, the build would fail.
            Map<String, String> properties = Map.of(
                    "symphra.exporter.otlp.endpoint", "http://127.0.0.1:9/v1/metrics",
                    "symphra.exporter.otlp.temporality", "sideways",
                    "symphra.exporter.otlp.service-name", "from-property");
            OtlpExporter exporter = OtlpExporter.builder()
                    .endpoint(URI.create(receiver.metricsUrl()))
                    .temporality(Temporality.CUMULATIVE)
                    .serviceName("from-code")
                    .interval(Duration.ofHours(1))
                    .build();

            OneShotRuns.runAndClose(exporter, properties, 1);

            ExportMetricsServiceRequest request = receiver.lastAccepted();
            assertThat(attributes(request.getResourceMetrics(0).getResource().getAttributesList()))
                    .containsEntry("service.name", "from-code");
            NumberDataPoint point = numberPointsByTask(metric(request, "symphra.scheduler.task.executions")
                            .getSum()
                            .getDataPointsList())
                    .get("once-0");
            assertThat(point.getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void aBadValueSetInCodeFailsTheBuildNamingTheKeyAndCode() {
        OtlpExporter zeroTimeout = OtlpExporter.builder().timeout(Duration.ZERO).build();
        OtlpExporter noAttempt = OtlpExporter.builder().maxAttempts(0).build();

        assertThatThrownBy(
                        () -> IsolatedScheduler.builder().exporter(zeroTimeout).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.otlp.timeout = 'PT0S' (from code): expected a positive duration such as"
                        + " 500ms, 10s, 2m, 1h or PT10S");
        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(noAttempt).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(
                        "symphra.exporter.otlp.max-attempts = '0' (from code): expected an integer from 1 to ");
    }

    @Test
    void theProtocolIsWrittenByItsSpecificationName() {
        OtlpExporter exporter =
                OtlpExporter.builder().protocol(OtlpProtocol.HTTP_PROTOBUF).build();

        assertThat(exporter.settingsInCode()).containsEntry("protocol", "http/protobuf");
    }
}
