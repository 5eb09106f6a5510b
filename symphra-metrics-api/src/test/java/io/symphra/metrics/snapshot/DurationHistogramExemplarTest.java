package io.symphra.metrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationHistogramExemplarTest {

    private static final double[] BOUNDS = {0.1, 1};
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00.123Z");

    private static DurationHistogram.Exemplar traced(double seconds, String traceId) {
        return new DurationHistogram.Exemplar(seconds, AT, Map.of("trace_id", traceId));
    }

    @Test
    void aHistogramWithoutExemplarsSaysSoForEveryBucket() {
        DurationHistogram histogram = DurationHistogram.of(BOUNDS, new long[] {1, 2, 0}, 1.5);
        assertThat(histogram.hasExemplars()).isFalse();
        assertThat(histogram.exemplar(0)).isNull();
        assertThat(histogram.exemplar(2)).isNull();
    }

    @Test
    void exemplarsArePerBucketAndCopiedInAndLeaveTheCountsAlone() {
        DurationHistogram plain = DurationHistogram.of(BOUNDS, new long[] {1, 2, 0}, 1.5);
        DurationHistogram.Exemplar slow = traced(0.7, "4bf92f3577b34da6a3ce929d0e0e4736");
        DurationHistogram.Exemplar[] perBucket = {null, slow, null};

        DurationHistogram withExemplars = plain.withExemplars(perBucket);
        perBucket[1] = null;

        assertThat(withExemplars.hasExemplars()).isTrue();
        assertThat(withExemplars.exemplar(0)).isNull();
        assertThat(withExemplars.exemplar(1)).isEqualTo(slow);
        assertThat(withExemplars.bucketCounts()).containsExactly(1, 2, 0);
        assertThat(withExemplars.sumSeconds()).isEqualTo(1.5);
        assertThat(withExemplars).isNotEqualTo(plain);
        assertThat(plain.withExemplars(new DurationHistogram.Exemplar[3])).isEqualTo(plain);
    }

    @Test
    void theExemplarsMustMatchTheBucketsAndCarryValidLabelNames() {
        DurationHistogram plain = DurationHistogram.of(BOUNDS, new long[] {1, 2, 0}, 1.5);
        assertThatThrownBy(() -> plain.withExemplars(new DurationHistogram.Exemplar[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 entries")
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> new DurationHistogram.Exemplar(0.1, AT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DurationHistogram.Exemplar(0.1, AT, Map.of("trace-id", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trace-id'");
        assertThatThrownBy(() -> new DurationHistogram.Exemplar(0.1, AT, Map.of("1a", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DurationHistogram.Exemplar(0.1, AT, Map.of("_a1", "x")).labels())
                .containsEntry("_a1", "x");
    }
}
