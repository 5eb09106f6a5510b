package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedWarningTest {

    @Test
    void logsOncePerWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimitedWarning warning =
                new RateLimitedWarning(LoggerFactory.getLogger(getClass()), clock, Duration.ofMinutes(1));

        assertThat(warning.warn("first")).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(warning.warn("second")).isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(warning.warn("third")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.warn("fourth")).isTrue();
        assertThat(warning.warn("fifth")).isFalse();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
