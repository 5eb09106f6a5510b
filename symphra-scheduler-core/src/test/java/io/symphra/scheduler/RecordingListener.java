package io.symphra.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every event, in order, as "kind:task:attempt". */
final class RecordingListener implements TaskListener {

    record Event(String kind, String task, int attempt, long durationNanos, Throwable error, ExecutionEvent source) {}

    final List<Event> events = new CopyOnWriteArrayList<>();

    List<String> kinds(String task) {
        return events.stream().filter(e -> e.task.equals(task)).map(Event::kind).toList();
    }

    long count(String kind, String task) {
        return events.stream()
                .filter(e -> e.kind.equals(kind) && e.task.equals(task))
                .count();
    }

    Event last(String kind, String task) {
        return events.stream()
                .filter(e -> e.kind.equals(kind) && e.task.equals(task))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Override
    public void onStart(ExecutionEvent e) {
        events.add(new Event("start", e.taskName(), e.attempt(), 0, null, e));
    }

    @Override
    public void onSuccess(ExecutionEvent e, long d) {
        events.add(new Event("success", e.taskName(), e.attempt(), d, null, e));
    }

    @Override
    public void onFailure(ExecutionEvent e, long d, Throwable error) {
        events.add(new Event("failure", e.taskName(), e.attempt(), d, error, e));
    }

    @Override
    public void onTimeout(ExecutionEvent e, long d) {
        events.add(new Event("timeout", e.taskName(), e.attempt(), d, null, e));
    }

    @Override
    public void onSkipped(ExecutionEvent e) {
        events.add(new Event("skipped", e.taskName(), e.attempt(), 0, null, e));
    }

    @Override
    public void onRetry(ExecutionEvent e, Throwable error, Duration backoff) {
        events.add(new Event("retry", e.taskName(), e.attempt(), 0, error, e));
    }
}
