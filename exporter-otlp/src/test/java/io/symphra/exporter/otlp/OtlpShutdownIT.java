package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Closing the scheduler loses nothing: after N one-shot runs, the receiver's last accepted request says N
 * (cumulative), or its accepted deltas sum to N (delta), whether the final push is the only one or the last of many.
 */
class OtlpShutdownIT {

    private static final int RUNS = 60;
    private static final String EXECUTIONS = "symphra.scheduler.task.executions";

    @ParameterizedTest
    @CsvSource({"1h, cumulative", "20ms, cumulative", "20ms, delta"})
    void theReceiverHoldsEveryRunAfterClose(String interval, String temporality) throws Exception {
        try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
            try (Scheduler scheduler = OneShotRuns.pushingTo(
                            "otlp", interval, Map.of("endpoint", receiver.metricsUrl(), "temporality", temporality))
                    .build()) {
                OneShotRuns.runAll(scheduler, RUNS);
            }
            // close() returned after the final push was answered: nothing to wait for.
            List<ExportMetricsServiceRequest> accepted = receiver.received().stream()
                    .filter(r -> r.status() == 200)
                    .map(OtlpHttpReceiver.Received::request)
                    .toList();
            assertThat(accepted).isNotEmpty();
            long got = temporality.equals("delta")
                    ? accepted.stream().mapToLong(OtlpShutdownIT::executions).sum()
                    : executions(accepted.get(accepted.size() - 1));
            assertThat(got).isEqualTo(RUNS);
            assertThat(OtlpRequestAssertions.metric(accepted.get(accepted.size() - 1), EXECUTIONS)
                            .getSum()
                            .getDataPointsCount())
                    .isEqualTo(RUNS);
            System.out.printf(
                    "[shutdown] otlp interval %s %s: %d requests, executions %d of %d%n",
                    interval, temporality, accepted.size(), got, RUNS);
        }
    }

    private static long executions(ExportMetricsServiceRequest request) {
        return OtlpRequestAssertions.metric(request, EXECUTIONS).getSum().getDataPointsList().stream()
                .mapToLong(NumberDataPoint::getAsInt)
                .sum();
    }
}
