package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.snapshot.Totals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one push as StatsD lines: counters as deltas ({@code |c}), levels as gauges ({@code |g}). Durations are
 * in milliseconds, with fractions; rates are ratios from 0 to 1.
 *
 * <p>Each returned entry is kept whole in one datagram. It is one line, except for a negative gauge, which is two:
 * StatsD reads a leading sign as a change to the gauge, so the gauge is first set to 0 and then moved down.
 */
final class SnapshotLines {

    private SnapshotLines() {}

    static List<String> render(
            MetricsSnapshot snapshot, CounterDeltas.Deltas deltas, MetricNaming naming, Map<String, String> taskKeys) {
        List<String> lines = new ArrayList<>(16 + snapshot.tasks().size() * 15);

        Totals totals = snapshot.totals();
        counters(lines, deltas.total(), naming::global);
        gauge(lines, naming.global("success_rate"), totals.successRate());
        gauge(lines, naming.global("running"), totals.running());
        gauge(lines, naming.global("duration_avg_ms"), averageMillis(totals.totalDurationNanos(), totals.executions()));
        gauge(lines, naming.global("executions_per_second"), snapshot.executionsPerSecond());
        gauge(lines, naming.global("uptime_seconds"), snapshot.uptimeSeconds());
        gauge(lines, naming.global("tasks"), snapshot.tasks().size());
        gauge(lines, naming.global("workers_busy"), snapshot.scheduler().busyWorkers());
        gauge(lines, naming.global("fires_waiting"), snapshot.scheduler().waitingFires());
        gauge(lines, naming.info(snapshot.scheduler().version()), 1);
        long nowNanos = epochNanos(snapshot.timestamp());

        for (TaskStats task : snapshot.tasks().values()) {
            String key = taskKeys.get(task.name());
            counters(lines, deltas.perTask().get(task.name()), metric -> naming.task(key, metric));
            gauge(lines, naming.task(key, "success_rate"), task.successRate());
            gauge(lines, naming.task(key, "running"), task.running());
            gauge(
                    lines,
                    naming.task(key, "duration_avg_ms"),
                    averageMillis(task.totalDurationNanos(), task.executions()));
            gauge(lines, naming.task(key, "duration_min_ms"), task.minDurationNanos() / 1e6);
            gauge(lines, naming.task(key, "duration_max_ms"), task.maxDurationNanos() / 1e6);
            Lateness lateness = task.lateness();
            gauge(lines, naming.task(key, "lateness_avg_ms"), averageMillis(lateness.totalNanos(), lateness.count()));
            gauge(lines, naming.task(key, "lateness_max_ms"), lateness.maxNanos() / 1e6);
            gauge(lines, naming.task(key, "lateness_last_ms"), lateness.lastNanos() / 1e6);
            ScheduleSignals schedule = task.schedule();
            gauge(lines, naming.task(key, "oldest_run_age_ms"), schedule.oldestRunAgeNanos() / 1e6);
            if (schedule.nextFire() != null) {
                // StatsD has no timestamps: the time left until the fire, 0 once it is due.
                long untilNanos = Math.max(0, epochNanos(schedule.nextFire()) - nowNanos);
                gauge(lines, naming.task(key, "next_fire_in_ms"), untilNanos / 1e6);
            }
            if (!task.cluster().equals(ClusterClaims.NONE)) {
                Counts delta = deltas.perTask().get(task.name());
                claims(lines, delta.cluster(), metric -> naming.task(key, metric));
            }
        }
        return lines;
    }

    /** Cluster mode's counters as deltas, and the longest claim as a gauge; only for tasks that were claimed. */
    private static void claims(List<String> lines, ClusterClaims delta, Namer namer) {
        counter(lines, namer.name("claimed"), delta.claimed());
        counter(lines, namer.name("ran_elsewhere"), delta.ranElsewhere());
        counter(lines, namer.name("abandoned"), delta.abandoned());
        counter(lines, namer.name("claim_errors_skipped"), delta.claimErrorsSkipped());
        counter(lines, namer.name("claim_errors_ran_here"), delta.claimErrorsRanHere());
        counter(lines, namer.name("claim_latency_count"), delta.claimLatencyCount());
        lines.add(namer.name("claim_latency_total_ms").line(plain(delta.claimLatencyTotalNanos() / 1e6), "c"));
        gauge(lines, namer.name("claim_latency_max_ms"), delta.claimLatencyMaxNanos() / 1e6);
    }

    private static long epochNanos(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private interface Namer {
        MetricId name(String metric);
    }

    private static void counters(List<String> lines, Counts delta, Namer namer) {
        counter(lines, namer.name("executions"), delta.executions());
        counter(lines, namer.name("successes"), delta.successes());
        counter(lines, namer.name("failures"), delta.failures());
        counter(lines, namer.name("timeouts"), delta.timeouts());
        counter(lines, namer.name("skipped"), delta.skipped());
        counter(lines, namer.name("retries"), delta.retries());
        counter(lines, namer.name("missed_fires"), delta.missedFires());
        lines.add(namer.name("duration_total_ms").line(plain(delta.durationNanos() / 1e6), "c"));
    }

    private static void counter(List<String> lines, MetricId name, long delta) {
        lines.add(name.line(Long.toString(delta), "c"));
    }

    private static void gauge(List<String> lines, MetricId name, double value) {
        String entry = gauge(name, value);
        if (entry != null) {
            lines.add(entry);
        }
    }

    /** The entry that sets a gauge, or {@code null} for a value StatsD cannot carry (NaN, infinity). */
    static String gauge(MetricId name, double value) {
        if (!Double.isFinite(value)) {
            return null; // the snapshot never holds these, but a line must never read "NaN"
        }
        if (value < 0) {
            return name.line("0", "g") + '\n' + name.line(plain(value), "g");
        }
        return name.line(plain(value), "g");
    }

    private static double averageMillis(long totalNanos, long count) {
        return count == 0 ? 0.0 : totalNanos / 1e6 / count;
    }

    /** The shortest decimal that reads back as the same double, never in exponent notation. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
