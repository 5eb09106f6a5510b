package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.testkit.OneShotRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exporter made by {@link StatsdExporter#builder()} and passed to the real scheduler, with no string key anywhere,
 * delivers to the reference daemon at the builder's port and under the builder's prefix.
 */
class StatsdBuilderIT {

    private static final int RUNS = 5;

    @TempDir
    Path dir;

    @Test
    void theDaemonHoldsEveryRunUnderTheBuildersPrefix() throws Exception {
        try (StatsdDaemon daemon = StatsdDaemon.start(dir, true)) {
            StatsdExporter exporter = StatsdExporter.builder()
                    .host("127.0.0.1")
                    .port(daemon.port())
                    .prefix("acme.billing")
                    .maxPacketSize(8932)
                    .interval(Duration.ofHours(1))
                    .build();
            OneShotRuns.runAndClose(exporter, Map.of(), RUNS);
            // An hour's interval: the only push is the final one on close.
            await("the final push read by the daemon")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> daemon.counters().getOrDefault("acme.billing.executions", 0.0) == RUNS);

            Map<String, Double> counters = daemon.counters();
            for (int i = 0; i < RUNS; i++) {
                assertThat(counters).containsEntry("acme.billing.task.once-" + i + ".executions", 1.0);
            }
            assertThat(counters.keySet()).noneMatch(key -> key.startsWith("symphra.scheduler."));
            assertThat(daemon.badLinesSeen()).isZero();
        }
    }
}
