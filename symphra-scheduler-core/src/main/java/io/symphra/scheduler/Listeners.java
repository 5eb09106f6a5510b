package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/** Calls every listener in order, so that one that throws neither breaks the run nor silences the others. */
final class Listeners implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final TaskListener[] listeners;

    Listeners(List<TaskListener> listeners) {
        this.listeners = listeners.toArray(new TaskListener[0]);
    }

    private interface Call {
        void on(TaskListener l);
    }

    private void each(Call call) {
        for (TaskListener l : listeners) {
            try {
                call.on(l);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Task listener {} threw; ignored", l.getClass().getName(), e);
            }
        }
    }

    @Override
    public void onRegistered(String taskName) {
        each(l -> l.onRegistered(taskName));
    }

    @Override
    public void onUnregistered(String taskName) {
        each(l -> l.onUnregistered(taskName));
    }

    @Override
    public void onStart(ExecutionEvent event) {
        each(l -> l.onStart(event));
    }

    @Override
    public void onSuccess(ExecutionEvent event, long durationNanos) {
        each(l -> l.onSuccess(event, durationNanos));
    }

    @Override
    public void onFailure(ExecutionEvent event, long durationNanos, Throwable error) {
        each(l -> l.onFailure(event, durationNanos, error));
    }

    @Override
    public void onTimeout(ExecutionEvent event, long durationNanos) {
        each(l -> l.onTimeout(event, durationNanos));
    }

    @Override
    public void onSkipped(ExecutionEvent event) {
        each(l -> l.onSkipped(event));
    }

    @Override
    public void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {
        each(l -> l.onRetry(event, error, backoff));
    }
}
