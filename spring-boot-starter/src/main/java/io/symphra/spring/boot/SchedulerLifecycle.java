package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the scheduler once the application context is refreshed (after the web server, in the last phase) and
 * closes it first when the context stops, within Boot's shutdown phase: running tasks finish or are interrupted
 * after {@code symphra.shutdown-timeout}, and every push exporter gets its final push.
 */
final class SchedulerLifecycle implements SmartLifecycle {

    private final Scheduler scheduler;
    private volatile boolean running;

    SchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.close();
    }

    /** Closes on a thread of its own, so that Boot bounds the wait by its timeout per shutdown phase. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        Thread closer = new Thread(
                () -> {
                    try {
                        scheduler.close();
                    } finally {
                        callback.run();
                    }
                },
                "symphra-shutdown");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
