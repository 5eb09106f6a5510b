package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The actuator endpoint {@code symphra}: {@code GET /actuator/symphra} lists the tasks, {@code GET
 * /actuator/symphra/{task}} shows one, and {@code POST /actuator/symphra/{task}/{action}} with action
 * {@code pause}, {@code resume} or {@code trigger} acts on it (trigger runs it once now, outside its plan). An
 * unknown task answers 404, an unknown action 400. Exposed and secured like every actuator endpoint
 * ({@code management.endpoints.web.exposure.include}, Spring Security).
 */
@Endpoint(id = "symphra")
public class SymphraEndpoint {

    /** What {@code GET /actuator/symphra} returns. */
    public record SchedulerReport(boolean running, boolean pausedAll, List<TaskReport> tasks) {}

    private final Scheduler scheduler;

    public SymphraEndpoint(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @ReadOperation
    public SchedulerReport tasks() {
        List<TaskReport> tasks = scheduler.tasks().stream()
                .map(task -> TaskReport.of(scheduler, task))
                .toList();
        return new SchedulerReport(scheduler.isRunning(), scheduler.isPausedAll(), tasks);
    }

    @ReadOperation
    public WebEndpointResponse<TaskReport> task(@Selector String name) {
        return report(name, WebEndpointResponse.STATUS_OK);
    }

    @WriteOperation
    public WebEndpointResponse<TaskReport> act(@Selector String name, @Selector String action) {
        if (scheduler.task(name).isEmpty()) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "pause" -> scheduler.pause(name);
            case "resume" -> scheduler.resume(name);
            case "trigger" -> scheduler.triggerNow(name);
            default -> {
                return new WebEndpointResponse<>(WebEndpointResponse.STATUS_BAD_REQUEST);
            }
        }
        return report(name, WebEndpointResponse.STATUS_OK);
    }

    private WebEndpointResponse<TaskReport> report(String name, int status) {
        Optional<Task> task = scheduler.task(name);
        return task.map(t -> new WebEndpointResponse<>(TaskReport.of(scheduler, t), status))
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }
}
