package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.DurationLimit;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.annotation.Interval;
import io.symphra.scheduler.testkit.CountingExporter;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One rule for every duration a user can hand the scheduler: at most {@link DurationLimit#MAX} (100000d), so that
 * nothing overflows {@code long} nanoseconds later. Beyond it, the build fails naming the key or builder method
 * and the largest allowed value; at it, start and close work.
 */
class DurationLimitTest {

    private static final Duration TOO_LONG = Duration.ofDays(200_000);

    /** Reads one duration key of its own, as exporters read their timeouts. */
    static final class TimeoutExporter implements MetricsExporter {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean enabledByDefault() {
            return true;
        }

        @Override
        public Optional<Duration> defaultInterval() {
            return Optional.of(Duration.ofDays(36_500));
        }

        @Override
        public void configure(ExporterConfig config) {
            config.duration("push.timeout", Duration.ofSeconds(10));
        }

        @Override
        public void start(ExporterContext context) {}

        @Override
        public void close() {}
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval", "push.timeout"})
    void aConfigKeyBeyondTheLargestFailsTheBuildNamingItAndTheLargest(String key) {
        assertThatThrownBy(() -> IsolatedScheduler.builder()
                        .exporter(new TimeoutExporter())
                        .exporterProperty("symphra.exporter.probe." + key, "200000d")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.probe." + key + " = '200000d' (from builder)")
                .hasMessageContaining("at most 100000d");
    }

    @Test
    void aBuilderMethodBeyondTheLargestFailsNamingTheMethodAndTheLargest() {
        assertThatThrownBy(() -> IsolatedScheduler.builder().shutdownTimeout(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout")
                .hasMessageContaining("at most 100000d");
    }

    @Test
    void everyTaskOptionBeyondTheLargestFailsNamingTheOptionAndTheLargest() {
        Runnable noop = () -> {};
        assertLimit(
                () -> Task.builder("t")
                        .trigger(Triggers.every(Duration.ofSeconds(1)))
                        .run(noop)
                        .timeout(TOO_LONG)
                        .build(),
                "timeout");
        assertLimit(() -> Triggers.every(TOO_LONG), "interval");
        assertLimit(() -> Triggers.fixedRate(Duration.ofSeconds(1), TOO_LONG), "initial delay");
        assertLimit(() -> Triggers.fixedDelay(TOO_LONG), "fixed delay");
        assertLimit(() -> Triggers.fixedDelay(Duration.ofSeconds(1), TOO_LONG), "initial delay");
        assertLimit(() -> Backoff.fixed(TOO_LONG), "backoff delay");
        assertLimit(() -> Backoff.exponential(Duration.ofSeconds(1), 2, TOO_LONG), "backoff max");
        assertLimit(() -> Backoff.random(TOO_LONG, TOO_LONG), "backoff min");
        assertLimit(() -> IsolatedScheduler.builder().build().register(new AnnotatedBean()), "interval");
    }

    static final class AnnotatedBean {
        @Interval("200000d")
        void rarely() {}
    }

    @Test
    void atTheLargestEverythingStartsAndCloses() {
        CountingExporter exporter = CountingExporter.healthy("probe", Duration.ofSeconds(1));
        Scheduler scheduler = IsolatedScheduler.builder()
                .exporter(exporter)
                .exporterProperty("symphra.exporter.probe.interval", "100000d")
                .shutdownTimeout(DurationLimit.MAX)
                .build();
        scheduler.schedule(Task.builder("t")
                .trigger(Triggers.fixedRate(DurationLimit.MAX, DurationLimit.MAX))
                .run(() -> {})
                .timeout(DurationLimit.MAX)
                .build());
        assertThatCode(scheduler::start).doesNotThrowAnyException();
        assertThatCode(scheduler::close).doesNotThrowAnyException();
        assertThat(exporter.closes()).isEqualTo(1);
        assertThat(exporter.calls()).isEqualTo(1); // the final push
    }

    private static void assertLimit(ThrowingCallable call, String named) {
        assertThatThrownBy(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named)
                .hasMessageContaining("at most 100000d");
    }
}
