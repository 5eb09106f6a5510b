package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.support.SharedHttpClient;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Lateness;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON exporter's HTTP push, driven by a real scheduler pushing every 2 ms, while the receiver refuses
 * connections (stopped), accepts and never answers, or answers 500, 503 or 429. A JSON receiver takes the first
 * pushes, the fault takes its port, then a receiver comes back on that port. Tasks keep their timing, threads and
 * heap stay flat, delivery resumes, and the last document received says what the final snapshot says, with no
 * document ever saying less than the one before.
 */
class JsonFaultIT {

    private static final String INTERVAL = "2ms";
    private static final long EARLY_PUSHES = 300;
    private static final long PUSHES = 1_500;
    private static final Duration RUN_BOUND = Duration.ofSeconds(20);
    /** The harness's shutdown timeout (5 s), which bounds the final push, plus 2 s for closing the exporter. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(7);

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
        try (JsonReceiver warm = JsonReceiver.start(0, new JsonReceiver.Tally());
                SchedulerUnderLoad warmUp = SchedulerUnderLoad.start("json", settings(warm.url()))) {
            warmUp.awaitPushes(PUSHES, RUN_BOUND); // JIT warm-up, so the baseline is a steady state
        }
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        try (JsonReceiver receiver = JsonReceiver.start(0, tally)) {
            Measured run;
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start("json", settings(receiver.url()))) {
                run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
                load.quiesce();
                load.close();
                healthy = run.lateness();
                String delivery = assertLastDocumentIsTheSnapshot(tally, load.snapshot());
                System.out.printf("[fault-matrix] json | healthy receiver | %s | %s%n", run, delivery);
            }
            run.assertTimingLike(healthy);
            run.assertFlat();
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
        FaultyEndpoint silent = keep(FaultyEndpoint.silent(0));
        String url = "http://127.0.0.1:" + silent.port() + "/ingest";
        SchedulerUnderLoad load = SchedulerUnderLoad.start("json", settings(url));
        try {
            await("a push hangs")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().skipped() > 0);
            long start = System.nanoTime();
            load.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "[close-under-fault] json | server never answers | close took %d ms; %s%n",
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

    private void faultThenRecovery(String label, Fault fault) throws Exception {
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        JsonReceiver first = keep(JsonReceiver.start(0, tally));
        int port = first.port();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("json", settings(first.url()))) {
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
            long documentsBefore = tally.documents();

            Measured run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
            System.out.printf("[measured] json | %s | %s%n", label, run);
            assertThat(load.exporterStats().exports())
                    .as("no push succeeds against a broken receiver")
                    .isEqualTo(exportsBefore);
            assertThat(tally.documents()).isEqualTo(documentsBefore);
            assertThat(load.exporterStats().failures()).as("failed pushes").isPositive();
            run.assertTimingLike(healthy);
            run.assertFlat();
            String counts = (broken instanceof FaultyEndpoint f ? f.requests() + " connections/requests seen; " : "")
                    + "failed " + load.exporterStats().failures() + ", skipped "
                    + load.exporterStats().skipped();
            broken.close();

            keep(JsonReceiver.start(port, tally));
            await("delivery resumes")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> tally.documents() > documentsBefore);
            load.quiesce();
            load.close();
            String delivery = assertLastDocumentIsTheSnapshot(tally, load.snapshot());
            System.out.printf(
                    "[fault-matrix] json | %s | %s | healthy lateness %s | %s; %s%n",
                    label, run, healthy, counts, delivery);
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

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static Map<String, String> settings(String url) {
        return Map.of(
                "push.url", url, "interval", INTERVAL, "timeout", "1s", "backoff", "100ms", "max-backoff", "500ms");
    }
}
