package io.symphra.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every harness in a tiny configuration, so that a broken harness fails the build. No timing is asserted:
 * performance claims live in the JMH output and docs/BENCHMARKS.md only.
 */
class HarnessTest {

    @Test
    void latencyHarnessMeasuresBothSchedulers() throws InterruptedException {
        List<LatenessResult> results =
                LatenessHarness.run(new String[] {"--tasks=20", "--period=50ms", "--warmup=100ms", "--measure=300ms"});

        assertThat(results).extracting(LatenessResult::scheduler).containsExactly("symphra", "stpe");
        for (LatenessResult r : results) {
            assertThat(r.tasks()).isEqualTo(20);
            assertThat(r.periodNanos()).isEqualTo(50_000_000L);
            // 20 tasks every 50 ms for 300 ms: about 120 runs, give or take the window's edges.
            assertThat(r.samples()).isBetween(40, 200);
            assertThat(r.p50Nanos()).isLessThanOrEqualTo(r.p99Nanos());
            assertThat(r.p99Nanos()).isLessThanOrEqualTo(r.p999Nanos());
            assertThat(r.p999Nanos()).isLessThanOrEqualTo(r.maxNanos());
        }
    }

    @Test
    void footprintHarnessCountsTheTaskCellAndTheTimer() {
        List<FootprintResult> results = FootprintHarness.run(new String[] {"--tasks=10"});

        assertThat(results).hasSize(3);
        FootprintResult ours = results.get(0);
        assertThat(ours.subject()).startsWith("symphra");
        // At least the metrics cell (160 B) and its bucket array (128 B) are retained per task.
        assertThat(ours.byClass()).containsKeys("TaskCell", "RegisteredTask");
        assertThat(ours.bytesPerTask()).isGreaterThan(288);
        assertThat(results.get(1).byClass()).containsKey("PrometheusHistogram");
        assertThat(results).allSatisfy(r -> assertThat(r.bytesPerTask()).isPositive());
    }

    @Test
    void scaleHarnessSnapshotsEveryTaskAndMeasuresIdleCpu() throws InterruptedException {
        ScaleResult r = ScaleHarness.run(
                new String[] {"--tasks=500", "--warmup=1", "--repeat=3", "--idle=100ms", "--settle=0s"});

        assertThat(r.tasks()).isEqualTo(500);
        assertThat(r.snapshotMedianNanos()).isPositive().isLessThanOrEqualTo(r.snapshotMaxNanos());
        assertThat(r.idleNanos()).isGreaterThanOrEqualTo(100_000_000L);
        assertThat(r.idleSchedulerCpuNanos()).isNotNegative();
        assertThat(r.toString()).startsWith("scale tasks=500 snapshot median=");
    }

    @Test
    void mainsPrintTheirResults() throws InterruptedException {
        LatenessHarness.main(
                new String[] {"--tasks=5", "--period=50ms", "--warmup=0s", "--measure=100ms", "--scheduler=stpe"});
        ScaleHarness.main(new String[] {"--tasks=10", "--warmup=0", "--repeat=1", "--idle=0s", "--settle=0s"});
    }

    @Test
    void anUnknownOptionIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> ScaleHarness.run(new String[] {"--taks=5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--taks")
                .hasMessageContaining("tasks");
        assertThatThrownBy(
                        () -> LatenessHarness.run(new String[] {"--scheduler=cron4j", "--measure=0s", "--warmup=0s"}))
                .hasMessageContaining("cron4j");
    }
}
