package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.exporter.prometheus.DurationSeries;
import io.symphra.exporter.prometheus.ExpositionFormat;
import io.symphra.exporter.prometheus.FamilySelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The series per task that {@code docs/prometheus.md} gives for each {@code families} choice are the sample lines
 * of one task in the real rendering, in both formats.
 */
class FamiliesSeriesCountTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `(seed|idiomatic|both)` \\| [^|]* \\| (\\d+) \\| (\\d+) \\|$");
    private static final Pattern BUCKETS = Pattern.compile("`durations=histogram` adds (\\d+) series per task");

    @Test
    void theDocumentedSeriesPerTaskAreTheRenderedOnes() throws IOException {
        String text = Files.readString(RepositoryDocs.folder().resolve("prometheus.md"), StandardCharsets.UTF_8);
        Map<FamilySelection, long[]> documented = new EnumMap<>(FamilySelection.class);
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(
                        FamilySelection.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                        new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
        }
        assertThat(documented).hasSize(FamilySelection.values().length);
        Matcher buckets = BUCKETS.matcher(text);
        assertThat(buckets.find())
                .as("prometheus.md says what durations=histogram adds")
                .isTrue();
        long bucketLines = Long.parseLong(buckets.group(1));
        for (ExpositionFormat format : ExpositionFormat.values()) {
            documented.forEach((choice, counts) -> {
                assertThat(RealExposition.seriesOfTask(format, choice, DurationSeries.SUMMARY, "report"))
                        .as("%s %s, a task that ran", choice, format)
                        .isEqualTo(counts[0]);
                assertThat(RealExposition.seriesOfTask(format, choice, DurationSeries.SUMMARY, "idle"))
                        .as("%s %s, a task that never ran", choice, format)
                        .isEqualTo(counts[1]);
                long added = choice == FamilySelection.SEED ? 0 : bucketLines;
                assertThat(RealExposition.seriesOfTask(format, choice, DurationSeries.HISTOGRAM, "report"))
                        .as("%s %s with durations=histogram", choice, format)
                        .isEqualTo(counts[0] + added);
            });
        }
    }
}
