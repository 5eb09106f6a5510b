package io.symphra.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.symphra.scheduler.annotation.Interval;
import io.symphra.scheduler.time.ManualClock;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A real Boot application in cluster mode: its {@link DataSource} from {@code test.datasource.*}, the clock a
 * {@link ManualClock} the test registers (one for every instance, as the instances of a service share time), and
 * one fixed-rate task.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ClusterApplication {

    @Bean
    SchedulerBuilderCustomizer sharedClock(ManualClock clock) {
        return builder -> builder.clock(clock);
    }

    /** A pool of its own, as each instance of a service has. */
    @Bean
    DataSource dataSource(Environment environment) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(environment.getRequiredProperty("test.datasource.url"));
        pool.setUsername(environment.getRequiredProperty("test.datasource.username"));
        pool.setPassword(environment.getRequiredProperty("test.datasource.password"));
        pool.setMaximumPoolSize(4);
        pool.setConnectionTimeout(2_000);
        return pool;
    }

    @Bean
    Beats beats() {
        return new Beats();
    }

    /** The task every instance has: fixed rate, once a second of the manual clock. */
    public static class Beats {
        final AtomicInteger runs = new AtomicInteger();

        @Interval(value = "1s", name = "beat")
        public void beat() {
            runs.incrementAndGet();
        }
    }
}
