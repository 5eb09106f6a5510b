package io.symphra.benchmarks.dispatch;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatch throughput end to end: how many no-op runs per second a scheduler fires, runs and (for ours) records
 * when {@code tasks} periodic tasks are permanently due.
 *
 * <p>Each scheduler gets {@code tasks} tasks with a period of {@link #PERIOD} (1 ms, Quartz's finest), so it is
 * offered {@code tasks x 1000} runs per second (10 million with the default 10,000 tasks), far more than two cores
 * can run (with 1,000 tasks the JDK executor reached the 1 million offered): it is saturated and the count
 * of completed runs measures its dispatch capacity. Every task's action is the same: it increments a shared
 * {@link LongAdder}. The JMH thread does no work: it sleeps in windows of {@link #WINDOW_NANOS} and reports the
 * runs completed during the iteration through the auxiliary counter {@code runs}, which JMH prints as runs per
 * second ({@code DispatchBenchmark.dispatch:runs}), and the JVM's CPU time through {@code cpu}, so that runs per
 * CPU-second can be derived. The primary score of {@code dispatch} is only the number of windows and means nothing.
 *
 * <p>Semantics differ under overload, and that is part of what is measured: the JDK executor runs every missed
 * period back to back (catch-up); ours skips a fire while the task's previous run has not ended
 * ({@code maxInstances} 1) and plans the next fire on the grid after now; Quartz fires late until its misfire
 * threshold (60 s) and may run one job concurrently with itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class DispatchBenchmark {

    /** Worker threads of every scheduler. */
    static final int WORKERS = 2;
    /** Period of every task. */
    static final Duration PERIOD = Duration.ofMillis(1);
    /** How long the JMH thread sleeps between looks at the counter. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Param({"symphra", "stpe", "quartz"})
    public String scheduler;

    @Param({"10000"})
    public int tasks;

    final LongAdder runs = new LongAdder();
    private Dispatcher dispatcher;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dispatcher = Dispatcher.named(scheduler);
        dispatcher.start(tasks, runs);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        String summary = dispatcher.summary();
        dispatcher.close();
        if (!summary.isEmpty()) {
            System.out.println(summary);
        }
    }

    /**
     * The runs completed and the CPU time the whole JVM used since the iteration began; JMH divides both by the
     * iteration's time, so {@code runs} reads as runs per second and {@code cpu} as CPU nanoseconds per second
     * (2e9 = both cores busy). {@code runs / cpu * 1e9} is runs per CPU-second: how much work each run costs, which
     * other processes on a shared machine disturb far less than the wall-clock rate.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long runs;
        public long cpu;
        private long runsBase;
        private long cpuBase;

        @Setup(Level.Iteration)
        public void begin(DispatchBenchmark benchmark) {
            runsBase = benchmark.runs.sum();
            cpuBase = PROCESS.getProcessCpuTime();
            runs = 0;
            cpu = 0;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Benchmark
    public void dispatch(Counters counters) {
        LockSupport.parkNanos(WINDOW_NANOS);
        counters.runs = runs.sum() - counters.runsBase;
        counters.cpu = PROCESS.getProcessCpuTime() - counters.cpuBase;
    }
}
