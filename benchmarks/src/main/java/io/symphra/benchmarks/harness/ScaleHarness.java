package io.symphra.benchmarks.harness;

import io.symphra.benchmarks.DiscardingStream;
import io.symphra.benchmarks.Workload;
import io.symphra.exporter.prometheus.DurationSeries;
import io.symphra.exporter.prometheus.ExpositionFormat;
import io.symphra.exporter.prometheus.FamilySelection;
import io.symphra.exporter.prometheus.PrometheusRenderer;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A scheduler holding many tasks (100,000 by default): the time of a full {@code snapshot()} and of snapshot plus
 * Prometheus text 0.0.4 render ({@link PrometheusRenderer} into a stream that discards the bytes), and the CPU the
 * process and the scheduler's threads burn while the scheduler holds them with nothing due.
 *
 * <p>Every task is fixed-rate with a period and first fire of one hour, so none fires during the harness; each
 * gets one start and one success recorded through the collector so that every series in the snapshot is filled.
 * Snapshots are taken {@code warmup} times unmeasured, then {@code repeat} times measured. The idle window follows
 * a full GC and a settling pause (1 s); CPU comes from {@code com.sun.management.OperatingSystemMXBean} (process) and
 * {@link ThreadMXBean} (threads named {@code symphra-*}).
 *
 * <p>Options: {@code --tasks=100000 --warmup=5 --repeat=10 --idle=10s --settle=1s --families=both
 * --durations=summary}, where {@code --families} is the renderer's {@link FamilySelection} ({@code seed},
 * {@code idiomatic} or {@code both}) and {@code --durations} its {@link DurationSeries} ({@code summary} or
 * {@code histogram}), both defaulting as the endpoint does.
 */
public final class ScaleHarness {

    private static final Set<String> OPTIONS =
            Set.of("tasks", "warmup", "repeat", "idle", "settle", "families", "durations");
    private static final Duration FAR = Duration.ofHours(1);

    private ScaleHarness() {}

    public static void main(String[] args) throws InterruptedException {
        ScaleResult r = run(args);
        System.out.println(r);
        System.out.printf(
                java.util.Locale.ROOT,
                "families=%s durations=%s: %.0f bytes of exposition per task; target for symphra (idiomatic),"
                        + " at most 1024: %s%n",
                choice(HarnessArgs.parse(args, OPTIONS), "families", FamilySelection.class, FamilySelection.BOTH)
                        .name()
                        .toLowerCase(java.util.Locale.ROOT),
                choice(HarnessArgs.parse(args, OPTIONS), "durations", DurationSeries.class, DurationSeries.SUMMARY)
                        .name()
                        .toLowerCase(java.util.Locale.ROOT),
                (double) r.renderBytes() / r.tasks(),
                r.renderBytes() <= 1024L * r.tasks() ? "MET" : "MISSED");
        System.out.println("scale target for symphra, snapshot + render < 100 ms: "
                + (r.renderMedianNanos() < 100_000_000L ? "MET" : "MISSED")
                + String.format(
                        java.util.Locale.ROOT,
                        "; idle CPU of the scheduler's threads %.4f%% of one core",
                        100.0 * r.idleSchedulerCpuNanos() / Math.max(1, r.idleNanos())));
    }

    /** Runs the harness with {@code --key=value} options. */
    public static ScaleResult run(String[] args) throws InterruptedException {
        HarnessArgs a = HarnessArgs.parse(args, OPTIONS);
        int tasks = a.integer("tasks", 100_000);
        int warmup = a.integer("warmup", 5);
        int repeat = Math.max(1, a.integer("repeat", 10));
        Duration idle = a.duration("idle", Duration.ofSeconds(10));
        Duration settle = a.duration("settle", Duration.ofSeconds(1));
        FamilySelection families = choice(a, "families", FamilySelection.class, FamilySelection.BOTH);
        DurationSeries durations = choice(a, "durations", DurationSeries.class, DurationSeries.SUMMARY);

        try (Scheduler scheduler =
                Scheduler.builder().enableMetrics(true).discoverExporters(false).build()) {
            Runnable noOp = () -> {};
            for (int i = 0; i < tasks; i++) {
                scheduler.schedule(Task.builder(Workload.taskName(i))
                        .trigger(Triggers.fixedRate(FAR, FAR))
                        .run(noOp)
                        .build());
            }
            scheduler.start();
            MetricsCollector collector = scheduler.metricsCollector().orElseThrow();
            long now = EpochNanos.of(Instant.now());
            for (int i = 0; i < tasks; i++) {
                TaskMetricsHandle handle = collector.handle(Workload.taskName(i));
                handle.recordStart(1_000L + i);
                handle.recordSuccess(now, Workload.durationNanos(i));
            }

            long[] snapshot =
                    time(warmup, repeat, () -> scheduler.snapshot().tasks().size());
            PrometheusRenderer renderer = PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT, families, durations);
            DiscardingStream out = new DiscardingStream();
            long[] bytes = new long[1];
            long[] render = time(warmup, repeat, () -> {
                try {
                    renderer.write(scheduler.snapshot(), out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                bytes[0] = out.take();
                return bytes[0];
            });
            printRenderOnly(scheduler, renderer, warmup, repeat);

            System.gc();
            Thread.sleep(settle.toMillis());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long processBefore = os.getProcessCpuTime();
            long schedulerBefore = schedulerThreadsCpu();
            long start = System.nanoTime();
            Thread.sleep(idle.toMillis());
            long idleNanos = System.nanoTime() - start;
            long processCpu = os.getProcessCpuTime() - processBefore;
            long schedulerCpu = schedulerThreadsCpu() - schedulerBefore;

            return new ScaleResult(
                    tasks,
                    median(snapshot),
                    max(snapshot),
                    median(render),
                    max(render),
                    bytes[0],
                    idleNanos,
                    processCpu,
                    schedulerCpu);
        }
    }

    /** The option {@code --key}, one of {@code type}'s constants in lower case, or {@code fallback}. */
    private static <E extends Enum<E>> E choice(HarnessArgs a, String key, Class<E> type, E fallback) {
        String value = a.string(key, fallback.name().toLowerCase(java.util.Locale.ROOT));
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> expected = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                    .toList();
            throw new IllegalArgumentException("--" + key + "=" + value + ": expected one of " + expected, e);
        }
    }

    /** Times the render alone: one snapshot rendered again and again, so the snapshot's cost is left out. */
    private static void printRenderOnly(Scheduler scheduler, PrometheusRenderer renderer, int warmup, int repeat) {
        var snapshot = scheduler.snapshot();
        DiscardingStream out = new DiscardingStream();
        long[] render = time(warmup, repeat, () -> {
            try {
                renderer.write(snapshot, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.take();
        });
        System.out.printf(
                java.util.Locale.ROOT,
                "render only (one snapshot rendered again) median=%.1fms max=%.1fms%n",
                median(render) / 1e6,
                max(render) / 1e6);
    }

    private interface Work {
        long run();
    }

    /** Times {@code work} {@code repeat} times after {@code warmup} unmeasured runs; returns the times in nanos. */
    private static long[] time(int warmup, int repeat, Work work) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += work.run();
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            sink += work.run();
            nanos[i] = System.nanoTime() - t0;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println("unreachable: keeps the work from being optimized away");
        }
        return nanos;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** CPU time so far of the threads whose name starts with {@code symphra-} (timer and workers). */
    private static long schedulerThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("symphra-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
