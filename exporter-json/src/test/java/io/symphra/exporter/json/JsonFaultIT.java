package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.FaultRuns;
import io.symphra.scheduler.testkit.FaultRuns.Broken;
import io.symphra.scheduler.testkit.FaultRuns.Fault;
import io.symphra.scheduler.testkit.FaultRuns.HealthyRun;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON exporter's HTTP push, driven by a real scheduler pushing every 2 ms, while the receiver refuses
 * connections (stopped), accepts and never answers, or answers 500, 503 or 429. A JSON receiver takes the first
 * pushes, the fault takes its port, then a receiver comes back on that port. Tasks keep their timing, threads and
 * heap stay flat, delivery resumes, and the last document received says what the final snapshot says, with no
 * document ever saying less than the one before.
 */
class JsonFaultIT {

    @RegisterExtension
    static final FaultRuns FAULTS = new FaultRuns("json");

    /** A healthy run against the receiver: the lateness every fault run is compared with. */
    @BeforeAll
    static void healthyBaseline() throws Exception {
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        try (JsonReceiver warm = JsonReceiver.start(0, new JsonReceiver.Tally());
                JsonReceiver receiver = JsonReceiver.start(0, tally)) {
            HealthyRun healthy = FAULTS.measureHealthy(settings(warm.url()), settings(receiver.url()));
            String delivery = assertLastDocumentIsTheSnapshot(tally, healthy.last());
            System.out.printf("[fault-matrix] json | healthy receiver | %s | %s%n", healthy.run(), delivery);
            healthy.run().assertTimingLike(FAULTS.healthy());
            healthy.run().assertFlat();
        }
    }

    @Test
    void theReceiverStopsSoConnectionsAreRefusedThenStartsAgain() throws Exception {
        faultThenRecovery("receiver stopped: connection refused; then restarted", port -> () -> {});
    }

    @Test
    void aReceiverThatAcceptsAndNeverAnswersThenTheReceiver() throws Exception {
        faultThenRecovery("accepts, reads, never answers (timeout 1s)", FaultyEndpoint::silent);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void aReceiverAnsweringAnErrorStatusThenTheReceiver(int status) throws Exception {
        faultThenRecovery("HTTP " + status + " to every POST", port -> FaultyEndpoint.answering(port, status));
    }

    /**
     * Closing the scheduler while a push hangs on a server that never answers ends within the scheduler's bound:
     * its shutdown timeout (5 s here) for the final push, plus the exporter's own close.
     */
    @Test
    void closingWhileTheServerNeverAnswersEndsWithinTheShutdownBound() throws Exception {
        FAULTS.assertCloseEndsWhileNeverAnswered("/ingest", JsonFaultIT::settings);
    }

    private void faultThenRecovery(String label, Fault fault) throws Exception {
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        JsonReceiver first = FAULTS.keep(JsonReceiver.start(0, tally));
        int port = first.port();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("json", settings(first.url()))) {
            Broken broken = FAULTS.breakDelivery(load, first::close, port, fault);
            long documentsBefore = tally.documents();

            Measured run = broken.measure("json | " + label);
            assertThat(tally.documents()).isEqualTo(documentsBefore);
            String counts = broken.counts();
            broken.end();

            FAULTS.keep(JsonReceiver.start(port, tally));
            await("delivery resumes")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> tally.documents() > documentsBefore);
            load.quiesce();
            load.close();
            String delivery = assertLastDocumentIsTheSnapshot(tally, load.snapshot());
            System.out.printf(
                    "[fault-matrix] json | %s | %s | healthy lateness %s | %s; %s%n",
                    label, run, FAULTS.healthy(), counts, delivery);
        }
    }

    private static String assertLastDocumentIsTheSnapshot(JsonReceiver.Tally tally, MetricsSnapshot last) {
        long total = last.totals().executions();
        assertThat(tally.lastTotal())
                .as("total_executions of the last document")
                .isEqualTo(total);
        for (TaskStats task : last.tasks().values()) {
            assertThat(tally.lastTasks()).containsEntry(task.name(), task.executions());
        }
        assertThat(tally.wentDown())
                .as("a document said fewer executions than the one before")
                .isFalse();
        return tally.documents() + " documents received; the last says " + tally.lastTotal() + " = snapshot " + total
                + ", never decreasing";
    }

    private static Map<String, String> settings(String url) {
        return Map.of(
                "push.url",
                url,
                "interval",
                FaultRuns.INTERVAL,
                "timeout",
                "1s",
                "backoff",
                "100ms",
                "max-backoff",
                "500ms");
    }
}
