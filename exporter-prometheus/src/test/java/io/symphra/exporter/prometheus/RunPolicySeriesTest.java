package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real scheduler's snapshot tells the exposition which tasks can time out or retry: the others get no
 * {@code timeouts_total} or {@code retries_total} series, which could only ever read 0.
 */
class RunPolicySeriesTest {

    private static final Duration FAR = Duration.ofDays(30);

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void onlyTasksThatCanTimeOutOrRetryHaveThoseSeries(ExpositionFormat format) throws IOException {
        try (Scheduler scheduler =
                Scheduler.builder().enableMetrics(true).discoverExporters(false).build()) {
            scheduler.schedule(task("plain").build());
            scheduler.schedule(task("bounded").timeout(Duration.ofSeconds(5)).build());
            scheduler.schedule(task("retried")
                    .retry(RetryPolicy.of(3, Backoff.fixed(Duration.ofSeconds(1))))
                    .build());
            scheduler.schedule(task("both")
                    .timeout(Duration.ofSeconds(5))
                    .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ofSeconds(1))))
                    .build());
            scheduler.start();

            String text = PrometheusRendererTest.render(format, scheduler.snapshot());
            Exposition e = Exposition.parse(text);
            assertThat(tasksOf(e, "symphra_scheduler_task_timeouts_total")).containsExactly("both", "bounded");
            assertThat(tasksOf(e, "symphra_scheduler_task_retries_total")).containsExactly("both", "retried");
            assertThat(tasksOf(e, "symphra_scheduler_task_failures_total"))
                    .containsExactly("both", "bounded", "plain", "retried");
            // the families' metadata stays, so a name filter or a dashboard still finds them
            assertThat(text).contains("symphra_scheduler_task_timeouts", "symphra_scheduler_task_retries");
        }
    }

    private static Task.Builder task(String name) {
        return Task.builder(name).trigger(Triggers.fixedRate(FAR, FAR)).run(() -> {});
    }

    private static List<String> tasksOf(Exposition e, String sample) {
        return e.named(sample).stream()
                .map(s -> s.labels().get("task"))
                .sorted()
                .collect(Collectors.toList());
    }
}
