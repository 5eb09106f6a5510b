package io.symphra.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exemplars a task's cell keeps per bucket, as the snapshot shows them. */
class BucketExemplarsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;
    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

    private final MetricsCollector collector =
            new MetricsCollector(new ManualClock(T0), Map.of(), new double[] {0.01, 0.1, 1});
    private final TaskMetricsHandle handle = collector.handle("job");

    private DurationHistogram durations() {
        return collector.snapshot().tasks().get("job").durations();
    }

    @Test
    void runsWithoutATraceIdLeaveNoExemplar() {
        handle.recordStart(0);
        handle.recordSuccess(EpochNanos.of(T0), 5 * MS);
        assertThat(durations().hasExemplars()).isFalse();
    }

    @Test
    void eachBucketShowsItsMostRecentTracedRunWithItsDurationAndEndTime() {
        long start = EpochNanos.of(T0);
        handle.recordSuccess(start, 50 * MS);
        handle.recordExemplar(TRACE_A, start, 50 * MS);
        handle.recordFailure(start, 60 * MS);
        handle.recordExemplar(TRACE_B, start, 60 * MS);
        handle.recordSuccess(start, 5 * MS);

        DurationHistogram histogram = durations();
        assertThat(histogram.exemplar(0)).isNull();
        assertThat(histogram.exemplar(1))
                .isEqualTo(new DurationHistogram.Exemplar(
                        0.06, T0.plusMillis(60), Map.of(BucketExemplars.TRACE_ID, TRACE_B)));
        assertThat(histogram.exemplar(2)).isNull();
        assertThat(histogram.exemplar(3)).isNull();
        assertThat(histogram.bucketCounts()).containsExactly(1, 2, 0, 0);
    }

    @Test
    void aResetForgetsTheExemplarsOfThePeriodItEnds() {
        // Registered, so that the reset keeps this cell rather than dropping it with its exemplars.
        collector.onRegistered("job");
        long start = EpochNanos.of(T0);
        handle.recordTimeout(start, 2_000 * MS);
        handle.recordExemplar(TRACE_A, start, 2_000 * MS);
        assertThat(durations().exemplar(3)).isNotNull();

        assertThat(collector.reset().tasks().get("job").durations().exemplar(3)).isNotNull();

        assertThat(durations().hasExemplars()).isFalse();
        handle.recordSuccess(start, 2_000 * MS);
        assertThat(durations().hasExemplars()).isFalse();
    }
}
