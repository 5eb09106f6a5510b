package io.symphra.benchmarks.record;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.symphra.benchmarks.Workload;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link RecordBenchmark} on two threads. The inherited methods record into the same series (the cost under
 * contention, as when one task runs on two workers at once, which needs {@code maxInstances > 1}). The
 * {@code ...OwnTask} methods give each thread its own task in one shared registry: the common case in a scheduler,
 * where a task runs on one worker at a time and two workers record for two different tasks.
 */
@Threads(2)
public class RecordTwoThreadsBenchmark extends RecordBenchmark {

    /** The registries both threads share. */
    @State(Scope.Benchmark)
    public static class Registries {
        final AtomicInteger nextTask = new AtomicInteger();
        MetricsCollector collector;
        Histogram histogram;
        PrometheusMeterRegistry micrometer;

        @Setup
        public void setUp() {
            collector = new MetricsCollector(Clock.systemUTC(), Map.of(), Workload.BOUNDS_SECONDS);
            histogram = Histogram.builder()
                    .name("task_duration_seconds")
                    .help("Task durations")
                    .labelNames("task")
                    .classicOnly()
                    .classicUpperBounds(Workload.BOUNDS_SECONDS)
                    .withoutExemplars()
                    .register(new PrometheusRegistry());
            micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
    }

    /** One thread's own task in each registry. */
    @State(Scope.Thread)
    public static class OwnTask {
        TaskMetricsHandle handle;
        long start;
        DistributionDataPoint clientJava;
        Timer micrometer;

        @Setup
        public void setUp(Registries registries) {
            String name = Workload.taskName(registries.nextTask.incrementAndGet());
            registries.collector.onRegistered(name);
            handle = registries.collector.handle(name);
            start = EpochNanos.of(Instant.now());
            clientJava = registries.histogram.labelValues(name);
            micrometer = Timer.builder("task.duration")
                    .tag("task", name)
                    .serviceLevelObjectives(Workload.boundsAsDurations())
                    .register(registries.micrometer);
        }
    }

    @Benchmark
    public void symphraOwnTask(OwnTask t, Cursor c) {
        t.handle.recordSuccess(t.start, c.nextNanos());
    }

    @Benchmark
    public void clientJavaOwnTask(OwnTask t, Cursor c) {
        t.clientJava.observe(c.nextNanos() / 1e9);
    }

    @Benchmark
    public void micrometerOwnTask(OwnTask t, Cursor c) {
        t.micrometer.record(c.nextNanos(), TimeUnit.NANOSECONDS);
    }
}
