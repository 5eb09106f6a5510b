package io.symphra.spring.boot;

import io.symphra.scheduler.annotation.Interval;
import java.util.concurrent.atomic.AtomicInteger;

/** The test application's scheduled bean: one task every second of the manual clock, one every hour. */
public class DemoTasks {

    final AtomicInteger ticks = new AtomicInteger();
    final AtomicInteger reports = new AtomicInteger();

    @Interval(value = "1s", name = "tick")
    public void tick() {
        ticks.incrementAndGet();
    }

    @Interval(value = "1h", name = "report")
    public void report() {
        reports.incrementAndGet();
    }
}
