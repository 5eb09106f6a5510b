package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RateLimitedWarningsTest {

    @Test
    void logsAFewPerWindowAndCountsTheRest() {
        CapturingLoggers loggers = new CapturingLoggers();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimitedWarnings warnings = new RateLimitedWarnings(loggers.apply("w"), clock, Duration.ofMinutes(1), 3);

        for (int i = 0; i < 1_000; i++) {
            warnings.warn("push failed #" + i);
            clock.advance(Duration.ofMillis(10));
        }
        // 1000 warnings over 10 s: one window, three lines.
        assertThat(loggers.lines("w", Level.WARN))
                .extracting(CapturingLoggers.Line::message)
                .containsExactly("push failed #0", "push failed #1", "push failed #2");
        assertThat(warnings.suppressedTotal()).isEqualTo(997);

        clock.advance(Duration.ofMinutes(1));
        warnings.warn("push failed again");
        assertThat(loggers.lines("w", Level.WARN)).hasSize(4);
        assertThat(loggers.lines("w", Level.WARN).get(3).message())
                .isEqualTo("push failed again (997 similar warning(s) suppressed before this one)");
        warnings.warn("and again");
        assertThat(loggers.lines("w", Level.WARN).get(4).message()).isEqualTo("and again");
    }
}
