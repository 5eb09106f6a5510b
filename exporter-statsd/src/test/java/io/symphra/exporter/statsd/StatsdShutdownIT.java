package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.nio.file.Path;
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
            try (Scheduler scheduler = OneShotRuns.pushingTo("statsd", interval, Map.of("port", "" + daemon.port()))
                    .exporter(sent)
                    .build()) {
                OneShotRuns.runAll(scheduler, RUNS);
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
