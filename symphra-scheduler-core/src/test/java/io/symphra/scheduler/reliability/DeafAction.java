package io.symphra.scheduler.reliability;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task action that ignores interrupts: it blocks its worker thread until the test releases it, swallowing every
 * interrupt (the scheduler's timeout watchdog, shutdown, {@code shutdownNow}) and counting them. Tests release it
 * in their clean-up, so no thread outlives the test.
 */
final class DeafAction implements Runnable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger interruptsIgnored = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    @Override
    public void run() {
        started.incrementAndGet();
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interruptsIgnored.incrementAndGet();
            }
        }
        finished.incrementAndGet();
    }

    void release() {
        release.countDown();
    }

    int started() {
        return started.get();
    }

    int interruptsIgnored() {
        return interruptsIgnored.get();
    }

    int finished() {
        return finished.get();
    }
}
