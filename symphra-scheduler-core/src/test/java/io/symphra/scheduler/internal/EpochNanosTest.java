package io.symphra.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochNanosTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

    @Test
    void instantsOrderAsTheirNanosAndSaturateBeyondTheLongRangeWithoutBecomingNone() {
        assertThat(EpochNanos.of(T0)).isLessThan(EpochNanos.of(T0.plusNanos(1)));
        assertThat(EpochNanos.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochNanos.of(Instant.MIN)).isEqualTo(EpochNanos.NONE + 1);
        assertThat(EpochNanos.of(Instant.EPOCH.minusNanos(1))).isEqualTo(-1);
    }

    @Test
    void convertsBackExactlyAndNoneIsNoInstant() {
        assertThat(EpochNanos.toInstant(EpochNanos.of(T0))).isEqualTo(T0);
        assertThat(EpochNanos.toInstant(-1)).isEqualTo(Instant.EPOCH.minusNanos(1));
        assertThat(EpochNanos.toInstant(EpochNanos.NONE)).isNull();
    }

    @Test
    void addsWithoutOverflowingOrLandingOnNone() {
        assertThat(EpochNanos.plus(5, 7)).isEqualTo(12);
        assertThat(EpochNanos.plus(Long.MAX_VALUE - 1, 7)).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochNanos.plus(EpochNanos.NONE + 3, -7)).isEqualTo(EpochNanos.NONE + 1);
        assertThat(EpochNanos.plus(EpochNanos.NONE + 3, -3)).isEqualTo(EpochNanos.NONE + 1);
    }
}
