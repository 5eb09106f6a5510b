package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Feeds both expositions of a snapshot with every hostile task name to the real {@code promtool check metrics}
 * (Debian package {@code prometheus}, 2.42). promtool reads both as text format 0.0.4: it has no OpenMetrics parser.
 */
class PromtoolCheckIT {

    @TempDir
    Path dir;

    static MetricsSnapshot hostile() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .scheduler(new SchedulerState("1.0 \"beta\"\n\\", 3, 4, true))
                .label("service", "billing \"eu\"\n")
                .label("instance.id", "\u00E9\u00E8 \\")
                .exporter(new ExporterStats(
                        "statsd",
                        3,
                        1,
                        0,
                        Instant.parse("2026-01-01T00:00:30.125Z"),
                        Instant.parse("2026-01-01T00:00:31Z")))
                .exporter(new ExporterStats("odd \"name\"\n", 0, 0, 0, null, null));
        int i = 0;
        for (String name : HostileNames.CORPUS) {
            i++;
            builder.task(name, new long[] {i, 3 * i, 700 * i}, new long[] {2 * i}, i % 2, i % 3, i % 4, i % 2);
            builder.signals(
                    name,
                    new ScheduleSignals(i % 2 == 0 ? null : Instant.parse("2026-01-01T00:02:00Z"), i, i * 1_000_000L),
                    new ClusterClaims(i, 2 * i, i % 2, i % 3, 1, 3 * i + 1, i * 7_000_000L, 5_000_000L));
        }
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(DurationSeries.class)
    void theTextFormatParsesAndOnlyTheLegacyCounterNamesDrawLintWarnings(DurationSeries durations) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT, FamilySelection.BOTH, durations)
                .write(hostile(), out);
        byte[] text = out.toByteArray();
        Promtool.Result result = Promtool.checkMetrics(text, dir);
        assertThat(result.parseErrors()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.lines())
                .containsExactlyInAnyOrder(
                        "symphra_scheduler_executions_success counter metrics should have \"_total\" suffix",
                        "symphra_scheduler_executions_failed counter metrics should have \"_total\" suffix",
                        "symphra_scheduler_task_executions counter metrics should have \"_total\" suffix");
    }

    @Test
    void openMetricsParsesAndPromtoolOnlyMissesTheHelpOfCounterSamplesItReadsAsText() throws Exception {
        byte[] om = PrometheusRendererTest.render(ExpositionFormat.OPENMETRICS, hostile())
                .getBytes(StandardCharsets.UTF_8);
        Promtool.Result result = Promtool.checkMetrics(om, dir);
        assertThat(result.parseErrors()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(3);
        // promtool reads "# TYPE x counter" then samples named x_total as a different, undocumented family
        List<String> expected = Arrays.stream(Family.values())
                .filter(f -> f.openMetricsType() == Family.Type.COUNTER)
                .map(f -> f.sampleName() + " no help text")
                .toList();
        assertThat(expected).hasSize(15);
        assertThat(result.lines()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void promtoolReportsABrokenExpositionAsAParseError() throws Exception {
        byte[] broken = "# TYPE x gauge\nx{task=\"unterminated} 1\n".getBytes(StandardCharsets.UTF_8);
        Promtool.Result result = Promtool.checkMetrics(broken, dir);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.parseErrors()).isNotEmpty();
    }

    @Test
    void promtoolCannotReadTheOpenMetricsUnknownTypeWhichIsWhyLegacyCountersAreGaugesThere() throws Exception {
        byte[] unknown = "# TYPE x_success unknown\nx_success 1\n# EOF\n".getBytes(StandardCharsets.UTF_8);
        Promtool.Result result = Promtool.checkMetrics(unknown, dir);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.parseErrors()).singleElement().asString().contains("unknown metric type");
    }
}
