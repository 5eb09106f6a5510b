package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing the scheduler loses nothing: after N one-shot runs, the newest value VictoriaMetrics holds is N, whether
 * the final push is the only one (an hour's interval) or the last of many (20 ms).
 */
class InfluxShutdownIT {

    private static final int RUNS = 60;
    private static VictoriaMetrics vm;

    @BeforeAll
    static void startVictoriaMetrics(@TempDir Path dir) throws Exception {
        vm = new VictoriaMetrics(dir, List.of());
        vm.start();
    }

    @AfterAll
    static void stopVictoriaMetrics() {
        if (vm != null) {
            vm.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1h", "20ms"})
    void victoriaMetricsHoldsEveryRunAfterClose(String interval) throws Exception {
        String run = "shutdown-" + interval; // a label of its own, so the two runs are two series
        Scheduler scheduler = OneShotRuns.pushingTo(
                        "influx",
                        interval,
                        Map.of("url", vm.url(), "org", "symphra", "bucket", "shutdown", "token", "unused"))
                .commonLabel("run", run)
                .build();
        try (scheduler) {
            OneShotRuns.runAll(scheduler, RUNS);
        }
        // The series of one push become searchable shard by shard: flush, and check them all, inside the wait.
        await("the final push is in VictoriaMetrics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    assertThat(newest(vm.export("symphra_scheduler_total_executions"), run))
                            .isEqualTo(RUNS);
                    List<Series> tasks = vm.export("symphra_scheduler_task_executions").stream()
                            .filter(s -> run.equals(s.labels().get("run")))
                            .toList();
                    assertThat(tasks).hasSize(RUNS);
                    for (Series task : tasks) {
                        assertThat(newest(List.of(task), run))
                                .as(task.labels().get("task"))
                                .isEqualTo(1.0);
                    }
                });
        System.out.printf(
                "[shutdown] influx interval %s: newest total_executions %s of %d%n",
                interval, newest(vm.export("symphra_scheduler_total_executions"), run), RUNS);
    }

    /** The value at the newest timestamp of the one series labelled with this run, or -1. */
    private static double newest(List<Series> series, String run) {
        return series.stream()
                .filter(s -> run.equals(s.labels().get("run")))
                .findFirst()
                .map(s -> {
                    int newest = 0;
                    for (int i = 1; i < s.timestamps().size(); i++) {
                        if (s.timestamps().get(i) >= s.timestamps().get(newest)) {
                            newest = i;
                        }
                    }
                    return s.values().get(newest);
                })
                .orElse(-1.0);
    }
}
