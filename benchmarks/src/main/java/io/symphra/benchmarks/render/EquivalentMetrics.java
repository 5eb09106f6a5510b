package io.symphra.benchmarks.render;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.symphra.benchmarks.Workload;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same per-task metrics held three ways: in our collector, in a client_java registry and in a Micrometer
 * Prometheus registry. Every task gets the same recorded runs in each; the peers get one series per family that
 * our exposition writes per task (see {@code docs/prometheus.md}), so all three write about the same number of
 * samples:
 * executions counter; duration avg/min/max gauge (3 series); successes, failures, timeouts, skipped and retries
 * counters; the duration histogram with the same 13 bounds (16 samples); lateness as a summary without quantiles
 * (sum, count); lateness max and last, running and last-success gauges. Micrometer writes a Timer (buckets, count,
 * sum, max) and a DistributionSummary (count, sum, max) where client_java writes a histogram and a summary.
 */
final class EquivalentMetrics {

    /** Runs recorded per task. */
    static final int RUNS_PER_TASK = 3;

    private static final String[] COUNTERS = {"executions", "successes", "failures", "timeouts", "skipped", "retries"};
    private static final String[] GAUGES = {
        "lateness_max_seconds", "lateness_last_seconds", "running", "last_success_timestamp_seconds"
    };
    private static final String[] STATS = {"avg", "min", "max"};

    private EquivalentMetrics() {}

    static MetricsCollector symphra(int tasks) {
        MetricsCollector collector =
                new MetricsCollector(Clock.systemUTC(), Map.of("service", "bench"), Workload.BOUNDS_SECONDS);
        long start = EpochNanos.of(Instant.now());
        for (int t = 0; t < tasks; t++) {
            String name = Workload.taskName(t);
            collector.onRegistered(name);
            TaskMetricsHandle handle = collector.handle(name);
            for (int r = 0; r < RUNS_PER_TASK; r++) {
                handle.recordStart(latenessNanos(t, r));
                handle.recordSuccess(start, Workload.durationNanos(t * RUNS_PER_TASK + r));
            }
        }
        return collector;
    }

    static PrometheusRegistry clientJava(int tasks) {
        PrometheusRegistry registry = new PrometheusRegistry();
        io.prometheus.metrics.core.metrics.Counter[] counters =
                new io.prometheus.metrics.core.metrics.Counter[COUNTERS.length];
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i] = io.prometheus.metrics.core.metrics.Counter.builder()
                    .name("bench_task_" + COUNTERS[i])
                    .help("task " + COUNTERS[i])
                    .labelNames("task")
                    .register(registry);
        }
        io.prometheus.metrics.core.metrics.Gauge[] gauges = new io.prometheus.metrics.core.metrics.Gauge[GAUGES.length];
        for (int i = 0; i < GAUGES.length; i++) {
            gauges[i] = io.prometheus.metrics.core.metrics.Gauge.builder()
                    .name("bench_task_" + GAUGES[i])
                    .help("task " + GAUGES[i])
                    .labelNames("task")
                    .register(registry);
        }
        io.prometheus.metrics.core.metrics.Gauge duration = io.prometheus.metrics.core.metrics.Gauge.builder()
                .name("bench_task_duration_seconds")
                .help("task duration stats")
                .labelNames("task", "stat")
                .register(registry);
        Histogram histogram = Histogram.builder()
                .name("bench_task_execution_duration_seconds")
                .help("execution time")
                .labelNames("task")
                .classicOnly()
                .classicUpperBounds(Workload.BOUNDS_SECONDS)
                .withoutExemplars()
                .register(registry);
        Summary lateness = Summary.builder()
                .name("bench_task_lateness_seconds")
                .help("start lateness")
                .labelNames("task")
                .withoutExemplars()
                .register(registry);
        for (int t = 0; t < tasks; t++) {
            String name = Workload.taskName(t);
            double total = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int r = 0; r < RUNS_PER_TASK; r++) {
                double seconds = Workload.durationNanos(t * RUNS_PER_TASK + r) / 1e9;
                histogram.labelValues(name).observe(seconds);
                lateness.labelValues(name).observe(latenessNanos(t, r) / 1e9);
                total += seconds;
                min = Math.min(min, seconds);
                max = Math.max(max, seconds);
            }
            counters[0].labelValues(name).inc(RUNS_PER_TASK);
            counters[1].labelValues(name).inc(RUNS_PER_TASK);
            for (int i = 2; i < counters.length; i++) {
                counters[i].labelValues(name).inc(0);
            }
            double[] stats = {total / RUNS_PER_TASK, min, max};
            for (int i = 0; i < STATS.length; i++) {
                duration.labelValues(name, STATS[i]).set(stats[i]);
            }
            for (int i = 0; i < gauges.length; i++) {
                gauges[i].labelValues(name).set(i == 3 ? System.currentTimeMillis() / 1e3 : latenessNanos(t, 2) / 1e9);
            }
        }
        return registry;
    }

    static PrometheusMeterRegistry micrometer(int tasks) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (int t = 0; t < tasks; t++) {
            String name = Workload.taskName(t);
            Timer timer = Timer.builder("bench.task.execution.duration")
                    .tag("task", name)
                    .serviceLevelObjectives(Workload.boundsAsDurations())
                    .register(registry);
            DistributionSummary lateness = DistributionSummary.builder("bench.task.lateness")
                    .baseUnit("seconds")
                    .tag("task", name)
                    .register(registry);
            for (int r = 0; r < RUNS_PER_TASK; r++) {
                timer.record(Workload.durationNanos(t * RUNS_PER_TASK + r), TimeUnit.NANOSECONDS);
                lateness.record(latenessNanos(t, r) / 1e9);
            }
            for (int i = 0; i < COUNTERS.length; i++) {
                Counter.builder("bench.task." + COUNTERS[i])
                        .tag("task", name)
                        .register(registry)
                        .increment(i < 2 ? RUNS_PER_TASK : 0);
            }
            for (String stat : STATS) {
                double value = Workload.durationNanos(t) / 1e9;
                Gauge.builder("bench.task.duration.seconds", () -> value)
                        .tags("task", name, "stat", stat)
                        .register(registry);
            }
            for (int i = 0; i < GAUGES.length; i++) {
                double value = i == 3 ? System.currentTimeMillis() / 1e3 : latenessNanos(t, 2) / 1e9;
                Gauge.builder("bench.task." + GAUGES[i].replace('_', '.'), () -> value)
                        .tag("task", name)
                        .register(registry);
            }
        }
        return registry;
    }

    private static long latenessNanos(int task, int run) {
        return 50_000L + (task * 7919L + run * 104_729L) % 2_000_000L;
    }
}
