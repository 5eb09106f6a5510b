package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedWarningTest {

    @Test
    void logsOncePerPeriod() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedWarning warning =
                new RateLimitedWarning(LoggerFactory.getLogger(getClass()), Duration.ofMinutes(1), now::get);

        assertThat(warning.warn("daemon down", null)).isTrue();
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            assertThat(warning.warn("daemon down", null)).isFalse();
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(warning.warn("daemon down", new java.io.IOException("port unreachable")))
                .isTrue();
        assertThat(warning.warn("daemon down", null)).isFalse();
    }
}
