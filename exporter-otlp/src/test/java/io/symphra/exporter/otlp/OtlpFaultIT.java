package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.FaultRuns;
import io.symphra.scheduler.testkit.FaultRuns.Broken;
import io.symphra.scheduler.testkit.FaultRuns.Fault;
import io.symphra.scheduler.testkit.FaultRuns.HealthyRun;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OTLP exporter (HTTP/protobuf), driven by a real scheduler pushing every 2 ms, while the receiver refuses
 * connections (stopped), accepts and never answers, or answers 500, 503 or 429. The test's OTLP receiver takes the
 * first pushes, the fault takes its port, then a receiver comes back on that port. Tasks keep their timing, threads
 * and heap stay flat, delivery resumes, and what the receivers accepted adds up: with delta temporality the sum of
 * every accepted delta is the snapshot's total (nothing lost, nothing twice); with cumulative temporality the last
 * accepted value is the snapshot's and no accepted value ever went down.
 */
class OtlpFaultIT {

    private static final String EXECUTIONS = "symphra.scheduler.task.executions";

    @RegisterExtension
    static final FaultRuns FAULTS = new FaultRuns("otlp");

    /** A healthy run against the receiver: the lateness every fault run is compared with. */
    @BeforeAll
    static void healthyBaseline() throws Exception {
        try (OtlpHttpReceiver warm = OtlpHttpReceiver.start();
                OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
            HealthyRun healthy = FAULTS.measureHealthy(
                    settings(warm.metricsUrl(), "delta"), settings(receiver.metricsUrl(), "delta"));
            String delivery = assertAccepted(List.of(receiver), healthy.last(), "delta");
            // The receiver keeps every request it decoded, so the heap is not asserted flat here (it is in every
            // fault run, while no receiver is up).
            System.out.printf("[fault-matrix] otlp | healthy receiver | %s | %s%n", healthy.run(), delivery);
            healthy.run().assertTimingLike(FAULTS.healthy());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "cumulative"})
    void theReceiverStopsSoConnectionsAreRefusedThenStartsAgain(String temporality) throws Exception {
        faultThenRecovery("receiver stopped: connection refused; then restarted", temporality, port -> () -> {});
    }

    @Test
    void aReceiverThatAcceptsAndNeverAnswersThenTheReceiver() throws Exception {
        faultThenRecovery("accepts, reads, never answers (timeout 1s)", "delta", FaultyEndpoint::silent);
    }

    @ParameterizedTest
    @CsvSource({"500, delta", "503, delta", "503, cumulative", "429, delta"})
    void aReceiverAnsweringAnErrorStatusThenTheReceiver(int status, String temporality) throws Exception {
        faultThenRecovery(
                "HTTP " + status + " to every request", temporality, port -> FaultyEndpoint.answering(port, status));
    }

    /**
     * Closing the scheduler while a push hangs on a server that never answers ends within the scheduler's bound:
     * its shutdown timeout (5 s here) for the final push, plus the exporter's own close.
     */
    @Test
    void closingWhileTheServerNeverAnswersEndsWithinTheShutdownBound() throws Exception {
        FAULTS.assertCloseEndsWhileNeverAnswered("/v1/metrics", url -> settings(url, "delta"));
    }

    private void faultThenRecovery(String label, String temporality, Fault fault) throws Exception {
        OtlpHttpReceiver first = FAULTS.keep(OtlpHttpReceiver.start());
        int port = URI.create(first.metricsUrl()).getPort();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("otlp", settings(first.metricsUrl(), temporality))) {
            Broken broken = FAULTS.breakDelivery(load, first::close, port, fault);
            Measured run = broken.measure("otlp " + temporality + " | " + label);
            String counts = broken.counts();
            broken.end();

            OtlpHttpReceiver second = FAULTS.keep(OtlpHttpReceiver.start(port));
            long exportsAtRecovery = load.exporterStats().exports();
            await("delivery resumes")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> load.exporterStats().exports() > exportsAtRecovery
                            && !second.received().isEmpty());
            load.quiesce();
            load.close();
            String delivery = assertAccepted(List.of(first, second), load.snapshot(), temporality);
            System.out.printf(
                    "[fault-matrix] otlp %s | %s | %s | healthy lateness %s | %s; %s%n",
                    temporality, label, run, FAULTS.healthy(), counts, delivery);
        }
    }

    /**
     * What the receivers accepted (HTTP 200), in the order they accepted it, must add up to the final snapshot:
     * the sum of the deltas, or the last cumulative value, with no cumulative value ever going down.
     */
    private static String assertAccepted(List<OtlpHttpReceiver> receivers, MetricsSnapshot last, String temporality) {
        List<ExportMetricsServiceRequest> accepted = new ArrayList<>();
        for (OtlpHttpReceiver receiver : receivers) {
            receiver.received().stream()
                    .filter(r -> r.status() == 200)
                    .map(OtlpHttpReceiver.Received::request)
                    .forEach(accepted::add);
        }
        long total = last.totals().executions();
        assertThat(accepted).isNotEmpty();
        if (temporality.equals("delta")) {
            long sum = 0;
            for (ExportMetricsServiceRequest request : accepted) {
                Metric executions = OtlpRequestAssertions.metric(request, EXECUTIONS);
                assertThat(executions.getSum().getAggregationTemporality())
                        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
                sum += executions(request);
                assertThat(sum).as("accepted deltas so far").isLessThanOrEqualTo(total);
            }
            assertThat(sum).as("sum of %d accepted deltas", accepted.size()).isEqualTo(total);
            for (var task : last.tasks().values()) {
                long perTask = accepted.stream()
                        .mapToLong(r -> executionsOf(r, task.name()))
                        .sum();
                assertThat(perTask).as("deltas of %s", task.name()).isEqualTo(task.executions());
            }
            return accepted.size() + " requests accepted; their deltas sum to " + sum + " = snapshot " + total;
        }
        long previous = 0;
        for (ExportMetricsServiceRequest request : accepted) {
            long value = executions(request);
            assertThat(value).as("cumulative executions never go down").isGreaterThanOrEqualTo(previous);
            previous = value;
        }
        assertThat(previous).as("last accepted cumulative executions").isEqualTo(total);
        return accepted.size() + " requests accepted; last cumulative executions " + previous + " = snapshot " + total
                + ", never decreasing";
    }

    private static long executions(ExportMetricsServiceRequest request) {
        return OtlpRequestAssertions.metric(request, EXECUTIONS).getSum().getDataPointsList().stream()
                .mapToLong(NumberDataPoint::getAsInt)
                .sum();
    }

    private static long executionsOf(ExportMetricsServiceRequest request, String task) {
        NumberDataPoint point = OtlpRequestAssertions.numberPointsByTask(
                        OtlpRequestAssertions.metric(request, EXECUTIONS)
                                .getSum()
                                .getDataPointsList())
                .get(task);
        return point == null ? 0 : point.getAsInt();
    }

    private static Map<String, String> settings(String endpoint, String temporality) {
        return Map.of(
                "endpoint", endpoint, "interval", FaultRuns.INTERVAL, "timeout", "1s", "temporality", temporality);
    }
}
