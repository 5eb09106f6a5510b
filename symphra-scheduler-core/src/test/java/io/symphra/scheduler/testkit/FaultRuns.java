package io.symphra.scheduler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.support.SharedHttpClient;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Lateness;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The scaffolding of an exporter's fault matrix: a real scheduler pushing every 2 ms ({@link #INTERVAL}) to a
 * backend that is stopped and replaced on its port by a broken server, then started again. Register it as a
 * static {@code @RegisterExtension}: it notes the live threads before the class (after the JVM's one shared HTTP
 * client exists), closes what each test {@link #keep kept} after the test, last first, and checks after the class
 * that none of it left a thread behind. What a backend holds after recovery stays with each exporter's test.
 */
public final class FaultRuns implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The push interval every run of the matrix uses. */
    public static final String INTERVAL = "2ms";

    /** The pushes a measured stretch begins after, and the pushes it spans. */
    public static final long EARLY_PUSHES = 300;

    public static final long PUSHES = 1_500;

    /** The bound of each wait for pushes. */
    public static final Duration RUN_BOUND = Duration.ofSeconds(20);

    /** The harness's shutdown timeout (5 s), which bounds the final push, plus 2 s for closing the exporter. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(7);

    private final String exporter;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Set<Thread> threadsBefore;
    private Lateness healthy;

    /** The matrix of the exporter named {@code exporter} (as {@link SchedulerUnderLoad#start} takes it). */
    public FaultRuns(String exporter) {
        this.exporter = exporter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedHttpClient.get(); // the JVM's one client and its selector thread live as long as the JVM
        threadsBefore = Footprint.liveThreads();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close(); // dropped as closed, so that the helpers' own HTTP clients can be collected
        }
    }

    /** Every scheduler, exporter and server of the class is closed: none may have left a thread behind. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (threadsBefore != null) {
            Footprint.awaitThreadsEndedSince(threadsBefore);
        }
    }

    /** Closes {@code closeable} after the current test, before what was kept earlier. */
    public <T extends AutoCloseable> T keep(T closeable) {
        toClose.push(closeable);
        return closeable;
    }

    /** The lateness of the healthy run, which every fault run is compared with. */
    public Lateness healthy() {
        return healthy;
    }

    /**
     * Warms the JIT up with a run against {@code warmUp}, so the baseline is a steady state, then measures a run
     * against {@code settings}, quiesces and closes it; its lateness becomes {@link #healthy()}.
     */
    public HealthyRun measureHealthy(Map<String, String> warmUp, Map<String, String> settings) {
        try (SchedulerUnderLoad warm = SchedulerUnderLoad.start(exporter, warmUp)) {
            warm.awaitPushes(PUSHES, RUN_BOUND);
        }
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start(exporter, settings)) {
            Measured run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
            load.quiesce();
            load.close();
            healthy = run.lateness();
            return new HealthyRun(run, load.snapshot());
        }
    }

    /** The measured healthy run and the final snapshot of its closed scheduler. */
    public record HealthyRun(Measured run, MetricsSnapshot last) {}

    /** Stops the real backend, so that its port is free for a fault. */
    @FunctionalInterface
    public interface Stop {
        void stop() throws Exception;
    }

    /** Opens a broken server on a port; what it returns is closed before the real backend starts there again. */
    @FunctionalInterface
    public interface Fault {
        AutoCloseable open(int port) throws Exception;
    }

    /**
     * Once {@code load} has done 50 pushes to the real backend, stops it, opens {@code fault} on its {@code port}
     * (kept) and waits until a push has failed against the fault: a push in flight when the backend stopped may
     * still end well; once one has failed, none can. Pushes must have been delivered before the fault.
     */
    public Broken breakDelivery(SchedulerUnderLoad load, Stop backend, int port, Fault fault) throws Exception {
        load.awaitPushes(50, RUN_BOUND);
        backend.stop();
        AutoCloseable broken = keep(fault.open(port));
        long failuresAtFault = load.exporterStats().failures();
        await("a push fails against the fault")
                .atMost(RUN_BOUND)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> load.exporterStats().failures() > failuresAtFault);
        long exportsBefore = load.exporterStats().exports();
        assertThat(exportsBefore).as("pushes delivered before the fault").isPositive();
        return new Broken(load, broken, exportsBefore);
    }

    /** A scheduler pushing to a broken server, from the first push that failed against it. */
    public final class Broken {
        private final SchedulerUnderLoad load;
        private final AutoCloseable fault;
        private final long exportsBefore;

        private Broken(SchedulerUnderLoad load, AutoCloseable fault, long exportsBefore) {
            this.load = load;
            this.fault = fault;
            this.exportsBefore = exportsBefore;
        }

        /**
         * Measures a stretch of pushes against the fault and prints it under {@code title}: no push may succeed,
         * some must fail, the tasks keep the healthy run's timing, and threads and heap stay flat.
         */
        public Measured measure(String title) {
            Measured run = load.measure(EARLY_PUSHES, PUSHES, load::ticks, RUN_BOUND);
            System.out.printf("[measured] %s | %s%n", title, run);
            assertThat(load.exporterStats().exports())
                    .as("no push succeeds against a broken server")
                    .isEqualTo(exportsBefore);
            assertThat(load.exporterStats().failures()).as("failed pushes").isPositive();
            run.assertTimingLike(healthy);
            run.assertFlat();
            return run;
        }

        /** What the fault saw and the exporter counted, for the report. */
        public String counts() {
            return (fault instanceof FaultyEndpoint f ? f.requests() + " connections/requests seen; " : "")
                    + "failed " + load.exporterStats().failures() + ", skipped "
                    + load.exporterStats().skipped();
        }

        /** Closes the fault, so that the real backend can start on its port again. */
        public void end() throws Exception {
            fault.close();
        }
    }

    /**
     * Closing the scheduler while a push hangs on a server that never answers ends within the scheduler's bound:
     * its shutdown timeout (5 s here) for the final push, plus the exporter's own close. {@code settings} makes the
     * exporter's settings for a URL: that server's, followed by {@code path}.
     */
    public void assertCloseEndsWhileNeverAnswered(String path, Function<String, Map<String, String>> settings)
            throws Exception {
        FaultyEndpoint silent = keep(FaultyEndpoint.silent(0));
        SchedulerUnderLoad load =
                SchedulerUnderLoad.start(exporter, settings.apply("http://127.0.0.1:" + silent.port() + path));
        try {
            await("a push hangs")
                    .atMost(RUN_BOUND)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> load.exporterStats().skipped() > 0);
            long start = System.nanoTime();
            load.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "[close-under-fault] %s | server never answers | close took %d ms; %s%n",
                    exporter, took.toMillis(), load.exporterStats());
            assertThat(took).isLessThan(CLOSE_BOUND);
        } finally {
            load.close();
        }
    }
}
