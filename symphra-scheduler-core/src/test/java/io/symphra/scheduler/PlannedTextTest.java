package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.scheduler.internal.EpochNanos;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MDC's planned time against the JDK's text of the same instant truncated to the millisecond. */
class PlannedTextTest {

    private static String expected(long epochNanos) {
        return EpochNanos.toInstant(epochNanos).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Test
    void matchesTheJdkOnRandomInstantsAndAroundDayAndYearEnds() {
        PlannedText text = new PlannedText();
        SplittableRandom random = new SplittableRandom(20);
        long[] edges = {
            0,
            EpochNanos.of(Instant.parse("2026-03-01T00:00:00Z")),
            EpochNanos.of(Instant.parse("2026-12-31T23:59:59.999999999Z")),
            EpochNanos.of(Instant.parse("2024-02-29T12:00:00.005Z")),
            EpochNanos.of(Instant.parse("1969-12-31T23:59:59.5Z")),
            Long.MAX_VALUE,
            Long.MIN_VALUE + 1
        };
        for (long edge : edges) {
            assertThat(text.of(edge)).as("%d", edge).isEqualTo(expected(edge));
        }
        for (int i = 0; i < 100_000; i++) {
            // Mostly nearby instants, so that the day part is both reused and replaced.
            long nanos = i % 2 == 0
                    ? random.nextLong(0, EpochNanos.of(Instant.parse("2200-01-01T00:00:00Z")))
                    : EpochNanos.of(Instant.parse("2026-03-01T23:59:00Z")) + random.nextLong(0, 120_000_000_000L);
            assertThat(text.of(nanos)).as("%d", nanos).isEqualTo(expected(nanos));
        }
    }
}
