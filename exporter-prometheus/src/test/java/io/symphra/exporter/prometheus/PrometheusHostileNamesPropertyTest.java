package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Unit-level property of both expositions over generated names (the whole {@code char} range, biased toward the
 * characters label values must escape), as task names and as a common label's value: the module's independent
 * reader ({@link Exposition}) gets back every name by the documented rule (unchanged, except a lone surrogate
 * becomes U+FFFD), written here as an oracle. {@link PrometheusHostileNamesIT} checks such names with promtool
 * and a real Prometheus.
 */
class PrometheusHostileNamesPropertyTest {

    @Provide
    Arbitrary<List<String>> names() {
        return hostileName().list().ofMinSize(1).ofMaxSize(4);
    }

    static Arbitrary<String> hostileName() {
        return HostileNameArbitrary.names(List.of("\\n", "\\\"", "} 1\n", "# EOF\n", "\"}"), 1, 300, 2_000);
    }

    /** The documented rule, independently: the name as registered, a surrogate without its partner as U+FFFD. */
    static String asRead(String name) {
        return HostileNames.withLoneSurrogatesReplaced(name);
    }

    static MetricsSnapshot snapshotOf(List<String> names, String labelValue) {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().label("service", labelValue);
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, i % 2);
        }
        return builder.build();
    }

    @Property(tries = 1000, seed = "20261125")
    void everyNameComesBackFromAnIndependentReaderInBothFormats(@ForAll("names") List<String> generated)
            throws IOException {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        String labelValue = names.get(names.size() - 1);
        MetricsSnapshot snapshot = snapshotOf(names, labelValue);
        for (ExpositionFormat format : ExpositionFormat.values()) {
            String text = PrometheusRendererTest.render(format, snapshot);

            List<String> tasks = new ArrayList<>();
            for (Exposition.Sample sample : Exposition.parse(text).samples()) {
                assertThat(sample.labels())
                        .as("%s %s", format, sample.name())
                        .containsEntry("service", asRead(labelValue));
                if (sample.name().equals("symphra_scheduler_task_executions")) {
                    tasks.add(sample.labels().get("task"));
                }
            }
            assertThat(tasks)
                    .as(format.name())
                    .containsExactlyInAnyOrderElementsOf(names.stream()
                            .map(PrometheusHostileNamesPropertyTest::asRead)
                            .toList());
        }
    }
}
