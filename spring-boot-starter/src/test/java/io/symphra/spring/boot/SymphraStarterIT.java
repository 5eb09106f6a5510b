package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The starter inside a real Boot application on a loopback port, over HTTP to the actuator. */
class SymphraStarterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private RunningApp app;
    private Scheduler scheduler;
    private ManualClock clock;
    private DemoTasks tasks;

    @BeforeEach
    void start() {
        app = RunningApp.start(TestApplication.class, Map.of("symphra.common-labels.service", "demo"));
        scheduler = app.bean(Scheduler.class);
        clock = app.bean(ManualClock.class);
        tasks = app.bean(DemoTasks.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void annotatedBeansAreRegisteredAndTheSchedulerRunsWithTheContext() {
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(scheduler.task("tick")).isPresent();
        assertThat(scheduler.task("report")).isPresent();
        assertThat(scheduler.exporterNames()).contains("micrometer").doesNotContain("prometheus");
    }

    @Test
    void actuatorPrometheusShowsTheSameCountsAsGetMetricsAfterNRuns() throws Exception {
        for (int run = 1; run <= 5; run++) {
            int expected = run;
            await().atMost(PATIENCE).until(() -> tasks.ticks.get() == expected);
            if (run < 5) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        await().atMost(PATIENCE).until(() -> successes("tick") == 5);

        String series = "symphra_scheduler_task_executions_total{outcome=\"success\",service=\"demo\",task=\"tick\"}";
        await().atMost(PATIENCE).until(() -> Double.valueOf(5).equals(RunningApp.sample(scrape(), series)));
        assertThat(successes("tick")).isEqualTo(5);
        String text = scrape();
        assertThat(RunningApp.sample(
                        text,
                        "symphra_scheduler_task_executions_total{outcome=\"failure\",service=\"demo\",task=\"tick\"}"))
                .isEqualTo(((Number) taskStats("tick").get("failures")).doubleValue());
        String count = "symphra_scheduler_task_duration_seconds_count{service=\"demo\",task=\"tick\"}";
        await().atMost(PATIENCE).until(() -> Double.valueOf(5).equals(RunningApp.sample(scrape(), count)));
        assertThat(RunningApp.sample(scrape(), count))
                .isEqualTo(((Number) taskStats("tick").get("executions")).doubleValue());

        // The timer's buckets are the scheduler's histogram, bound for bound.
        DurationHistogram histogram = scheduler.snapshot().tasks().get("tick").durations();
        text = scrape();
        for (int i = 0; i < histogram.bucketCount(); i++) {
            double bound = histogram.upperBound(i);
            String le = Double.isInfinite(bound) ? "+Inf" : Double.toString(bound);
            assertThat(RunningApp.sample(
                            text,
                            "symphra_scheduler_task_duration_seconds_bucket{service=\"demo\",task=\"tick\",le=\"" + le
                                    + "\"}"))
                    .as("le=" + le)
                    .isEqualTo((double) histogram.cumulativeCount(i));
        }
    }

    @Test
    void aTaskAddedAtRunTimeAppearsAndAnUnregisteredOneDisappears() throws Exception {
        scheduler.schedule("added", Triggers.every(Duration.ofHours(1)), () -> {});
        await().atMost(PATIENCE).until(() -> scrape().contains("task=\"added\""));

        scheduler.unregister("added");
        await().atMost(PATIENCE).until(() -> !scrape().contains("task=\"added\""));
        assertThat(scrape()).contains("task=\"tick\"");
    }

    @Test
    void pauseResumeAndTriggerOverTheActuatorActOnTheScheduler() throws Exception {
        await().atMost(PATIENCE).until(() -> tasks.reports.get() == 1);

        assertThat(app.post("/actuator/symphra/report/pause").statusCode()).isEqualTo(200);
        assertThat(scheduler.isPaused("report")).isTrue();
        assertThat(app.get("/actuator/symphra/report").body()).contains("\"paused\":true");

        assertThat(app.post("/actuator/symphra/report/trigger").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> tasks.reports.get() == 2);
        await().atMost(PATIENCE).until(() -> successes("report") == 2);

        assertThat(app.post("/actuator/symphra/report/resume").statusCode()).isEqualTo(200);
        assertThat(scheduler.isPaused("report")).isFalse();

        assertThat(app.post("/actuator/symphra/nope/pause").statusCode()).isEqualTo(404);
        assertThat(app.post("/actuator/symphra/report/explode").statusCode()).isEqualTo(400);
        String list = app.get("/actuator/symphra").body();
        assertThat(list)
                .contains("\"running\":true")
                .contains("\"name\":\"report\"")
                .contains("\"name\":\"tick\"")
                .contains("\"lastOutcome\":\"SUCCESS\"")
                .contains("IntervalTrigger");
    }

    @Test
    void healthIsUpWhileTheSchedulerRuns() throws Exception {
        app.close();
        app = RunningApp.start(TestApplication.class, Map.of("symphra.health.enabled", "true"));
        String health = app.get("/actuator/health").body();
        assertThat(health).contains("\"symphra\"").contains("\"status\":\"UP\"");
    }

    @Test
    void theAggregateOfAggregatedTasksHasItsMetersAndItsTimer() throws Exception {
        app.close();
        app = RunningApp.start(
                TestApplication.class,
                Map.of(),
                context -> context.getBeanFactory().registerSingleton("aggregate", (SchedulerBuilderCustomizer)
                        b -> b.aggregateMetrics("report")));
        String count = "symphra_scheduler_task_duration_seconds_count{task=\"_aggregated\"}";
        await().atMost(PATIENCE).until(() -> Double.valueOf(1).equals(RunningApp.sample(scrape(), count)));
        assertThat(RunningApp.sample(
                        scrape(), "symphra_scheduler_task_executions_total{outcome=\"success\",task=\"_aggregated\"}"))
                .isEqualTo(1.0);
    }

    private String scrape() throws IOException, InterruptedException {
        return app.get("/actuator/prometheus").body();
    }

    private long successes(String task) {
        return ((Number) taskStats(task).get("successes")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> taskStats(String task) {
        return ((Map<String, Map<String, Object>>) scheduler.getMetrics().get("task_stats")).get(task);
    }
}
