package io.symphra.scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

/** A task inside the scheduler: its definition plus the state that changes as it runs. */
final class RegisteredTask {

    final Task task;
    final ZoneId zone;
    /** The scheduler's listeners bound to this task ({@link TaskListener#forTask}): they hear its fires. */
    final Listeners listeners;
    /** Runs dispatched and not yet ended; guards {@link Task#maxInstances()}. */
    final AtomicInteger running = new AtomicInteger();

    volatile boolean paused;
    volatile boolean removed;
    /**
     * This task's fire entry, queued again for every fire (set once, before the task is published); scheduled and
     * cancelled holding this object's monitor.
     */
    TimerQueue.Entry fire;

    volatile Instant nextFireTime;

    RegisteredTask(Task task, ZoneId zone, Listeners listeners) {
        this.task = task;
        this.zone = zone;
        this.listeners = listeners;
    }

    String name() {
        return task.name();
    }

    /** True when {@code time} lies inside the task's start/end window. */
    boolean inWindow(Instant time) {
        return (task.startAt() == null || !time.isBefore(task.startAt()))
                && (task.endAt() == null || !time.isAfter(task.endAt()));
    }

    boolean pastEnd(Instant time) {
        return task.endAt() != null && time.isAfter(task.endAt());
    }
}
