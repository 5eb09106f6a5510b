package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;

/**
 * A bean that adjusts the scheduler's builder after the {@code symphra.*} properties were applied and before the
 * scheduler is built: add an exporter in code, a listener, a worker executor. Customizers run in their
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface SchedulerBuilderCustomizer {

    /** Changes the builder; what it sets wins over the properties. */
    void customize(Scheduler.Builder builder);
}
