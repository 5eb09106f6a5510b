package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.FaultRuns;
import io.symphra.scheduler.testkit.FaultRuns.Broken;
import io.symphra.scheduler.testkit.FaultRuns.Fault;
import io.symphra.scheduler.testkit.FaultRuns.HealthyRun;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    private static final Duration VM_WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final FaultRuns FAULTS = new FaultRuns("influx");

    @TempDir
    Path temp;

    @BeforeAll
    static void healthyBaseline(@TempDir Path dir) throws Exception {
        try (VictoriaMetrics vm = new VictoriaMetrics(dir, List.of())) {
            vm.start();
            HealthyRun healthy = FAULTS.measureHealthy(settings(vm), settings(vm));
            String delivery = assertLastValuesAreTheSnapshots(vm, healthy.last());
            report("healthy VictoriaMetrics", healthy.run(), delivery);
            healthy.run().assertTimingLike(FAULTS.healthy());
            healthy.run().assertFlat();
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
        FAULTS.assertCloseEndsWhileNeverAnswered("", InfluxFaultIT::settings);
    }

    /**
     * VictoriaMetrics takes the scheduler's first pushes, is stopped, and the fault takes its port; after the
     * measured stretch the fault goes and VictoriaMetrics starts again on the same port and data. (A fresh
     * VictoriaMetrics makes new series searchable only after about ten seconds; one that knew them already shows
     * new samples within a second, which keeps each test short.)
     */
    private void faultThenRecovery(String label, Fault fault) throws Exception {
        VictoriaMetrics vm = FAULTS.keep(new VictoriaMetrics(temp, List.of()));
        vm.start();
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("influx", settings(vm))) {
            Broken broken =
                    FAULTS.breakDelivery(load, vm::stop, URI.create(vm.url()).getPort(), fault);
            Measured run = broken.measure("influx | " + label);
            InfluxExporter exporter =
                    (InfluxExporter) load.scheduler().exporter("influx").orElseThrow();
            String counts = broken.counts() + "; " + exporter.bufferedPoints() + " points buffered, "
                    + exporter.droppedPoints() + " dropped";
            broken.end();
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
                FaultRuns.INTERVAL,
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
                "[fault-matrix] influx | %s | %s | healthy lateness %s | %s%n", fault, run, FAULTS.healthy(), delivery);
    }
}
