package io.symphra.benchmarks.dispatch;

import io.symphra.benchmarks.Workload;
import io.symphra.metrics.snapshot.Totals;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Our scheduler with metrics on, its own pool of {@link DispatchBenchmark#WORKERS} workers, fixed-rate tasks. */
final class SymphraDispatcher implements Dispatcher {

    private final boolean inline;
    private final boolean metrics;
    private final int workers;
    private final boolean mdc;
    private Scheduler scheduler;

    /**
     * @param inline run every task on the timer thread itself (a direct worker executor) instead of handing it to
     *               the worker pool: one thread does everything. Not a configuration to compare with the peers; it
     *               shows what the timer-to-worker handoff costs.
     * @param metrics whether metrics are on; off, it shows what recording them costs
     * @param workers worker threads of the pool; fewer than the peers', it shows what the threads' sharing of the
     *               queue costs
     * @param mdc whether the MDC is set around every attempt (the default); off, it shows what that costs
     */
    SymphraDispatcher(boolean inline, boolean metrics, int workers, boolean mdc) {
        this.inline = inline;
        this.metrics = metrics;
        this.workers = workers;
        this.mdc = mdc;
    }

    @Override
    public void start(int tasks, LongAdder runs) {
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(metrics)
                .mdc(mdc)
                .discoverExporters(false)
                .shutdownTimeout(Duration.ofSeconds(5));
        scheduler = (inline ? builder.workerExecutor(Runnable::run) : builder.workerThreads(workers)).build();
        Runnable action = runs::increment;
        for (int i = 0; i < tasks; i++) {
            scheduler.schedule(Task.builder(Workload.taskName(i))
                    .trigger(Triggers.every(DispatchBenchmark.PERIOD))
                    .run(action)
                    .build());
        }
        scheduler.start();
    }

    @Override
    public String summary() {
        if (!metrics) {
            return "";
        }
        Totals totals = scheduler.snapshot().totals();
        return "symphra recorded " + totals.executions() + " executions, " + totals.skipped()
                + " fires skipped because the previous run of the task had not ended";
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
