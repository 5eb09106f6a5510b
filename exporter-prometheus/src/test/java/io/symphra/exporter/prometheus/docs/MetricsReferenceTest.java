package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/METRICS.md} against what the Prometheus exporter really writes: every sample name of both formats is in
 * the reference, and every name in its Prometheus and OpenMetrics columns is real.
 */
class MetricsReferenceTest {

    private static final Pattern NAME = Pattern.compile("`(symphra_scheduler_[a-z_]+)[`{]");

    private static String reference;
    private static RealExposition real;

    @BeforeAll
    static void load() throws IOException {
        reference = Files.readString(RepositoryDocs.folder().resolve("METRICS.md"), StandardCharsets.UTF_8);
        real = RealExposition.render();
    }

    @Test
    void everySampleTheExporterWritesIsInTheReference() {
        Set<String> documented = names(column("Prometheus (0.0.4)"));
        assertThat(documented).containsAll(real.textSampleTypes().keySet());
        assertThat(documented).containsAll(real.openMetricsSampleNames());
    }

    @Test
    void everyPrometheusNameInTheReferenceIsWritten() {
        assertThat(real.textSampleTypes().keySet()).containsAll(names(column("Prometheus (0.0.4)")));
    }

    @Test
    void everyOpenMetricsFamilyInTheReferenceIsDeclared() {
        Set<String> families = names(column("OpenMetrics family"));
        assertThat(families).isNotEmpty();
        assertThat(real.openMetricsFamilyTypes().keySet()).containsAll(families);
    }

    @Test
    void theTypesInThePrometheusColumnAreTheRealOnes() {
        for (String cell : column("Prometheus (0.0.4)")) {
            Matcher m = Pattern.compile("`(symphra_scheduler_[a-z_]+)[^`]*` (counter|gauge)")
                    .matcher(cell);
            if (m.find()) {
                assertThat(real.textSampleTypes().get(m.group(1))).as(cell).isEqualTo(m.group(2));
            }
        }
    }

    /** The cells of every table column with this header. */
    private static List<String> column(String header) {
        List<String> cells = new ArrayList<>();
        int index = -1;
        for (String line : reference.split("\n")) {
            if (!line.startsWith("|")) {
                index = -1;
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (index < 0) {
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].trim().equals(header)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    index = Integer.MAX_VALUE;
                }
            } else if (index < parts.length && !parts[index].startsWith("---")) {
                cells.add(parts[index]);
            }
        }
        assertThat(cells).as("cells under %s", header).isNotEmpty();
        return cells;
    }

    private static Set<String> names(List<String> cells) {
        Set<String> names = new TreeSet<>();
        for (String cell : cells) {
            Matcher m = NAME.matcher(cell);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
