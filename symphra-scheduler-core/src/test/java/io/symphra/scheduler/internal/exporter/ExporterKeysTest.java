package io.symphra.scheduler.internal.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.spi.ExporterBuilder;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.CapturedStderr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keys under {@code symphra.exporter.}: misspelled ones fail naming the key meant, settings in code win and are
 * validated like properties, and settings the build ignores are named in one warning.
 */
class ExporterKeysTest {

    @BeforeEach
    void clear() {
        RecordingExporter.INSTANCES.clear();
    }

    /** An exporter with a typed builder, as the bundled ones have. */
    static final class GreeterExporter implements MetricsExporter {
        private final Map<String, String> inCode;
        volatile int volume;
        volatile Optional<Duration> pushInterval;

        GreeterExporter(Map<String, String> inCode) {
            this.inCode = inCode;
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder extends ExporterBuilder<Builder> {
            Builder volume(int volume) {
                return set("volume", volume);
            }

            GreeterExporter build() {
                return new GreeterExporter(settings());
            }
        }

        @Override
        public String name() {
            return "greeter";
        }

        @Override
        public Map<String, String> settingsInCode() {
            return inCode;
        }

        @Override
        public void configure(ExporterConfig config) {
            volume = config.integer("volume", 1, 1, 11);
        }

        @Override
        public void start(ExporterContext context) {
            pushInterval = context.pushInterval();
        }

        @Override
        public void close() {}
    }

