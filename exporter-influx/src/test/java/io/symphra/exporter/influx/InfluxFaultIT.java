package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.exporter.support.SharedHttpClient;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Lateness;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Influx exporter, driven by a real scheduler pushing every 2 ms, while the server refuses connections,
 * accepts and never answers, answers 500, 503 or 429, or is a real VictoriaMetrics stopped and started again. In
 * every case the real VictoriaMetrics then comes up on that very port: delivery must resume, and the last value it
 * holds must be the snapshot's, with no series ever going down. Tasks keep their timing, threads and heap stay
 * flat. The numbers each run prints go to docs/RELIABILITY.md.
 */
class InfluxFaultIT {

    private static final String INTERVAL = "2ms";
    private static final long EARLY_PUSHES = 300;
    private static final long PUSHES = 1_500;
    private static final Duration RUN_BOUND = Duration.ofSeconds(20);
    /** The harness's shutdown timeout (5 s), which bounds the final push, plus 2 s for closing the exporter. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(7);

    private static final Duration VM_WAIT = Duration.ofSeconds(30);

    private static Lateness healthy;

    @TempDir
    Path temp;

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

    @BeforeAll
    static void healthyBaseline(@TempDir Path dir) throws Exception {
        SharedHttpClient.get(); // the JVM's one client and its selector thread live as long as the JVM
        threadsBeforeAll = Footprint.liveThreads();
        try (VictoriaMetrics vm = new VictoriaMetrics(dir, List.of())) {
            vm.start();
            try (SchedulerUnderLoad warmUp = SchedulerUnderLoad.start("influx", settings(vm))) {
                warmUp.awaitPushes(PUSHES, RUN_BOUND); // JIT warm-up, so the baseline is a steady state
            }
            Measured run;
            MetricsSnapshot last;
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start("influx", settings(vm))) {
                run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
                load.quiesce();
                load.close();
                last = load.snapshot();
            }
            healthy = run.lateness();
            String delivery = assertLastValuesAreTheSnapshots(vm, last);
            report("healthy VictoriaMetrics", run, delivery);
            run.assertTimingLike(healthy);
            run.assertFlat();
        }
    }

    @Test
    void victoriaMetricsStoppedSoConnectionsAreRefusedThenStartedAgain() throws Exception {
        faultThenRecovery("VictoriaMetrics stopped: connection refused; then restarted", port -> () -> {});
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersThenVictoriaMetrics() throws Exception {
        faultThenRecovery("accepts, reads, never answers (timeout 1s)", FaultyEndpoint::silent);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void aServerAnsweringAnErrorStatusThenVictoriaMetrics(int status) throws Exception {
        faultThenRecovery("HTTP " + status + " to every write", port -> FaultyEndpoint.answering(port, status));
    }

    /**
     * Closing the scheduler while a push hangs on a server that never answers ends within the scheduler's bound:
     * its shutdown timeout (5 s here) for the final push, plus the exporter's own close.
     */
    @Test
    void closingWhileTheServerNeverAnswersEndsWithinTheShutdownBound() throws Exception {
        FaultyEndpoint silent = keep(FaultyEndpoint.silent(0));
        String url = "http://127.0.0.1:" + silent.port();
        SchedulerUnderLoad load = SchedulerUnderLoad.start("influx", settings(url));
        try {
            await("a push hangs")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().skipped() > 0);
            long start = System.nanoTime();
            load.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "[close-under-fault] influx | server never answers | close took %d ms; %s%n",
                    took.toMillis(), load.exporterStats());
            assertThat(took).isLessThan(CLOSE_BOUND);
        } finally {
            load.close();
        }
    }

    /** Opens a broken server on a port; what it returns is closed before the real server starts there again. */
    @FunctionalInterface
    private interface Fault {
        AutoCloseable open(int port) throws Exception;
    }

    /**
     * VictoriaMetrics takes the scheduler's first pushes, is stopped, and the fault takes its port; after the
     * measured stretch the fault goes and VictoriaMetrics starts again on the same port and data. (A fresh
     * VictoriaMetrics makes new series searchable only after about ten seconds; one that knew them already shows
     * new samples within a second, which keeps each test short.)
     */
    private void faultThenRecovery(String label, Fault fault) throws Exception {
        VictoriaMetrics vm = keep(new VictoriaMetrics(temp, List.of()));
        vm.start();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("influx", settings(vm))) {
            load.awaitPushes(50, RUN_BOUND);
            vm.stop();
            AutoCloseable broken = keep(fault.open(URI.create(vm.url()).getPort()));
            // A push in flight when the server stopped may still end well; once one has failed, none can.
            long failuresAtFault = load.exporterStats().failures();
            await("a push fails against the fault")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().failures() > failuresAtFault);
            long exportsBefore = load.exporterStats().exports();
            assertThat(exportsBefore).as("pushes delivered before the fault").isPositive();

            Measured run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
            System.out.printf("[measured] influx | %s | %s%n", label, run);
            assertThat(load.exporterStats().exports())
                    .as("no push succeeds against a broken server")
                    .isEqualTo(exportsBefore);
            assertThat(load.exporterStats().failures()).as("failed pushes").isPositive();
            run.assertTimingLike(healthy);
            run.assertFlat();
            InfluxExporter exporter =
                    (InfluxExporter) load.scheduler().exporter("influx").orElseThrow();
            String counts = (broken instanceof FaultyEndpoint f ? f.requests() + " connections/requests seen; " : "")
                    + "failed " + load.exporterStats().failures() + ", skipped "
                    + load.exporterStats().skipped()
                    + "; " + exporter.bufferedPoints() + " points buffered, " + exporter.droppedPoints() + " dropped";
            broken.close();
            vm.start();
            String delivery = recover(vm, load);
            report(label, run, counts + "; " + delivery);
        }
    }

    /** Waits until the server receives new data, stops the tasks, closes, and checks the values the server holds. */
    private static String recover(VictoriaMetrics vm, SchedulerUnderLoad load) throws Exception {
        long exportsBefore = load.exporterStats().exports();
        await("delivery resumes")
                .atMost(VM_WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> load.exporterStats().exports() > exportsBefore);
        load.quiesce();
        load.close();
        return assertLastValuesAreTheSnapshots(vm, load.snapshot());
    }

    /**
     * The newest sample of each executions series must equal the final snapshot, and no series may ever go down
     * (a count is never doubled or taken back).
     */
    private static String assertLastValuesAreTheSnapshots(VictoriaMetrics vm, MetricsSnapshot last) throws Exception {
        long total = last.totals().executions();
        long since = last.startTime().toEpochMilli();
        // The series of one push become searchable shard by shard: flush, and check them all, inside the wait.
        Series[] global = new Series[1];
        await("the final push is in VictoriaMetrics")
                .atMost(VM_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    global[0] = vm.export("symphra_scheduler_total_executions").get(0);
                    assertThat(lastValue(global[0])).as("last total_executions").isEqualTo(total);
                    assertNeverDecreases(global[0], since);
                    List<Series> tasks = vm.export("symphra_scheduler_task_executions");
                    assertThat(tasks).hasSize(SchedulerUnderLoad.TASKS.size());
                    for (Series task : tasks) {
                        String name = task.labels().get("task");
                        assertThat(lastValue(task))
                                .as("last executions of %s", name)
                                .isEqualTo(last.tasks().get(name).executions());
                        assertNeverDecreases(task, since);
                    }
                });
        long samples = global[0].timestamps().stream().filter(t -> t >= since).count();
        return "VictoriaMetrics holds " + samples + " samples of the run; last total_executions "
                + (long) lastValue(global[0]) + " = snapshot " + total + ", never decreasing";
    }

    private static double lastValue(Series series) {
        long newest =
                series.timestamps().stream().mapToLong(Long::longValue).max().orElseThrow();
        return series.values().stream()
                .skip(series.timestamps().lastIndexOf(newest))
                .findFirst()
                .orElseThrow();
    }

    /** Checks the samples of this scheduler's run (from {@code sinceMillis}, its metrics' start). */
    private static void assertNeverDecreases(Series series, long sinceMillis) {
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < series.values().size(); i++) {
            if (series.timestamps().get(i) < sinceMillis) {
                continue; // an earlier scheduler's run (the warm-up) in the same series
            }
            samples.add(new long[] {
                series.timestamps().get(i), series.values().get(i).longValue()
            });
        }
        samples.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i)[1])
                    .as("%s %s at %d", series.name(), series.labels(), samples.get(i)[0])
                    .isGreaterThanOrEqualTo(samples.get(i - 1)[1]);
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static Map<String, String> settings(String url) {
        return Map.of(
                "url",
                url,
                "org",
                "symphra",
                "bucket",
                "faults",
                "token",
                "unused",
                "interval",
                INTERVAL,
                "timeout",
                "1s",
                "backoff",
                "50ms",
                "max-backoff",
                "200ms",
                "buffer-limit",
                "5000");
    }

    private static Map<String, String> settings(VictoriaMetrics vm) {
        return settings(vm.url());
    }

    private static void report(String fault, Measured run, String delivery) {
        System.out.printf(
                "[fault-matrix] influx | %s | %s | healthy lateness %s | %s%n", fault, run, healthy, delivery);
    }
}
