package io.symphra.scheduler.internal.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An exporter's own ecosystem settings, as OTLP's {@code OTEL_METRIC_EXPORT_INTERVAL} and {@code OTEL_SDK_DISABLED}:
 * its default interval may depend on the configuration (the {@code interval} key still wins), and a switch may turn
 * it off whatever {@code enabled} says.
 */
class EcosystemSwitchesTest {

    /** Reads its default interval from {@code ECO_INTERVAL_MS} and is switched off by {@code ECO_OFF=yes}. */
    static final class EcosystemExporter implements MetricsExporter {
        final AtomicReference<Optional<Duration>> started = new AtomicReference<>();

        @Override
        public String name() {
            return "eco";
        }

        @Override
        public Optional<Duration> defaultInterval() {
            return Optional.of(Duration.ofSeconds(60));
        }

        @Override
        public Optional<Duration> defaultInterval(ExporterConfig config) {
            return config.environment("ECO_INTERVAL_MS")
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                    .or(this::defaultInterval);
        }

        @Override
        public Optional<String> disabledBy(ExporterConfig config) {
            return config.environment("ECO_OFF").filter("yes"::equals).map(v -> "ECO_OFF=yes");
        }

        @Override
        public void start(ExporterContext context) {
            started.set(context.pushInterval());
        }

        @Override
        public void export(MetricsSnapshot snapshot) {}

        @Override
        public void close() {}
    }

    private static Scheduler build(EcosystemExporter exporter, Map<String, String> env, String interval) {
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .exporter(exporter)
                .environment(env)
                .systemProperties(new java.util.Properties())
                .exporterProperty("symphra.exporter.eco.enabled", "true");
        if (interval != null) {
            builder.exporterProperty("symphra.exporter.eco.interval", interval);
        }
        return builder.build();
    }

    @Test
    void theDefaultIntervalMayComeFromTheConfiguration() {
        EcosystemExporter exporter = new EcosystemExporter();
        try (Scheduler scheduler = build(exporter, Map.of("ECO_INTERVAL_MS", "1500"), null)) {
            scheduler.start();
            assertThat(exporter.started.get()).contains(Duration.ofMillis(1500));
        }
    }

    @Test
    void theIntervalKeyStillWins() {
        EcosystemExporter exporter = new EcosystemExporter();
        try (Scheduler scheduler = build(exporter, Map.of("ECO_INTERVAL_MS", "1500"), "7s")) {
            scheduler.start();
            assertThat(exporter.started.get()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void aSwitchTurnsTheExporterOffDespiteEnabled() {
        EcosystemExporter exporter = new EcosystemExporter();
        try (Scheduler scheduler = build(exporter, Map.of("ECO_OFF", "yes"), null)) {
            assertThat(scheduler.exporterNames()).isEmpty();
            scheduler.start();
            assertThat(exporter.started.get()).isNull();
        }
        try (Scheduler scheduler = build(new EcosystemExporter(), Map.of("ECO_OFF", "no"), null)) {
            assertThat(scheduler.exporterNames()).containsExactly("eco");
        }
    }
}
