package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code families} choice: {@code both} is the full rendering, unchanged; {@code seed} and {@code idiomatic}
 * split it into two disjoint groups, and each is exactly the full rendering with the other group's families left
 * out, as the {@code name[]} filter (a second implementation, on the text) leaves them out.
 */
class FamilySelectionTest {

    private static final Set<String> ORIGINALS = Set.of(
            "symphra_scheduler_uptime_seconds",
            "symphra_scheduler_executions_total",
            "symphra_scheduler_executions_success",
            "symphra_scheduler_executions_failed",
            "symphra_scheduler_duration_seconds_total",
            "symphra_scheduler_duration_seconds_average",
            "symphra_scheduler_task_executions",
            "symphra_scheduler_task_duration_seconds");

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void bothIsTheDefaultRendering(ExpositionFormat format) throws IOException {
        MetricsSnapshot snapshot = PrometheusRendererTest.sample();
        assertThat(render(format, FamilySelection.BOTH, snapshot))
                .isEqualTo(PrometheusRendererTest.render(format, snapshot));
    }

    @Test
    void seedIsTheOriginalsFamiliesAndIdiomaticEveryOther() {
        Set<String> seed = sampleNames(FamilySelection.SEED);
        Set<String> idiomatic = sampleNames(FamilySelection.IDIOMATIC);
        assertThat(seed).isEqualTo(ORIGINALS);
        assertThat(idiomatic).doesNotContainAnyElementsOf(seed);
        Set<String> all = new TreeSet<>(seed);
        all.addAll(idiomatic);
        assertThat(all).isEqualTo(sampleNames(FamilySelection.BOTH));
        assertThat(all).hasSize(Family.values().length);
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void eachChoiceIsTheFullRenderingFilteredToItsFamilies(ExpositionFormat format) throws IOException {
        MetricsSnapshot snapshot = PrometheusRendererTest.sample();
        for (FamilySelection choice : new FamilySelection[] {FamilySelection.SEED, FamilySelection.IDIOMATIC}) {
            String query = Arrays.stream(Family.values())
                    .filter(choice::includes)
                    .map(f -> FamilyNameFilter.PARAMETER + "="
                            + URLEncoder.encode(f.sampleName(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            FamilyNameFilter filter = FamilyNameFilter.fromQuery(query).orElseThrow();
            ByteArrayOutputStream filtered = new ByteArrayOutputStream();
            try (OutputStream out = filter.filter(filtered)) {
                PrometheusRenderer.of(format).write(snapshot, out);
            }
            assertThat(render(format, choice, snapshot))
                    .as(choice.name())
                    .isEqualTo(filtered.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void theSeriesOfOneTaskSplitBetweenTheGroups(ExpositionFormat format) throws IOException {
        MetricsSnapshot snapshot = PrometheusRendererTest.sample();
        long seed = seriesOf("report", render(format, FamilySelection.SEED, snapshot));
        long idiomatic = seriesOf("report", render(format, FamilySelection.IDIOMATIC, snapshot));
        long both = seriesOf("report", render(format, FamilySelection.BOTH, snapshot));
        // task_executions and the three stats of task_duration_seconds
        assertThat(seed).isEqualTo(4);
        assertThat(idiomatic).isGreaterThan(seed);
        assertThat(seed + idiomatic).isEqualTo(both);
    }

    @Test
    void theEndpointReadsTheKeyWithBothAsItsDefault() {
        assertThat(EndpointSettings.from(ExporterConfig.of("prometheus", Map.of()))
                        .families())
                .isEqualTo(FamilySelection.BOTH);
        for (FamilySelection choice : FamilySelection.values()) {
            String value = choice.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(EndpointSettings.from(ExporterConfig.of("prometheus", Map.of("families", value)))
                            .families())
                    .isEqualTo(choice);
        }
    }

    @Test
    void theRendererSaysWhatItWrites() {
        PrometheusRenderer renderer = PrometheusRenderer.of(ExpositionFormat.OPENMETRICS, FamilySelection.IDIOMATIC);
        assertThat(renderer.families()).isEqualTo(FamilySelection.IDIOMATIC);
        assertThat(renderer.format()).isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(PrometheusRenderer.of(ExpositionFormat.OPENMETRICS).families())
                .isEqualTo(FamilySelection.BOTH);
    }

    static long seriesOf(String task, String exposition) {
        return Exposition.parse(exposition).samples().stream()
                .filter(s -> task.equals(s.labels().get("task")))
                .count();
    }

    private static Set<String> sampleNames(FamilySelection choice) {
        return Arrays.stream(Family.values())
                .filter(choice::includes)
                .map(Family::sampleName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String render(ExpositionFormat format, FamilySelection choice, MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusRenderer.of(format, choice).write(snapshot, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
