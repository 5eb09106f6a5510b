package io.symphra.examples.demo;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.util.Locale;

/** Renders a snapshot as a compact console table, like the Python original's {@code format_table}. */
final class StatsTable {

    private static final String ROW = "%-16s %7s %8s %9s %9s %9s  %-8s%n";

    private StatsTable() {}

    static String render(MetricsSnapshot snapshot, int maxRows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "uptime %.0fs, %d executions, success rate %.1f%%, %.2f/s%n",
                snapshot.uptimeSeconds(),
                snapshot.totals().executions(),
                100 * snapshot.totals().successRate(),
                snapshot.executionsPerSecond()));
        out.append(String.format(Locale.ROOT, ROW, "task", "runs", "success", "avg", "min", "max", "last"));
        int rows = 0;
        for (TaskStats t : snapshot.tasks().values()) {
            if (rows++ == maxRows) {
                out.append(String.format(
                        Locale.ROOT, "... and %d more tasks%n", snapshot.tasks().size() - maxRows));
                break;
            }
            out.append(String.format(
                    Locale.ROOT,
                    ROW,
                    shorten(t.name()),
                    t.executions(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * t.successRate()),
                    millis(t.averageDurationSeconds()),
                    millis(t.minDurationSeconds()),
                    millis(t.maxDurationSeconds()),
                    t.lastOutcome().name().toLowerCase(Locale.ROOT)));
        }
        return out.toString();
    }

    private static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.1fms", seconds * 1000);
    }

    private static String shorten(String name) {
        return name.length() <= 16 ? name : name.substring(0, 15) + "~";
    }
}
