package io.symphra.examples.boot;

import io.symphra.scheduler.annotation.Interval;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Pretends to sync stock levels every five seconds; one run in ten fails, so the failure counters move. */
@Component
public class InventorySync {

    private static final Logger LOG = LoggerFactory.getLogger(InventorySync.class);

    private final AtomicLong synced = new AtomicLong();

    @Interval(value = "5s", name = "inventory-sync")
    public void sync() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
        if (ThreadLocalRandom.current().nextInt(10) == 0) {
            throw new IllegalStateException("the warehouse API timed out (simulated)");
        }
        LOG.info("Inventory synced ({} times)", synced.incrementAndGet());
    }
}
