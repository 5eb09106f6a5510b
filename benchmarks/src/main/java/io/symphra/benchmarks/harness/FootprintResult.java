package io.symphra.benchmarks.harness;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Heap retained per registered task, measured with JOL as the growth of a whole object graph.
 *
 * @param subject      what was measured
 * @param tasks        tasks (or timers) added to the graph
 * @param bytesPerTask growth of the graph per task added, averaged over {@code tasks}
 * @param byClass      the same growth per task split by class, largest first (classes under 8 bytes left out)
 */
public record FootprintResult(String subject, int tasks, double bytesPerTask, Map<String, Double> byClass) {

    @Override
    public String toString() {
        String top = byClass.entrySet().stream()
                .limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT, "footprint %-44s %6.0f B per task (over %d)  [%s]", subject, bytesPerTask, tasks, top);
    }
}
