package io.symphra.examples.demo;

import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's workload: one task of each interesting kind, plus optional synthetic load. */
final class SampleTasks {

    private SampleTasks() {}

    static void register(Scheduler scheduler, int extraTasks) {
        scheduler.schedule(Task.builder("fast")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .run(() -> work(2, 8))
                .build());
        scheduler.schedule(Task.builder("slow")
                .trigger(Triggers.every(Duration.ofSeconds(5)))
                .run(() -> work(800, 1500))
                .build());
        scheduler.schedule(Task.builder("flaky")
                .trigger(Triggers.every(Duration.ofSeconds(2)))
                .run(() -> {
                    work(10, 50);
                    if (ThreadLocalRandom.current().nextDouble() < 0.3) {
                        throw new IllegalStateException("flaky backend said no");
                    }
                })
                .build());
        scheduler.schedule(Task.builder("cron-every-5s")
                .trigger(Triggers.cron("*/5 * * * * *"))
                .run(() -> work(20, 60))
                .build());
        scheduler.schedule(Task.builder("overrun")
                .trigger(Triggers.every(Duration.ofSeconds(6)))
                .timeout(Duration.ofSeconds(1))
                .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ofMillis(500))))
                .run(() -> work(1500, 2500))
                .build());
        for (int i = 0; i < extraTasks; i++) {
            long period = 1 + (i % 10);
            scheduler.schedule(Task.builder(String.format("synthetic-%05d", i))
                    .trigger(Triggers.fixedRate(
                            Duration.ofSeconds(period),
                            Duration.ofMillis(ThreadLocalRandom.current().nextLong(period * 1000))))
                    .run(() -> work(0, 2))
                    .build());
        }
    }

    /** Simulated work that stops early when interrupted, as well-behaved tasks do. */
    private static void work(long minMillis, long maxMillis) {
        long millis = minMillis + ThreadLocalRandom.current().nextLong(maxMillis - minMillis + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
