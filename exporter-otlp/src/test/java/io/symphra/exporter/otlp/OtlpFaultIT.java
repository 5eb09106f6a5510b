package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.exporter.support.SharedHttpClient;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Lateness;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    private static final String INTERVAL = "2ms";
    private static final long EARLY_PUSHES = 300;
    private static final long PUSHES = 1_500;
    private static final Duration RUN_BOUND = Duration.ofSeconds(20);
    /** The harness's shutdown timeout (5 s), which bounds the final push, plus 2 s for closing the exporter. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(7);

    private static final String EXECUTIONS = "symphra.scheduler.task.executions";

    private static Lateness healthy;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    private static Set<Thread> threadsBeforeAll;

    /** Closes what the test opened, and checks that the scheduler, exporter and servers left no thread behind. */
    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear(); // so that the helpers' own HTTP clients can be collected
    }

    /** Every scheduler, exporter and server of the class is closed: none may have left a thread behind. */
    @AfterAll
    static void noThreadLeft() {
        if (threadsBeforeAll != null) {
            Footprint.awaitThreadsEndedSince(threadsBeforeAll);
        }
    }

    /** A healthy run against the receiver: the lateness every fault run is compared with. */
    @BeforeAll
    static void healthyBaseline() throws Exception {
        SharedHttpClient.get(); // the JVM's one client and its selector thread live as long as the JVM
        threadsBeforeAll = Footprint.liveThreads();
        try (OtlpHttpReceiver warm = OtlpHttpReceiver.start();
                SchedulerUnderLoad warmUp = SchedulerUnderLoad.start("otlp", settings(warm.metricsUrl(), "delta"))) {
            warmUp.awaitPushes(PUSHES, RUN_BOUND); // JIT warm-up, so the baseline is a steady state
        }
        try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
            Measured run;
            MetricsSnapshot last;
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start("otlp", settings(receiver.metricsUrl(), "delta"))) {
                run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
                load.quiesce();
                load.close();
                last = load.snapshot();
            }
            healthy = run.lateness();
            String delivery = assertAccepted(List.of(receiver), last, "delta");
            // The receiver keeps every request it decoded, so the heap is not asserted flat here (it is in every
            // fault run, while no receiver is up).
            System.out.printf("[fault-matrix] otlp | healthy receiver | %s | %s%n", run, delivery);
            run.assertTimingLike(healthy);
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
        FaultyEndpoint silent = keep(FaultyEndpoint.silent(0));
        String url = "http://127.0.0.1:" + silent.port() + "/v1/metrics";
        SchedulerUnderLoad load = SchedulerUnderLoad.start("otlp", settings(url, "delta"));
        try {
            await("a push hangs")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().skipped() > 0);
            long start = System.nanoTime();
            load.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "[close-under-fault] otlp | server never answers | close took %d ms; %s%n",
                    took.toMillis(), load.exporterStats());
            assertThat(took).isLessThan(CLOSE_BOUND);
        } finally {
            load.close();
        }
    }

    /** Opens a broken server on a port; what it returns is closed before the receiver starts there again. */
    @FunctionalInterface
    private interface Fault {
        AutoCloseable open(int port) throws Exception;
    }

    private void faultThenRecovery(String label, String temporality, Fault fault) throws Exception {
        OtlpHttpReceiver first = keep(OtlpHttpReceiver.start());
        int port = URI.create(first.metricsUrl()).getPort();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("otlp", settings(first.metricsUrl(), temporality))) {
            load.awaitPushes(50, RUN_BOUND);
            first.close();
            AutoCloseable broken = keep(fault.open(port));
            // A push in flight when the receiver stopped may still end well; once one has failed, none can.
            long failuresAtFault = load.exporterStats().failures();
            await("a push fails against the fault")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().failures() > failuresAtFault);
            long exportsBefore = load.exporterStats().exports();
            assertThat(exportsBefore).as("pushes delivered before the fault").isPositive();

            Measured run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
            System.out.printf("[measured] otlp %s | %s | %s%n", temporality, label, run);
            assertThat(load.exporterStats().exports())
                    .as("no push succeeds against a broken receiver")
                    .isEqualTo(exportsBefore);
            assertThat(load.exporterStats().failures()).as("failed pushes").isPositive();
            run.assertTimingLike(healthy);
            run.assertFlat();
            String counts = (broken instanceof FaultyEndpoint f ? f.requests() + " connections/requests seen; " : "")
                    + "failed " + load.exporterStats().failures() + ", skipped "
                    + load.exporterStats().skipped();
            broken.close();

            OtlpHttpReceiver second = keep(OtlpHttpReceiver.start(port));
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
                    temporality, label, run, healthy, counts, delivery);
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

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static Map<String, String> settings(String endpoint, String temporality) {
        return Map.of("endpoint", endpoint, "interval", INTERVAL, "timeout", "1s", "temporality", temporality);
    }
}
