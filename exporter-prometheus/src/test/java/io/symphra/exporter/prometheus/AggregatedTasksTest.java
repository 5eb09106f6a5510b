package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Aggregated tasks, in both text formats and every family choice: one label value {@code task="_aggregated"}. */
class AggregatedTasksTest {

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void theAggregatedTasksAreTheOneLabelValueAggregated(ExpositionFormat format) throws IOException {
        MetricsSnapshot snapshot = AggregatedSnapshot.take();
        for (FamilySelection choice : FamilySelection.values()) {
            String text = FamilySelectionTest.render(format, choice, snapshot);
            Set<String> taskValues = new TreeSet<>();
            Exposition.parse(text).samples().forEach(s -> {
                String task = s.labels().get("task");
                if (task != null) {
                    taskValues.add(task);
                }
            });
            assertThat(taskValues)
                    .as("%s %s", format, choice)
                    .containsExactly(MetricsCollector.AGGREGATED_TASK, AggregatedSnapshot.OWN);
        }
        String both = FamilySelectionTest.render(format, FamilySelection.BOTH, snapshot);
        assertThat(both)
                .contains("symphra_scheduler_task_executions{service=\"billing\",task=\"_aggregated\"} 3\n")
                .contains("symphra_scheduler_task_failures_total{service=\"billing\",task=\"_aggregated\"} 1\n")
                .contains("symphra_scheduler_executions_total{service=\"billing\"} 4\n");
    }
}
