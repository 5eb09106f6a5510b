package io.symphra.scheduler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.trigger.Triggers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real {@link Scheduler} with metrics on, one push exporter enabled through {@code exporterProperty(...)}, and
 * three interval tasks firing every 10, 15 and 20 ms: the load under which the fault tests break the backend.
 */
public final class SchedulerUnderLoad implements AutoCloseable {

    /** Tasks and their periods. */
    public static final Map<String, Duration> TASKS = Map.of(
            "tick-10ms", Duration.ofMillis(10),
            "tick-15ms", Duration.ofMillis(15),
            "tick-20ms", Duration.ofMillis(20));

    private final Scheduler scheduler;
    private final String exporter;
    private final LatenessWindow window;

    private SchedulerUnderLoad(Scheduler scheduler, String exporter, LatenessWindow window) {
        this.scheduler = scheduler;
        this.exporter = exporter;
        this.window = window;
    }

    /** Builds and starts the scheduler; {@code properties} are the exporter's keys without the prefix. */
    public static SchedulerUnderLoad start(String exporter, Map<String, String> properties) {
        return start(exporter, properties, null);
    }

    /** As {@link #start(String, Map)}, with the exporter instance registered in code (null: found by ServiceLoader). */
    public static SchedulerUnderLoad start(String exporter, Map<String, String> properties, MetricsExporter instance) {
        Map<String, String> keys = new LinkedHashMap<>();
        // Test-only: the fault tests push every few milliseconds, below the 100 ms floor of push intervals.
        keys.put("symphra.exporter.minimum-interval", "1ms");
        keys.put("symphra.exporter." + exporter + ".enabled", "true");
        properties.forEach((k, v) -> keys.put("symphra.exporter." + exporter + "." + k, v));
        LatenessWindow window = new LatenessWindow();
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .workerThreads(4)
                .shutdownTimeout(Duration.ofSeconds(5))
                .exporterProperties(keys)
                .listener(window);
        if (instance != null) {
            builder.exporter(instance);
        }
        Scheduler scheduler = builder.build();
        TASKS.forEach((name, period) -> scheduler.schedule(name, Triggers.every(period), () -> {}));
        scheduler.start();
        return new SchedulerUnderLoad(scheduler, exporter, window);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public MetricsSnapshot snapshot() {
        return scheduler.snapshot();
    }

    public long executions() {
        return snapshot().totals().executions();
    }

    public ExporterStats exporterStats() {
        return snapshot().exporters().stream()
                .filter(e -> e.name().equals(exporter))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exporter stats for " + exporter));
    }

    /** Pushes the runtime started and saw end, successful or not. */
    public long pushesDone() {
        ExporterStats stats = exporterStats();
        return stats.exports() + stats.failures();
    }

    /** Waits until at least {@code pushes} pushes were done (skipped ticks do not count). */
    public void awaitPushes(long pushes, Duration bound) {
        await("at least " + pushes + " pushes of " + exporter)
                .atMost(bound)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> pushesDone() >= pushes);
    }

    /**
     * Measures a stretch of pushes: threads and heap (after full collections) once the first {@code earlyPushes}
     * are done and again {@code pushes} later, and the tasks' start lateness in between. The lateness window opens
     * a little after the first full collection, so that the test's own stop-the-world pauses are not counted
     * against the exporter. {@code progress} is what counts as a push: pushes done, or ticks when pushes hang.
     */
    public Measured measure(long earlyPushes, long pushes, LongSupplier progress, Duration bound) {
        awaitProgress(progress, earlyPushes, bound);
        Footprint early = Footprint.measure();
        long start = progress.getAsLong();
        awaitProgress(progress, start + 20, bound);
        window.reset();
        long windowStart = progress.getAsLong();
        awaitProgress(progress, start + pushes, bound);
        Lateness lateness = window.read();
        long done = progress.getAsLong() - windowStart;
        Footprint late = Footprint.measure();
        return new Measured(lateness, early, late, progress.getAsLong() - start, done);
    }

