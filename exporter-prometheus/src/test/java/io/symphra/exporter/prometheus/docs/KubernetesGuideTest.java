package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/kubernetes.md} against what the exporter really writes: every PromQL query names metrics of both
 * formats, {@code rate} is given counters only, and the families its {@code PodMonitor} selects with
 * {@code name[]} exist.
 */
class KubernetesGuideTest {

    private static String guide;
    private static RealExposition real;

    @BeforeAll
    static void read() throws IOException {
        guide = Files.readString(RepositoryDocs.folder().resolve("kubernetes.md"), StandardCharsets.UTF_8);
        real = RealExposition.render();
    }

    /** The queries of the guide's promql blocks: each starts after a comment line and may span several lines. */
    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        Matcher block = Pattern.compile("```promql\n(.*?)```", Pattern.DOTALL).matcher(guide);
        while (block.find()) {
            StringBuilder query = new StringBuilder();
            for (String line : block.group(1).split("\n")) {
                if (line.startsWith("#")) {
                    if (!query.isEmpty()) {
                        queries.add(query.toString().trim());
                    }
                    query.setLength(0);
                } else {
                    query.append(line).append(' ');
                }
            }
            if (!query.toString().isBlank()) {
                queries.add(query.toString().trim());
            }
        }
        return queries;
    }

    @Test
    void everyQueryUsesMetricsOfBothFormatsAndRatesCountersOnly() {
        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(3);
        for (String query : queries) {
            assertThat(query).contains("sum by (task");
            assertThat(PromqlMetricNames.of(query)).as(query).isNotEmpty();
            assertThat(real.textSampleTypes().keySet()).as(query).containsAll(PromqlMetricNames.of(query));
            assertThat(real.openMetricsSampleNames()).as(query).containsAll(PromqlMetricNames.of(query));
            for (String counted : PromqlMetricNames.counted(query)) {
                assertThat(real.textSampleTypes().get(counted))
                        .as("%s in %s", counted, query)
                        .isIn("counter", "histogram");
            }
        }
    }

    @Test
    void thePodMonitorSelectsFamiliesThatExist() {
        Matcher list = Pattern.compile("\"name\\[]\":\n((?:\\s+- \\S+\n)+)").matcher(guide);
        assertThat(list.find()).isTrue();
        List<String> names = new ArrayList<>();
        for (String line : list.group(1).split("\n")) {
            names.add(line.trim().substring(2));
        }
        assertThat(names).isNotEmpty();
        for (String name : names) {
            assertThat(real.textSampleTypes().keySet().stream()
                            .anyMatch(s -> s.equals(name) || s.startsWith(name + "_")))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void itNamesTheBindKeyAndItsVariable() {
        assertThat(guide).contains("symphra.exporter.prometheus.host", "SYMPHRA_EXPORTER_PROMETHEUS_HOST", "0.0.0.0");
        assertThat(guide).contains("terminationGracePeriodSeconds", "shutdownTimeout", "(cluster.md)");
    }
}
