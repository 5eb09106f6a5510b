package io.symphra.benchmarks.record;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.symphra.benchmarks.Workload;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records one execution of one task: count, total duration, min/max and the duration histogram. Every contender
 * uses the same 13 bucket bounds and the same sequence of durations, and records into one shared series (so with
 * two threads they contend on it, as two workers running the same task would).
 *
 * <ul>
 *   <li>{@code symphra}: {@link TaskMetricsHandle#recordSuccess}, the path the scheduler's collector takes
 *       (count, total, min, max, histogram, last-success time and outcome).</li>
 *   <li>{@code symphraStartAndSuccess}: what the scheduler records per run, start (lateness) plus success.</li>
 *   <li>{@code symphraTraced}: {@code symphra} plus {@link TaskMetricsHandle#recordExemplar}, what a run costs when
 *       tracing is on and its trace id becomes its bucket's exemplar.</li>
 *   <li>{@code symphraListener}: {@link MetricsCollector#onSuccess} looked up by task name per event.</li>
 *   <li>{@code clientJava}: client_java 1.x {@code Histogram} with a {@code task} label, classic buckets only, no
 *       exemplars, the labelled data point cached (as our handle is), {@code observe(seconds)}.</li>
 *   <li>{@code micrometer}: Micrometer {@code Timer} with the bounds as service-level objectives in a
 *       {@code PrometheusMeterRegistry}, {@code record(nanos, NANOSECONDS)} (count, total, decaying max,
 *       histogram).</li>
 * </ul>
 * Subclasses fix the number of threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class RecordBenchmark {

    /** A trace id as OpenTelemetry writes it; one for every run, as the id's text is made once per fire anyway. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** The series every thread records into. */
    @State(Scope.Benchmark)
    public static class Series {
        TaskMetricsHandle handle;
        MetricsCollector collector;
        ExecutionEvent event;
        long start;
        DistributionDataPoint clientJava;
        Timer micrometer;

        @Setup
        public void setUp() {
            collector = new MetricsCollector(Clock.systemUTC(), Map.of(), Workload.BOUNDS_SECONDS);
            collector.onRegistered("task-000001");
            handle = collector.handle("task-000001");
            start = EpochNanos.of(Instant.now());
            event = new ExecutionEvent("task-000001", start, start, 0, 1);

            Histogram histogram = Histogram.builder()
                    .name("task_duration_seconds")
                    .help("Task durations")
                    .labelNames("task")
                    .classicOnly()
                    .classicUpperBounds(Workload.BOUNDS_SECONDS)
                    .withoutExemplars()
                    .register(new PrometheusRegistry());
            clientJava = histogram.labelValues("task-000001");

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            micrometer = Timer.builder("task.duration")
                    .tag("task", "task-000001")
                    .serviceLevelObjectives(Workload.boundsAsDurations())
                    .register(registry);
        }
    }

    /** Each thread walks the durations on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        long nextNanos() {
            return Workload.durationNanos(next++);
        }
    }

    @Benchmark
    public void symphra(Series s, Cursor c) {
        s.handle.recordSuccess(s.start, c.nextNanos());
    }

    @Benchmark
    public void symphraStartAndSuccess(Series s, Cursor c) {
        s.handle.recordStart(1_000L);
        s.handle.recordSuccess(s.start, c.nextNanos());
    }

    @Benchmark
    public void symphraTraced(Series s, Cursor c) {
        long nanos = c.nextNanos();
        s.handle.recordSuccess(s.start, nanos);
        s.handle.recordExemplar(TRACE_ID, s.start, nanos);
    }

    @Benchmark
    public void symphraListener(Series s, Cursor c) {
        s.collector.onSuccess(s.event, c.nextNanos());
    }

    @Benchmark
    public void clientJava(Series s, Cursor c) {
        s.clientJava.observe(c.nextNanos() / 1e9);
    }

    @Benchmark
    public void micrometer(Series s, Cursor c) {
        s.micrometer.record(c.nextNanos(), TimeUnit.NANOSECONDS);
    }
}
