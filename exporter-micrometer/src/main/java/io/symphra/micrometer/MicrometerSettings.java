package io.symphra.micrometer;

import io.symphra.metrics.config.ExporterConfig;
import java.time.Duration;

/**
 * What the {@code micrometer} exporter read from {@code symphra.exporter.micrometer.*}.
 *
 * @param maxSnapshotAge how long one snapshot serves the meters' readings ({@code snapshot-max-age})
 */
record MicrometerSettings(Duration maxSnapshotAge) {

    static final String SNAPSHOT_MAX_AGE = "snapshot-max-age";
    static final Duration LONGEST_SNAPSHOT_AGE = Duration.ofMinutes(1);

    static MicrometerSettings read(ExporterConfig config) {
        Duration age = config.duration(SNAPSHOT_MAX_AGE, SchedulerMeterBinder.DEFAULT_MAX_SNAPSHOT_AGE);
        if (age.compareTo(LONGEST_SNAPSHOT_AGE) > 0) {
            throw config.invalid(SNAPSHOT_MAX_AGE, "expected at most 1m: readings would lag the scheduler");
        }
        return new MicrometerSettings(age);
    }
}
