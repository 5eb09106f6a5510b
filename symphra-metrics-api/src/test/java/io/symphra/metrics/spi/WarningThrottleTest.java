package io.symphra.metrics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    @Test
    void letsThroughPerWindowAndCountsTheRest() {
        AtomicLong now = new AtomicLong();
        WarningThrottle throttle = new WarningThrottle(Duration.ofSeconds(60), 2, now::get);
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isEqualTo(-1);
        assertThat(throttle.admit()).isEqualTo(-1);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(throttle.admit()).isEqualTo(-1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.admit()).isEqualTo(3);
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.heldBackTotal()).isEqualTo(3);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new WarningThrottle(Duration.ZERO, 1, System::nanoTime))
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new WarningThrottle(Duration.ofSeconds(1), 0, System::nanoTime))
                .hasMessageContaining("got 0");
    }
}
