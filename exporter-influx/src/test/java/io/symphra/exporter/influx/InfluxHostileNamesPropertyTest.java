package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Unit-level property of the line protocol over generated names (the whole {@code char} range, biased toward the
 * characters line protocol must escape), as task names, label keys and label values: the bytes the format writes
 * are one point per line, and a strict independent reader ({@link ParsedPoint}) gets back every name by the
 * documented rule, written here as an oracle. {@link InfluxHostileNamesIT} sends such names to VictoriaMetrics.
 */
class InfluxHostileNamesPropertyTest {

    @Provide
    Arbitrary<List<String>> names() {
        return hostileName().list().ofMinSize(1).ofMaxSize(4);
    }

    static Arbitrary<String> hostileName() {
        return HostileNameArbitrary.names(List.of("\\n", "\\ ", "\\,", "\\="), 1, 300, 1_500);
    }

    /** The documented rule, independently: control characters the protocol cannot carry become escapes. */
    static String asStored(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                sb.append(c).append(name.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('?');
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Property(tries = 1000, seed = "20261125")
    void everyNameComesBackFromAStrictReaderByTheDocumentedRule(@ForAll("names") List<String> generated)
            throws IOException {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        String labelKey = names.get(0);
        String labelValue = names.get(names.size() - 1);
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .startTime(Instant.EPOCH)
                .timestamp(Instant.EPOCH.plusSeconds(60))
                .label("k" + labelKey, "v" + labelValue);
        names.forEach(n -> builder.task(n, 2, 1));
        MetricsSnapshot snapshot = builder.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new InfluxLineProtocolFormat().write(snapshot, bytes);
        String wire = bytes.toString(StandardCharsets.UTF_8);

        List<ParsedPoint> points = ParsedPoint.parseAll(wire);
        // 1 scheduler point, and per task: 1 task point, 1 histogram summary point, one point per bucket.
        int buckets = snapshot.tasks().values().iterator().next().durations().bucketCount();
        assertThat(points).hasSize(1 + names.size() * (2 + buckets));
        List<String> taskTags = new ArrayList<>();
        for (ParsedPoint point : points) {
            assertThat(point.tags()).containsEntry(asStored("k" + labelKey), asStored("v" + labelValue));
            if (point.measurement().equals("symphra_scheduler_task")) {
                taskTags.add(point.tags().get("task"));
                assertThat(point.fields().get("executions")).isEqualTo(3L);
            }
        }
        assertThat(taskTags)
                .containsExactlyInAnyOrderElementsOf(names.stream()
                        .map(InfluxHostileNamesPropertyTest::asStored)
                        .toList());
    }
}
