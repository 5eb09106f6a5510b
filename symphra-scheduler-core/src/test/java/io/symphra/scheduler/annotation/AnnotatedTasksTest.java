package io.symphra.scheduler.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.CronTrigger;
import io.symphra.scheduler.trigger.FixedDelayTrigger;
import io.symphra.scheduler.trigger.IntervalTrigger;
import io.symphra.scheduler.trigger.OnceTrigger;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnnotatedTasksTest {

    static class Jobs {
        final AtomicInteger ticks = new AtomicInteger();

        @Interval(value = "10s", name = "tick")
        void tick() {
            ticks.incrementAndGet();
        }

        @FixedDelay(value = "5s", initialDelay = "1m")
        void delayed() {}

        @Cron(value = "0 */5 * * * *", zone = "Europe/Berlin")
        void cron() {}

        @Once("2030-01-01T00:00:00Z")
        void once() {}

        @Hourly(minute = 15)
        void hourly() {}

        @Daily(hour = 2, minute = 30)
        void daily() {}

        @Weekly(day = DayOfWeek.MONDAY, hour = 9)
        void weekly() {}

        @Monthly(day = 1, hour = 6)
        void monthly() {}

        @Scheduled(
                name = "everything",
                fixedDelay = "10s",
                initialDelay = "2s",
                maxInstances = 2,
                timeout = "5s",
                retryAttempts = 3,
                retryBackoff = "1s",
                retryMultiplier = 2.0,
                retryMaxBackoff = "10s",
                retryOn = IOException.class,
                enabled = false,
                tags = {"io", "sync"},
                start = "2026-01-01T00:00:00Z",
                end = "2027-01-01T00:00:00Z")
        CompletionStage<Void> everything() {
            return CompletableFuture.completedFuture(null);
        }

        void notATask() {}
    }

    @Test
    void everyAnnotationBecomesATaskWithItsOptions() {
        Map<String, Task> tasks =
                AnnotatedTasks.of(new Jobs()).stream().collect(Collectors.toMap(Task::name, Function.identity()));
        assertThat(tasks.keySet())
                .containsExactlyInAnyOrder(
                        "tick",
                        "Jobs.delayed",
                        "Jobs.cron",
                        "Jobs.once",
                        "Jobs.hourly",
                        "Jobs.daily",
                        "Jobs.weekly",
                        "Jobs.monthly",
                        "everything");
        assertThat(tasks.get("tick").trigger()).isEqualTo(new IntervalTrigger(Duration.ofSeconds(10), Duration.ZERO));
        assertThat(tasks.get("Jobs.delayed").trigger())
                .isEqualTo(new FixedDelayTrigger(Duration.ofSeconds(5), Duration.ofMinutes(1)));
        assertThat(tasks.get("Jobs.cron").trigger()).isInstanceOf(CronTrigger.class);
        assertThat(((CronTrigger) tasks.get("Jobs.cron").trigger()).zone()).hasToString("Europe/Berlin");
        assertThat(tasks.get("Jobs.once").trigger()).isEqualTo(new OnceTrigger(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(((CronTrigger) tasks.get("Jobs.weekly").trigger()).expression())
                .hasToString("0 0 9 * * MON");

        Task all = tasks.get("everything");
        assertThat(all.trigger()).isEqualTo(new FixedDelayTrigger(Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertThat(all.maxInstances()).isEqualTo(2);
        assertThat(all.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(all.retry().maxAttempts()).isEqualTo(3);
        assertThat(all.retry().backoff().delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(all.retry().retryOn()).containsExactly(IOException.class);
        assertThat(all.enabled()).isFalse();
        assertThat(all.tags()).containsExactlyInAnyOrder("io", "sync");
        assertThat(all.startAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(all.endAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void registeredMethodsRunOnTheScheduler() {
        Jobs jobs = new Jobs();
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Scheduler scheduler =
                Scheduler.builder().clock(clock).discoverExporters(false).build()) {
            List<Task> registered = scheduler.register(jobs);
            assertThat(registered).hasSize(9);
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.ticks.get() == 1);
            clock.advance(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.ticks.get() == 2);
            assertThatThrownBy(() -> scheduler.register(new Jobs())).hasMessageContaining("already registered");
        }
    }

    static class WithParameter {
        @Interval("1s")
        void bad(String s) {}
    }

    static class TwoTriggers {
        @Interval("1s")
        @Daily(hour = 1)
        void bad() {}
    }

    static class BadDuration {
        @Interval("soon")
        void bad() {}
    }

    static class NoKind {
        @Scheduled(timeout = "1s")
        void bad() {}
    }

    static class BadCron {
        @Cron("61 * * * *")
        void bad() {}
    }

    @Test
    void invalidMethodsFailNamingClassMethodAndReason() {
        assertThatThrownBy(() -> AnnotatedTasks.of(new WithParameter()))
                .hasMessageContaining(WithParameter.class.getName() + ".bad()")
                .hasMessageContaining("parameter");
        assertThatThrownBy(() -> AnnotatedTasks.of(new TwoTriggers()))
                .hasMessageContaining("TwoTriggers.bad()")
                .hasMessageContaining("@Interval")
                .hasMessageContaining("@Daily");
        assertThatThrownBy(() -> AnnotatedTasks.of(new BadDuration()))
                .hasMessageContaining("BadDuration.bad()")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> AnnotatedTasks.of(new NoKind()))
                .hasMessageContaining("exactly one of interval, fixedDelay, cron and once");
        assertThatThrownBy(() -> AnnotatedTasks.of(new BadCron()))
                .hasMessageContaining("BadCron.bad()")
                .hasMessageContaining("minute");
    }
}
