package io.symphra.benchmarks.dispatch;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** The JDK's {@link ScheduledThreadPoolExecutor}, {@link DispatchBenchmark#WORKERS} threads, fixed-rate tasks. */
@SuppressWarnings("try") // as Dispatcher: an interrupt while closing propagates on purpose
final class StpeDispatcher implements Dispatcher {

    private ScheduledThreadPoolExecutor executor;

    @Override
    public void start(int tasks, LongAdder runs) {
        executor = new ScheduledThreadPoolExecutor(DispatchBenchmark.WORKERS);
        Runnable action = runs::increment;
        long period = DispatchBenchmark.PERIOD.toNanos();
        for (int i = 0; i < tasks; i++) {
            executor.scheduleAtFixedRate(action, 0, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
