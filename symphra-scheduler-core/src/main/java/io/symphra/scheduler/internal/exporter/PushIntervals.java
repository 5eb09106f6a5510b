package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.config.ConfigSource;
import io.symphra.metrics.config.ConfigValue;
import io.symphra.metrics.config.DurationLimit;
import io.symphra.metrics.config.DurationNotation;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.spi.MetricsExporter;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides each exporter's push interval: its {@code interval} key, else its {@link MetricsExporter#defaultInterval(io.symphra.metrics.config.ExporterConfig)},
 * never shorter than the floor. The floor is {@link #MINIMUM}, so that a typo such as {@code 1ns} cannot keep the
 * push threads busy. Tests that need faster pushes lower it with the test-only key {@value #FLOOR_KEY}, read from
 * the scheduler's configuration like every other key.
 */
final class PushIntervals {

    /** The shortest push interval. */
    static final Duration MINIMUM = Duration.ofMillis(100);

    /** Lowers the floor below {@link #MINIMUM}; for tests only. */
    static final String FLOOR_KEY = ExporterConfig.PREFIX + "minimum-interval";

    private final Duration floor;

    private PushIntervals(Duration floor) {
        this.floor = floor;
    }

    /** The intervals allowed by {@code source}: {@link #MINIMUM} unless {@value #FLOOR_KEY} lowers it. */
    static PushIntervals from(ConfigSource source) {
        Optional<ConfigValue> raw = source.get(FLOOR_KEY).filter(v -> !v.value().isBlank());
        if (raw.isEmpty()) {
            return new PushIntervals(MINIMUM);
        }
        ConfigValue value = raw.get();
        Duration floor;
        try {
            floor = DurationNotation.parse(value.value());
        } catch (IllegalArgumentException e) {
            floor = null;
        }
        if (floor == null || floor.isNegative() || floor.isZero() || floor.compareTo(MINIMUM) > 0) {
            throw new InvalidConfigException(
                    value.key(),
                    value.value(),
                    value.origin(),
                    "expected a positive duration of at most " + text(MINIMUM)
                            + "; this key only lowers the shortest push interval, for tests");
        }
        return new PushIntervals(floor);
    }

    /**
     * The push interval of {@code exporter}, or empty for one that is only pulled.
     *
     * @throws InvalidConfigException naming the key, the value and the shortest interval when the key is too short
     * @throws IllegalArgumentException naming the exporter when its own default is out of range
     */
    Optional<Duration> of(MetricsExporter exporter, ExporterConfig config) {
        Optional<Duration> configured = config.duration("interval");
        if (configured.isPresent()) {
            if (configured.get().compareTo(floor) < 0) {
                throw config.invalid("interval", "expected at least " + shortest() + ", the shortest push interval");
            }
            return configured;
        }
        Optional<Duration> byDefault = exporter.defaultInterval(config);
        byDefault.ifPresent(d -> {
            if (d.compareTo(floor) < 0 || !DurationLimit.allows(d)) {
                throw new IllegalArgumentException("exporter '" + exporter.name() + "' has a default push interval of "
                        + d + "; push intervals must be at least " + shortest() + " and at most "
                        + DurationLimit.MAX_TEXT + ": set " + config.key("interval"));
            }
        });
        return byDefault;
    }

    private String shortest() {
        return floor.equals(MINIMUM) ? text(MINIMUM) : text(floor) + " (lowered by " + FLOOR_KEY + ")";
    }

    private static String text(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() + "ns";
    }
}