    private static Scheduler.Builder metricsOn(Properties properties, Map<String, String> environment) {
        return Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(properties)
                .environment(environment);
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    /** Builds and closes the scheduler, and returns the one log line that holds {@code marker}. */
    private static String theOneLineWith(String marker, Scheduler.Builder builder) {
        List<String> lines;
        try (CapturedStderr log = new CapturedStderr()) {
            builder.build().close();
            lines = log.lines();
        }
        List<String> matching = lines.stream().filter(l -> l.contains(marker)).toList();
        assertThat(matching).as("log lines holding '%s'", marker).hasSize(1);
        return matching.get(0);
    }

    @Test
    void aMisspelledKeyFailsTheBuildNamingTheKeyItsOriginAndTheKeyMeant() {
        assertThatThrownBy(() -> metricsOn(properties(), Map.of())
                        .exporterProperty("symphra.exporter.recording.enabled", "true")
                        .exporterProperty("symphra.exporter.recording.greting", "hello")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.recording.greting (from builder): exporter 'recording' has no such"
                        + " setting; did you mean symphra.exporter.recording.greeting?");
    }

    @Test
    void aMisspelledEnvironmentVariableIsNamedWithTheVariableMeant() {
        assertThatThrownBy(() -> metricsOn(
                                properties(),
                                Map.of(
                                        "SYMPHRA_EXPORTER_RECORDING_ENABLED", "true",
                                        "SYMPHRA_EXPORTER_RECORDING_GREETNG", "hello"))
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SYMPHRA_EXPORTER_RECORDING_GREETNG (from environment variable"
                        + " SYMPHRA_EXPORTER_RECORDING_GREETNG)")
                .hasMessageEndingWith("did you mean SYMPHRA_EXPORTER_RECORDING_GREETING?");
    }

    @Test
    void aKeyFarFromEverySupportedOneIsAnsweredWithTheListOfKeysAndNeverItsValue() {
        assertThatThrownBy(() -> metricsOn(
                                properties(
                                        "symphra.exporter.recording.enabled", "true",
                                        "symphra.exporter.recording.api-token", "s3cr3t"),
                                Map.of())
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.recording.api-token (from system property)")
                .hasMessageContaining("the keys it reads are [symphra.exporter.recording.enabled,"
                        + " symphra.exporter.recording.greeting, symphra.exporter.recording.interval,"
                        + " symphra.exporter.recording.mode]")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void everyKeyTheExporterReadsIsAcceptedFromEveryLayer() {
        Scheduler scheduler = metricsOn(
                        properties("symphra.exporter.recording.mode", "ok"),
                        Map.of("SYMPHRA_EXPORTER_RECORDING_GREETING", "hi"))
                .exporterProperty("symphra.exporter.recording.enabled", "true")
                .exporterProperty("symphra.exporter.recording.interval", "1h")
                .build();
        scheduler.close();

        assertThat(RecordingExporter.INSTANCES.get(RecordingExporter.INSTANCES.size() - 1).greeting)
                .isEqualTo("hi");
    }

    @Test
    void aDisabledExportersSettingsAreNamedInOneWarningThatSaysHowToTurnItOn() {
        String warning = theOneLineWith(
                "These exporter settings are ignored",
                metricsOn(
                        properties(
                                "symphra.exporter.recording.greeting", "hello",
                                "symphra.exporter.recording.mode", "ok"),
                        Map.of()));

        assertThat(warning)
                .contains("symphra.exporter.recording.greeting (exporter 'recording' is off: set"
                        + " symphra.exporter.recording.enabled=true to turn it on)")
                .contains("symphra.exporter.recording.mode")
                .doesNotContain("hello");
    }

    @Test
    void aMisspelledEnabledFailsEvenThoughTheExporterIsOff() {
        assertThatThrownBy(() -> metricsOn(properties("symphra.exporter.recording.enabeld", "true"), Map.of())
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith("did you mean symphra.exporter.recording.enabled?");
    }

    @Test
    void aSettingForAnExporterThatIsNotOnTheClassPathIsNamedInTheWarning() {
        String warning = theOneLineWith(
                "These exporter settings are ignored",
                metricsOn(properties(), Map.of("SYMPHRA_EXPORTER_DATADOG_API_KEY", "k")));

        assertThat(warning)
                .contains("SYMPHRA_EXPORTER_DATADOG_API_KEY (no exporter named after 'datadog' is on the class path")
                .doesNotContain("=k");
    }

    @Test
    void aTypedBuilderEnablesTheExporterAndWinsOverPropertiesAndTheEnvironment() {
        GreeterExporter exporter = GreeterExporter.builder()
                .volume(7)
                .interval(Duration.ofSeconds(30))
                .build();
        Scheduler scheduler = metricsOn(
                        properties("symphra.exporter.greeter.volume", "3"),
                        Map.of("SYMPHRA_EXPORTER_GREETER_VOLUME", "2"))
                .discoverExporters(false)
                .exporter(exporter)
                .build();
        scheduler.start();
        scheduler.close();

        assertThat(scheduler.exporterNames()).containsExactly("greeter");
        assertThat(exporter.volume).isEqualTo(7);
        assertThat(exporter.pushInterval).contains(Duration.ofSeconds(30));
    }

    @Test
    void aBadValueSetInCodeFailsLikeTheSamePropertyNamingTheKeyAndCode() {
        GreeterExporter exporter = GreeterExporter.builder().volume(12).build();

        assertThatThrownBy(() -> metricsOn(properties(), Map.of())
                        .discoverExporters(false)
                        .exporter(exporter)
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.greeter.volume = '12' (from code): expected an integer from 1 to 11");
    }

    @Test
    void aTypedBuilderCanLeaveTheExporterOffAndRefusesNull() {
        GreeterExporter off = GreeterExporter.builder().enabled(false).build();
        Scheduler scheduler = metricsOn(properties(), Map.of())
                .discoverExporters(false)
                .exporter(off)
                .build();
        scheduler.close();

        assertThat(scheduler.exporterNames()).isEmpty();
        assertThatThrownBy(() -> GreeterExporter.builder().interval(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must not be null");
    }

    @Test
    void exporterSettingsWhileMetricsAreOffLogOneWarningThatSaysHowToTurnThemOn() {
        String warning = theOneLineWith(
                "Metrics are off",
                Scheduler.builder()
                        .systemProperties(properties("symphra.exporter.statsd.host", "10.0.0.1"))
                        .environment(Map.of("SYMPHRA_EXPORTER_PROMETHEUS_PORT", "9464"))
                        .exporter(GreeterExporter.builder().build()));

        assertThat(warning)
                .contains("symphra.exporter.statsd.host")
                .contains("SYMPHRA_EXPORTER_PROMETHEUS_PORT")
                .contains("exporter 'greeter' passed to the builder")
                .contains("enableMetrics(true)")
                .doesNotContain("10.0.0.1");
    }

    @Test
    void closestKeyOnlySuggestsAPlausibleTypo() {
        List<String> keys = List.of("host", "port", "prefix", "max-packet-size", "flavor");

        assertThat(ClosestKey.to("hots", keys)).contains("host");
        assertThat(ClosestKey.to("max-packet-sise", keys)).contains("max-packet-size");
        assertThat(ClosestKey.to("flavour", keys)).contains("flavor");
        assertThat(ClosestKey.to("api-token", keys)).isEmpty();
        assertThat(ClosestKey.distance("kitten", "sitting")).isEqualTo(3);
    }
}
