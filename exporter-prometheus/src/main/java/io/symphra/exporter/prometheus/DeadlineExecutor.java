package io.symphra.exporter.prometheus;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's executor: one thread per connection that is in the middle of a request, up to a limit, and a
 * deadline for every exchange: first for its head, then for the whole exchange.
 *
 * <p>The JDK server (JDK 17) waits for a connection's first byte on its dispatcher thread without blocking, but then
 * hands the connection to its executor, which reads the request line and headers, and for HTTPS does the TLS
 * handshake, with blocking reads. So every connection whose head is still arriving holds an executor thread. The
 * JDK's own limit for this, {@code sun.net.httpserver.maxReqTime}, is off by default and read once per JVM into a
 * static field, so a library cannot set it. Here those threads are connection threads, as many as
 * {@code max-connections}, kept apart from the few that render scrapes ({@link RenderPermits}); a slow client costs
 * one of them, not a renderer. A watchdog interrupts a thread when its deadline passes: an interrupted blocking
 * socket-channel read or write closes its channel, the server drops the connection, and the thread is free. The
 * deadline is {@code header-timeout} until {@link #headRead()} is called, then {@code request-timeout}, both from the
 * exchange's start; the second also bounds a client that reads the response too slowly. When every connection
 * thread is busy, the server closes a new connection at once.
 */
final class DeadlineExecutor implements Executor {

    private static final long IDLE_THREAD_KEEP_ALIVE_SECONDS = 30;

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final long headerTimeoutNanos;
    private final long requestTimeoutNanos;
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();

    DeadlineExecutor(int maxConnections, Duration headerTimeout, Duration requestTimeout, ThreadFactory threads) {
        // no queue: an exchange gets a thread at once or is refused, so no connection waits behind a slow one
        this.pool = new ThreadPoolExecutor(
                0,
                maxConnections,
                IDLE_THREAD_KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                threads,
                new ThreadPoolExecutor.AbortPolicy());
        this.watchdog = new ScheduledThreadPoolExecutor(1, threads);
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.requestTimeoutNanos = requestTimeout.toNanos();
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> runWithDeadline(exchange));
    }

    /**
     * Called on the exchange's thread once the server has read the request head: the deadline becomes the request
     * timeout, counted from the exchange's start.
     */
    void headRead() {
        Deadline deadline = current.get();
        if (deadline != null) {
            deadline.extendTo(requestTimeoutNanos);
        }
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
        Deadline deadline = new Deadline(Thread.currentThread(), watchdog);
        deadline.extendTo(headerTimeoutNanos);
        current.set(deadline);
        try {
            exchange.run();
        } finally {
            current.remove();
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
        private final ScheduledThreadPoolExecutor watchdog;
        private final long startNanos = System.nanoTime();
        private ScheduledFuture<?> expiry;
        private boolean done;

        Deadline(Thread thread, ScheduledThreadPoolExecutor watchdog) {
            this.thread = thread;
            this.watchdog = watchdog;
        }

        /** Moves the deadline to {@code timeoutNanos} after the start, unless it has passed already. */
        synchronized void extendTo(long timeoutNanos) {
            if (done) {
                return;
            }
            if (expiry != null) {
                expiry.cancel(false);
            }
            long left = timeoutNanos - (System.nanoTime() - startNanos);
            expiry = watchdog.schedule(this::expire, left, TimeUnit.NANOSECONDS);
        }

        synchronized void expire() {
            if (!done) {
                done = true;
                thread.interrupt();
            }
        }

        synchronized void finish() {
            if (expiry != null) {
                expiry.cancel(false);
            }
            done = true;
            Thread.interrupted();
        }
    }
}
