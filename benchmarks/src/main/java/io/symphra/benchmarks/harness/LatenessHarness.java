package io.symphra.benchmarks.harness;

import io.symphra.benchmarks.Workload;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Firing lateness with many interval tasks: how long after its planned time each run starts. Not a JMH benchmark
 * (JMH measures the cost of an operation, this measures a distribution of delays over time).
 *
 * <p>{@code tasks} fixed-rate no-op tasks share one period, their first fires spread evenly across it, so the
 * scheduler fires {@code tasks / period} runs per second at a steady pace. After {@code warmup} the start delay of
 * every run is recorded for {@code measure}, then the scheduler is closed. Ours (metrics on, default 2 workers)
 * and the JDK's {@code ScheduledThreadPoolExecutor} (2 threads) run one after the other in the same JVM.
 * Ours is measured by the scheduler itself ({@link ExecutionEvent#latenessNanos()}: start instant minus planned
 * instant); the executor's by the task ({@code System.nanoTime()} minus its grid point).
 *
 * <p>Options: {@code --tasks=10000 --period=1s --warmup=2s --measure=10s --scheduler=both|symphra|stpe}.
 */
public final class LatenessHarness {

    private static final Set<String> OPTIONS = Set.of("tasks", "period", "warmup", "measure", "scheduler");

    private LatenessHarness() {}

    public static void main(String[] args) throws InterruptedException {
        List<LatenessResult> results = run(args);
        results.forEach(System.out::println);
        for (LatenessResult r : results) {
            if (r.scheduler().equals("symphra")) {
                boolean met = r.p99Nanos() <= 2_000_000L && r.maxNanos() <= 20_000_000L;
                System.out.println(
                        "lateness target for symphra, p99 <= 2 ms and max <= 20 ms: " + (met ? "MET" : "MISSED"));
            }
        }
    }

    /** Runs the harness with {@code --key=value} options and returns one result per scheduler. */
    public static List<LatenessResult> run(String[] args) throws InterruptedException {
        HarnessArgs a = HarnessArgs.parse(args, OPTIONS);
        int tasks = a.integer("tasks", 10_000);
        Duration period = a.duration("period", Duration.ofSeconds(1));
        Duration warmup = a.duration("warmup", Duration.ofSeconds(2));
        Duration measure = a.duration("measure", Duration.ofSeconds(10));
        String which = a.string("scheduler", "both");
        long expected = (long) tasks * (measure.toNanos() / period.toNanos() + 2);
        int capacity = (int) Math.min(20_000_000L, Math.max(1_000, expected * 2));

        List<LatenessResult> results = new ArrayList<>();
        if (which.equals("both") || which.equals("symphra")) {
            results.add(symphra(tasks, period, warmup, measure, new LatenessRecorder(capacity)));
        }
        if (which.equals("both") || which.equals("stpe")) {
            results.add(stpe(tasks, period, warmup, measure, new LatenessRecorder(capacity)));
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("--scheduler must be both, symphra or stpe, got '" + which + "'");
        }
        return results;
    }

    private static LatenessResult symphra(
            int tasks, Duration period, Duration warmup, Duration measure, LatenessRecorder recorder)
            throws InterruptedException {
        TaskListener probe = new TaskListener() {
            @Override
            public void onStart(ExecutionEvent event) {
                recorder.record(event.latenessNanos());
            }
        };
        Runnable noOp = () -> {};
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .listener(probe)
                .shutdownTimeout(Duration.ofSeconds(5))
                .build()) {
            for (int i = 0; i < tasks; i++) {
                scheduler.schedule(Task.builder(Workload.taskName(i))
                        .trigger(Triggers.fixedRate(period, offset(period, i, tasks)))
                        .run(noOp)
                        .build());
            }
            scheduler.start();
            window(recorder, warmup, measure);
        }
        return recorder.result("symphra", tasks, period.toNanos());
    }

    private static LatenessResult stpe(
            int tasks, Duration period, Duration warmup, Duration measure, LatenessRecorder recorder)
            throws InterruptedException {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
        long periodNanos = period.toNanos();
        try {
            for (int i = 0; i < tasks; i++) {
                long delay = offset(period, i, tasks).toNanos();
                executor.scheduleAtFixedRate(
                        new GridProbe(System.nanoTime() + delay, periodNanos, recorder),
                        delay,
                        periodNanos,
                        TimeUnit.NANOSECONDS);
            }
            window(recorder, warmup, measure);
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        return recorder.result("stpe", tasks, periodNanos);
    }

    /** The i-th task's first fire, so that the tasks' fires are spread evenly across one period. */
    private static Duration offset(Duration period, int i, int tasks) {
        return Duration.ofNanos(period.toNanos() * i / tasks);
    }

    private static void window(LatenessRecorder recorder, Duration warmup, Duration measure)
            throws InterruptedException {
        Thread.sleep(warmup.toMillis());
        recorder.open();
        Thread.sleep(measure.toMillis());
        recorder.close();
    }

    /** A fixed-rate executor task that knows its own grid and records how late each run starts against it. */
    private static final class GridProbe implements Runnable {
        private final long firstNanos;
        private final long periodNanos;
        private final LatenessRecorder recorder;
        private long runs; // the executor never runs one periodic task concurrently with itself

        GridProbe(long firstNanos, long periodNanos, LatenessRecorder recorder) {
            this.firstNanos = firstNanos;
            this.periodNanos = periodNanos;
            this.recorder = recorder;
        }

        @Override
        public void run() {
            long planned = firstNanos + runs++ * periodNanos;
            recorder.record(System.nanoTime() - planned);
        }
    }
}
