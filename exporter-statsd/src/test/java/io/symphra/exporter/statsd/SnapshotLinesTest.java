package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotLinesTest {

    @Test
    void numbersArePlainDecimalsThatReadBackExactly() {
        assertThat(SnapshotLines.plain(3.0)).isEqualTo("3");
        assertThat(SnapshotLines.plain(0.0)).isEqualTo("0");
        assertThat(SnapshotLines.plain(-0.0)).isEqualTo("0");
        assertThat(SnapshotLines.plain(0.05)).isEqualTo("0.05");
        assertThat(SnapshotLines.plain(1e-7)).isEqualTo("0.0000001");
        assertThat(SnapshotLines.plain(2.0 / 3)).isEqualTo("0.6666666666666666");
        assertThat(SnapshotLines.plain(1e20)).isEqualTo("100000000000000000000");
        assertThat(Double.parseDouble(SnapshotLines.plain(13.333333333333334))).isEqualTo(13.333333333333334);
    }

    @Test
    void aNegativeGaugeIsFirstSetToZeroThenMovedDown() {
        // A leading '-' alone would change the daemon's current value instead of setting it.
        assertThat(SnapshotLines.gauge(MetricId.named("a.b"), -2.5)).isEqualTo("a.b:0|g\na.b:-2.5|g");
        assertThat(SnapshotLines.gauge(MetricId.named("a.b"), 2.5)).isEqualTo("a.b:2.5|g");
    }

    @Test
    void nonFiniteGaugesAreNotSent() {
        assertThat(SnapshotLines.gauge(MetricId.named("a"), Double.NaN)).isNull();
        assertThat(SnapshotLines.gauge(MetricId.named("a"), Double.POSITIVE_INFINITY))
                .isNull();
    }
}
