package io.symphra.exporter.prometheus;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's executor: a fixed pool with a bounded queue, where every exchange gets a deadline.
 *
 * <p>The JDK server hands a connection to its executor as soon as the first byte arrives and reads the request
 * headers on the pool thread with blocking socket reads; its own request timeout ({@code sun.net.httpserver.maxReqTime})
 * is off by default and can only be set JVM-wide before the first server class loads. So a client sending its
 * headers a byte at a time would hold a thread for as long as it likes. Here a watchdog interrupts the thread when
 * the deadline passes: a blocking socket-channel read or write that is interrupted closes its channel, the server
 * drops the connection, and the thread is free again. The same deadline bounds a client that reads the response
 * too slowly. When the pool and its queue are full, the server closes the new connection at once.
 */
final class DeadlineExecutor implements Executor {

    static final int QUEUE_CAPACITY = 64;

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final long timeoutNanos;

    DeadlineExecutor(int threads, Duration timeout, ThreadFactory threadFactory) {
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                threadFactory,
                new ThreadPoolExecutor.AbortPolicy());
        this.watchdog = new ScheduledThreadPoolExecutor(1, threadFactory);
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> runWithDeadline(exchange));
    }

    /** Stops both pools at once; running exchanges are interrupted. */
    void shutdownNow() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }

    /** Waits up to {@code timeout} for the pool threads to end. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void runWithDeadline(Runnable exchange) {
        Deadline deadline = new Deadline(Thread.currentThread());
        ScheduledFuture<?> expiry = watchdog.schedule(deadline::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            exchange.run();
        } finally {
            expiry.cancel(false);
            deadline.finish();
        }
    }

    /**
     * Interrupts its thread at most once, and only while the exchange runs: {@link #finish()} and
     * {@link #expire()} exclude each other, and {@code finish} clears an interrupt that {@code expire} sent, so
     * no interrupt reaches the next exchange on the same thread.
     */
    private static final class Deadline {
        private final Thread thread;
        private boolean finished;

        Deadline(Thread thread) {
            this.thread = thread;
        }

        synchronized void expire() {
            if (!finished) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            finished = true;
            Thread.interrupted();
        }
    }
}
