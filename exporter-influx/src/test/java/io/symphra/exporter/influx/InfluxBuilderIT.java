package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exporter made by {@link InfluxExporter#builder()} and passed to the real scheduler, with no string key anywhere,
 * writes every run to VictoriaMetrics at the builder's URL, with timestamps in the builder's precision.
 */
class InfluxBuilderIT {

    private static final int RUNS = 3;

    @TempDir
    Path dir;

    @Test
    void victoriaMetricsHoldsEveryRunInWholeSeconds() throws Exception {
        try (VictoriaMetrics vm = new VictoriaMetrics(dir, List.of())) {
            vm.start();
            deliversEveryRunInWholeSeconds(vm);
        }
    }

    private static void deliversEveryRunInWholeSeconds(VictoriaMetrics vm) throws Exception {
        InfluxExporter exporter = InfluxExporter.builder()
                .url(URI.create(vm.url()))
                .org("symphra")
                .bucket("builder")
                .token("unused")
                .precision(TimestampPrecision.S)
                .batchSize(10)
                .bufferLimit(1000)
                .timeout(Duration.ofSeconds(10))
                .interval(Duration.ofHours(1))
                .build();

        OneShotRuns.runAndClose(exporter, Map.of(), RUNS);

        // The series of one push become searchable shard by shard: flush, and check them all, inside the wait.
        await("the final push is in VictoriaMetrics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    List<Series> tasks = vm.export("symphra_scheduler_task_executions");
                    assertThat(tasks)
                            .extracting(s -> s.labels().get("task"))
                            .containsExactlyInAnyOrder("once-0", "once-1", "once-2");
                    assertThat(tasks).allSatisfy(s -> assertThat(s.values()).containsExactly(1.0));
                    assertThat(vm.export("symphra_scheduler_total_executions"))
                            .singleElement()
                            .satisfies(s -> assertThat(s.values()).containsExactly((double) RUNS));
                });
        assertThat(vm.export("symphra_scheduler_.*"))
                .flatExtracting(Series::timestamps)
                .isNotEmpty()
                .allSatisfy(
                        millis -> assertThat(millis % 1000).as("precision s").isZero());
    }
}
