package io.symphra.spring.boot;

import io.symphra.scheduler.time.ManualClock;
import java.time.Instant;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A real Boot application with the starter, the actuator and Prometheus, on the manual clock. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestApplication {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Bean
    ManualClock clock() {
        return new ManualClock(T0);
    }

    @Bean
    SchedulerBuilderCustomizer manualClock(ManualClock clock) {
        return builder -> builder.clock(clock);
    }

    @Bean
    DemoTasks demoTasks() {
        return new DemoTasks();
    }
}
