package io.symphra.spring.boot;

import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task as the {@code symphra} actuator endpoint shows it.
 *
 * @param name        the task's name
 * @param trigger     its trigger, as the trigger describes itself
 * @param enabled     whether the task fires at all
 * @param paused      whether it is paused on its own
 * @param nextFire    when it fires next (ISO-8601), or null when paused, finished or not started
 * @param lastOutcome how its most recent fire ended: NONE, SUCCESS, FAILURE, TIMEOUT or SKIPPED
 * @param lastSuccess when its last successful run ended, or null
 * @param lastFailure when its last failed run ended, or null
 * @param stats       its counters since the metrics started: the keys of {@code getMetrics()}'s
 *                    {@code task_stats}, and timeouts, skipped, retries, running
 */
public record TaskReport(
        String name,
        String trigger,
        boolean enabled,
        boolean paused,
        String nextFire,
        String lastOutcome,
        String lastSuccess,
        String lastFailure,
        Map<String, Object> stats) {

    static TaskReport of(Scheduler scheduler, Task task) {
        TaskStats stats = scheduler.snapshot().tasks().getOrDefault(task.name(), TaskStats.empty(task.name()));
        Map<String, Object> counters = new LinkedHashMap<>(stats.toMap());
        counters.put("timeouts", stats.timeouts());
        counters.put("skipped", stats.skipped());
        counters.put("retries", stats.retries());
        counters.put("running", stats.running());
        return new TaskReport(
                task.name(),
                task.trigger().toString(),
                task.enabled(),
                scheduler.isPaused(task.name()),
                text(scheduler.nextFireTime(task.name()).orElse(null)),
                stats.lastOutcome().name(),
                text(stats.lastSuccess()),
                text(stats.lastFailure()),
                counters);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
