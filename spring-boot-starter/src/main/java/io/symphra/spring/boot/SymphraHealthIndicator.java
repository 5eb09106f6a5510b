package io.symphra.spring.boot;

import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health indicator {@code symphra}, on with {@code symphra.health.enabled=true}: DOWN when the scheduler is not
 * running, or when a push exporter has failed without a success for longer than
 * {@code symphra.health.exporter-failure-timeout}; UP otherwise. An exporter fails since its last success, or, if
 * it never succeeded, since this indicator first saw it failing. Times are the scheduler's clock.
 */
public class SymphraHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;
    private final Duration exporterFailureTimeout;
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();

    public SymphraHealthIndicator(Scheduler scheduler, Duration exporterFailureTimeout) {
        this.scheduler = scheduler;
        this.exporterFailureTimeout = exporterFailureTimeout;
    }

    @Override
    public Health health() {
        if (!scheduler.isRunning()) {
            return Health.down().withDetail("running", false).build();
        }
        MetricsSnapshot snapshot = scheduler.snapshot();
        Health.Builder health = Health.up()
                .withDetail("running", true)
                .withDetail("tasks", scheduler.tasks().size());
        for (ExporterStats exporter : snapshot.exporters()) {
            boolean failing = exporter.lastFailure() != null
                    && (exporter.lastSuccess() == null || exporter.lastFailure().isAfter(exporter.lastSuccess()));
            if (!failing) {
                failingSince.remove(exporter.name());
                continue;
            }
            Instant since = exporter.lastSuccess() != null
                    ? exporter.lastSuccess()
                    : failingSince.computeIfAbsent(exporter.name(), n -> exporter.lastFailure());
            Duration failed = Duration.between(since, snapshot.timestamp());
            if (failed.compareTo(exporterFailureTimeout) > 0) {
                health.down()
                        .withDetail(
                                "exporter." + exporter.name(),
                                "failing since " + since + " (" + exporter.failures() + " failed pushes)");
            }
        }
        return health.build();
    }
}
