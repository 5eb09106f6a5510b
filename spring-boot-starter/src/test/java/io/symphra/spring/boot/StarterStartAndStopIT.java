package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the application starts with bad settings, and how it stops: within its grace period, final push delivered. */
class StarterStartAndStopIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aBadSymphraPropertyFailsTheStartNamingTheKey() {
        assertThat(startFailure(TestApplication.class, Map.of("symphra.worker-threads", "0")))
                .contains("symphra.worker-threads")
                .contains("'0'");
        assertThat(startFailure(TestApplication.class, Map.of("symphra.shutdown-timeout", "soon")))
                .contains("symphra.shutdown-timeout");
    }

    @Test
    void aBadExporterKeyFailsTheStartWithTheExportersOwnMessage() {
        String failure = startFailure(
                TestApplication.class,
                Map.of("symphra.exporter.json.enabled", "true", "symphra.exporter.json.interval", "0s"));
        assertThat(failure).contains("symphra.exporter.json.interval").contains("'0s'");
    }

    @Test
    void anUnknownExporterKeyFailsTheStartNamingIt() {
        assertThat(startFailure(TestApplication.class, Map.of("symphra.exporter.micrometer.snapshot-age", "1s")))
                .contains("symphra.exporter.micrometer.snapshot-age");
    }

    @Test
    void aBadScheduledMethodFailsTheStartNamingBeanAndMethod() {
        assertThat(startFailure(BadTaskApplication.class, Map.of()))
                .contains("bean 'badTasks'")
                .contains("needsAnArgument()")
                .contains("parameter");
    }

    @Test
    void stoppingInterruptsARunPastTheShutdownTimeoutAndDeliversTheFinalPush(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.json");
        RunningApp app = RunningApp.start(
                TestApplication.class,
                Map.of(
                        "symphra.shutdown-timeout", "1s",
                        "spring.lifecycle.timeout-per-shutdown-phase", "20s",
                        "symphra.exporter.json.enabled", "true",
                        // Only the final push writes the file: the first periodic one is an hour away.
                        "symphra.exporter.json.interval", "1h",
                        "symphra.exporter.json.file.path", file.toString()));
        Scheduler scheduler = app.bean(Scheduler.class);
        ManualClock clock = app.bean(ManualClock.class);
        DemoTasks tasks = app.bean(DemoTasks.class);
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        scheduler.schedule(Task.builder("stuck")
                .trigger(Triggers.every(Duration.ofHours(1)))
                .run(() -> {
                    started.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build());
        await().atMost(PATIENCE).until(() -> started.getCount() == 0 && tasks.ticks.get() == 1);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(PATIENCE).until(() -> tasks.ticks.get() == 2);
        await().atMost(PATIENCE)
                .until(() -> scheduler.snapshot().tasks().get("tick").successes() == 2);

        app.close();

        // close() returned: the lifecycle ended within Boot's phase, after the scheduler's final push.
        assertThat(scheduler.isRunning()).isFalse();
        assertThat(file).exists();
        JsonNode document = JsonMapper.builder().build().readTree(Files.readString(file));
        JsonNode stats = document.path("task_stats");
        assertThat(stats.path("tick").path("successes").asLong()).isEqualTo(2);
        assertThat(stats.has("stuck")).isTrue();
    }

    /** Every message in the failure's cause chain, for the key it must name. */
    private static String startFailure(Class<?> application, Map<String, String> properties) {
        Throwable failure =
                catchThrowable(() -> RunningApp.start(application, properties).close());
        assertThat(failure).as("the start must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
