package io.symphra.benchmarks.render;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.symphra.benchmarks.DiscardingStream;
import io.symphra.exporter.prometheus.DurationSeries;
import io.symphra.exporter.prometheus.ExpositionFormat;
import io.symphra.exporter.prometheus.FamilySelection;
import io.symphra.exporter.prometheus.PrometheusRenderer;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.metrics.MetricsCollector;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scrape of {@code tasks} tasks in Prometheus text format 0.0.4: take the registry's snapshot and write it to a
 * stream that discards the bytes (counting them). Each contender holds the same per-task metrics, filled with the
 * same runs ({@link EquivalentMetrics}).
 *
 * <ul>
 *   <li>{@code symphra}: {@code MetricsCollector.snapshot()} then {@link PrometheusRenderer#write}.</li>
 *   <li>{@code symphraRenderOnly}: the render of a snapshot taken in setup.</li>
 *   <li>{@code clientJava}: {@code PrometheusRegistry.scrape()} then {@code PrometheusTextFormatWriter.write}.</li>
 *   <li>{@code micrometer}: {@code PrometheusMeterRegistry.scrape(OutputStream)}.</li>
 * </ul>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per scrape.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RenderBenchmark {

    @Param({"1000"})
    public int tasks;

    private MetricsCollector collector;
    private MetricsSnapshot snapshot;
    private PrometheusRegistry clientJavaRegistry;
    private PrometheusMeterRegistry micrometerRegistry;
    // With the buckets, as the peers write their histograms: the same series on every side.
    private final PrometheusRenderer renderer =
            PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT, FamilySelection.BOTH, DurationSeries.HISTOGRAM);
    private final PrometheusTextFormatWriter clientJavaWriter = PrometheusTextFormatWriter.create();
    private final DiscardingStream out = new DiscardingStream();

    @Setup
    public void setUp() throws IOException {
        collector = EquivalentMetrics.symphra(tasks);
        snapshot = collector.snapshot();
        clientJavaRegistry = EquivalentMetrics.clientJava(tasks);
        micrometerRegistry = EquivalentMetrics.micrometer(tasks);
        System.out.printf(
                "%nbytes per scrape: symphra %d, client_java %d, micrometer %d%n",
                symphra(), clientJava(), micrometer());
    }

    @TearDown
    public void tearDown() {
        micrometerRegistry.close();
    }

    @Benchmark
    public long symphra() throws IOException {
        renderer.write(collector.snapshot(), out);
        return out.take();
    }

    @Benchmark
    public long symphraRenderOnly() throws IOException {
        renderer.write(snapshot, out);
        return out.take();
    }

    @Benchmark
    public long clientJava() throws IOException {
        clientJavaWriter.write(out, clientJavaRegistry.scrape());
        return out.take();
    }

    @Benchmark
    public long micrometer() throws IOException {
        micrometerRegistry.scrape(out);
        return out.take();
    }
}