    private void awaitProgress(LongSupplier progress, long target, Duration bound) {
        await(exporter + " progress to " + target)
                .atMost(bound)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> progress.getAsLong() >= target);
    }

    /** Ticks of the push schedule: pushes done plus those skipped because the previous one still ran. */
    public long ticks() {
        ExporterStats s = exporterStats();
        return s.exports() + s.failures() + s.skipped();
    }

    /** Stops firing and waits until no run is in progress, so that the snapshot's counts stay as they are. */
    public long quiesce() {
        scheduler.pauseAll();
        long[] previous = {-1};
        await("no run in progress and the count settled")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MetricsSnapshot s = snapshot();
                    boolean settled = s.totals().running() == 0 && s.totals().executions() == previous[0];
                    previous[0] = s.totals().executions();
                    return settled;
                });
        return executions();
    }

    @Override
    public void close() {
        scheduler.close();
    }

    /** Start lateness in milliseconds: largest, mean, median, 90th and 99th percentile over {@code runs} runs. */
    public record Lateness(
            double maxMillis,
            double averageMillis,
            double medianMillis,
            double p90Millis,
            double p99Millis,
            long runs) {
        public static Lateness of(long[] sortedNanos, long totalNanos) {
            int n = sortedNanos.length;
            if (n == 0) {
                return new Lateness(0, 0, 0, 0, 0, 0);
            }
            return new Lateness(
                    sortedNanos[n - 1] / 1e6,
                    totalNanos / 1e6 / n,
                    sortedNanos[n / 2] / 1e6,
                    percentile(sortedNanos, 0.90),
                    percentile(sortedNanos, 0.99),
                    n);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    "max %.1f ms, p99 %.1f ms, p90 %.2f ms, median %.2f ms, mean %.2f ms over %d runs",
                    maxMillis, p99Millis, p90Millis, medianMillis, averageMillis, runs);
        }
    }

    /**
     * What a stretch of pushes measured: lateness of the runs in the window, threads and heap before and after.
     *
     * @param pushes       pushes (or ticks) between the two footprints
     * @param windowPushes pushes (or ticks) within the lateness window
     */
    public record Measured(Lateness lateness, Footprint early, Footprint late, long pushes, long windowPushes) {

        /** The median start delay may exceed the healthy run's by this much. */
        static final double MEDIAN_SLACK_MS = 2;
        /** The 90th percentile may exceed the healthy run's by this much. */
        static final double P90_SLACK_MS = 10;
        /**
         * The 99th percentile and the largest single start delay. Not 50 ms: on this shared 2-core machine (load
         * 4 to 6, 10 to 20 runnable processes) healthy runs alone show stalls of every task at once of 30 to 700 ms,
         * with no GC pause over 100 ms (GC log), so the OS did not run the JVM. A coupling to a failing backend
         * would not be one stall but every push's: with a push every 2 ms it would move the median, the 90th and
         * the 99th percentile. The largest delay is still bounded, at 2 s, above the noise seen. The mean is
         * reported, not bounded: one such stall moves it by several ms.
         */
        static final double P99_LATENESS_MS = 250;

        static final double MAX_LATENESS_MS = 2_000;
        /** Threads may differ by this much between the first and the last measure (pool threads come and go). */
        static final int MAX_THREAD_GROWTH = 2;
        /** Heap after full GC may grow by this much between the first and the last measure. */
        static final double MAX_HEAP_GROWTH_MB = 16;

        /** Asserts that the tasks kept the timing of the healthy run, within the bounds above. */
        public void assertTimingLike(Lateness healthy) {
            assertThat(lateness.medianMillis())
                    .as("median start delay, ms, vs healthy %s", healthy)
                    .isLessThan(healthy.medianMillis() + MEDIAN_SLACK_MS);
            assertThat(lateness.p90Millis())
                    .as("90th percentile start delay, ms, vs healthy %s", healthy)
                    .isLessThan(healthy.p90Millis() + P90_SLACK_MS);
            assertThat(lateness.p99Millis())
                    .as("99th percentile start delay, ms")
                    .isLessThan(P99_LATENESS_MS);
            assertThat(lateness.maxMillis()).as("largest start delay, ms").isLessThan(MAX_LATENESS_MS);
        }

        /** Asserts that threads and heap did not grow with the number of pushes. */
        public void assertFlat() {
            assertThat(threadGrowth())
                    .as("threads added over %d pushes (%s)", pushes, this)
                    .isLessThanOrEqualTo(MAX_THREAD_GROWTH);
            assertThat(heapGrowthMb())
                    .as("heap MB added over %d pushes", pushes)
                    .isLessThan(MAX_HEAP_GROWTH_MB);
        }

        int threadGrowth() {
            return late.threadsAddedSince(early);
        }

        public double heapGrowthMb() {
            return late.heapMbAddedSince(early);
        }

        @Override
        public String toString() {
            return String.format(
                    "lateness %s in a window of %d pushes | threads %d -> %d, heap %+.1f MB over %d" + " pushes",
                    lateness, windowPushes, early.threads(), late.threads(), heapGrowthMb(), pushes);
        }
    }

    /** The start lateness of every run from the last {@link #reset()}: the same value the snapshot aggregates. */
    public static final class LatenessWindow implements TaskListener {
        private static final int CAPACITY = 50_000;
        private final long[] samples = new long[CAPACITY];
        private int size;

        @Override
        public synchronized void onStart(ExecutionEvent event) {
            if (size < CAPACITY) {
                samples[size++] = event.latenessNanos();
            }
        }

        synchronized void reset() {
            size = 0;
        }

        synchronized Lateness read() {
            long[] window = Arrays.copyOf(samples, size);
            Arrays.sort(window);
            return Lateness.of(window, Arrays.stream(window).sum());
        }
    }

    /** Live threads and used heap after a full collection. */
    public record Footprint(int threads, long heapBytes) {
        public static Footprint measure() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return new Footprint(
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        /** The threads alive now. */
        public static Set<Thread> liveThreads() {
            return new HashSet<>(Thread.getAllStackTraces().keySet());
        }

        /**
         * Waits until every thread started since {@code before} has ended. No garbage is collected while waiting:
         * a thread that ends only once something is collected (a JDK 17 HTTP client's selector thread) is a thread
         * a closed exporter left behind, and fails this. Let be: idle workers of the libraries' shared pools, which
         * end by themselves after 60 s idle and are bounded per pool (OkHttp's task runner and watchdog, a JDK HTTP
         * client's default executor, the JDK's process reaper that the tests' servers start), the JDK's one
         * delay thread behind {@code CompletableFuture.delayedExecutor}, and the thread Awaitility polls on. A
         * test whose exporters send with the JVM's shared HTTP client starts that client before taking
         * {@code before}.
         */
        public static void awaitThreadsEndedSince(Set<Thread> before) {
            try {
                await("threads started by the test end")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> leftSince(before).isEmpty());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("threads left behind: " + leftSince(before), e);
            }
        }

        /** The names of the threads started since {@code before} and still alive, but for the ones let be. */
        public static List<String> leftSince(Set<Thread> before) {
            return liveThreads().stream()
                    .filter(t -> !before.contains(t))
                    .map(Thread::getName)
                    .filter(name -> !IDLE_POOL_WORKER.matcher(name).matches())
                    .sorted()
                    .toList();
        }

        private static final Pattern IDLE_POOL_WORKER = Pattern.compile("OkHttp TaskRunner|Okio Watchdog"
                + "|HttpClient-\\d+-Worker-\\d+|process reaper|CompletableFutureDelayScheduler|awaitility\\[.*");

        int threadsAddedSince(Footprint before) {
            return threads - before.threads;
        }

        public double heapMbAddedSince(Footprint before) {
            return (heapBytes - before.heapBytes) / (1024.0 * 1024.0);
        }
    }
}
