package io.symphra.spring.boot;

import io.symphra.scheduler.annotation.Interval;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** An application whose bean has a scheduled method the scheduler cannot call. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BadTaskApplication {

    /** A scheduled method must take no parameters. */
    public static class BadTasks {
        @Interval("1s")
        public void needsAnArgument(String argument) {}
    }

    @Bean
    BadTasks badTasks() {
        return new BadTasks();
    }
}
