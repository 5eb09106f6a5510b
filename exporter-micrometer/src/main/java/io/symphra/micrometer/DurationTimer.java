package io.symphra.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.symphra.metrics.snapshot.DurationHistogram;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * A task's duration as a Micrometer {@link Timer}, fed one {@code record()} per run, so that the registry builds
 * its histogram, percentiles and SLO buckets as for any timer. Its service-level objectives default to the
 * scheduler's histogram bounds, so that a registry that publishes them (Prometheus: {@code _bucket{le}}) shows the
 * scheduler's buckets; the registry's {@code MeterFilter}s (Spring Boot's {@code management.metrics.distribution.*})
 * configure it as any other timer and win over that default.
 */
final class DurationTimer {

    private DurationTimer() {}

    static Timer register(MeterRegistry registry, Tags tags, DurationHistogram histogram) {
        return Timer.builder(MeterNames.TASK_DURATION)
                .description("Execution durations")
                .tags(tags)
                .serviceLevelObjectives(objectives(histogram))
                .register(registry);
    }

    /**
     * The histogram's finite bounds as durations, converted as the collector converts them (the decimal written,
     * floored to whole nanoseconds), so that a run lands in the same bucket in both.
     */
    static Duration[] objectives(DurationHistogram histogram) {
        int finite = histogram.bucketCount() - 1;
        Duration[] objectives = new Duration[finite];
        for (int i = 0; i < finite; i++) {
            BigDecimal nanos = BigDecimal.valueOf(histogram.upperBound(i))
                    .movePointRight(9)
                    .setScale(0, RoundingMode.FLOOR);
            objectives[i] = Duration.ofNanos(nanos.longValueExact());
        }
        return objectives;
    }
}
