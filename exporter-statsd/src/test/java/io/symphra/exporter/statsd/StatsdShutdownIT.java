package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing the scheduler loses nothing: after N one-shot runs, the reference daemon's counters sum to N, whether the
 * final push is the only one (an hour's interval) or the last of many (20 ms).
 *
 * <p>A push of 60 tasks is some 30 datagrams, which the sender writes on its own thread after close() hands them
 * over, and the daemon reads while it is scheduled: the counters are read only once the sender's thread has ended
 * and the daemon's socket is empty, and the pushes wait for room in that socket ({@link SentCounts}), so that no
 * datagram is dropped by the kernel however late the daemon reads.
 */
class StatsdShutdownIT {

    private static final int RUNS = 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"1h", "20ms"})
    void theDaemonHoldsEveryRunAfterClose(String interval) throws Exception {
        try (StatsdDaemon daemon = StatsdDaemon.start(dir, true)) {
            SentCounts sent = new SentCounts(daemon.port());
            Scheduler scheduler = Scheduler.builder()
                    .enableMetrics(true)
                    .shutdownTimeout(Duration.ofSeconds(5))
                    // Test-only: the 20 ms case pushes below the 100 ms floor of push intervals.
                    .exporterProperty("symphra.exporter.minimum-interval", "1ms")
                    .exporterProperties(Map.of(
                            "symphra.exporter.statsd.enabled",
                            "true",
                            "symphra.exporter.statsd.port",
                            "" + daemon.port(),
                            "symphra.exporter.statsd.interval",
                            interval))
                    .exporter(sent)
                    .build();
            try (scheduler) {
                for (int i = 0; i < RUNS; i++) {
                    scheduler.schedule("once-" + i, Triggers.once(Instant.now()), () -> {});
                }
                scheduler.start();
                await("all runs in the snapshot")
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> scheduler.snapshot().totals().executions() == RUNS);
            }
            // Closed: the final push was handed to the sender; wait until every datagram of it is read.
            sent.awaitAllReadBy(daemon);
            Map<String, Double> counters = daemon.counters();
            assertThat(counters)
                    .containsEntry("symphra.scheduler.executions", (double) RUNS)
                    .containsEntry("symphra.scheduler.successes", (double) RUNS)
                    .containsEntry("symphra.scheduler.failures", 0.0);
            for (int i = 0; i < RUNS; i++) {
                assertThat(counters).containsEntry("symphra.scheduler.task.once-" + i + ".executions", 1.0);
            }
            assertThat(daemon.badLinesSeen()).isZero();
            System.out.printf(
                    "[shutdown] statsd interval %s: daemon executions %s of %d%n",
                    interval, counters.get("symphra.scheduler.executions"), RUNS);
        }
    }
}
