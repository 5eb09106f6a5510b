package io.symphra.scheduler;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener in order, so that one that throws neither breaks the run nor silences the others; each
 * listener's failures are logged, throttled, by a {@link ListenerFailureLog} of its own. The callbacks of every fire
 * (start, success, skip) loop themselves, so that they allocate no lambda; the rarer ones go through {@link #each}.
 */
final class Listeners implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final TaskListener[] listeners;
    /** One per listener, by index. */
    private final ListenerFailureLog[] failures;

    Listeners(List<TaskListener> listeners) {
        this.listeners = listeners.toArray(new TaskListener[0]);
        this.failures = new ListenerFailureLog[this.listeners.length];
        for (int i = 0; i < this.listeners.length; i++) {
            failures[i] = new ListenerFailureLog(LOG, this.listeners[i]);
        }
    }

    /** The listeners, or {@code null} when there is none: then no event needs to be built. */
    static Listeners of(List<TaskListener> listeners) {
        return listeners.isEmpty() ? null : new Listeners(listeners);
    }

    private interface Call {
        void on(TaskListener l);
    }

    private void each(Call call) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                call.on(listeners[i]);
            } catch (RuntimeException | LinkageError e) {
                failures[i].failed(e);
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
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].onStart(event);
            } catch (RuntimeException | LinkageError e) {
                failures[i].failed(e);
            }
        }
    }

    @Override
    public void onSuccess(ExecutionEvent event, long durationNanos) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].onSuccess(event, durationNanos);
            } catch (RuntimeException | LinkageError e) {
                failures[i].failed(e);
            }
        }
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
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].onSkipped(event);
            } catch (RuntimeException | LinkageError e) {
                failures[i].failed(e);
            }
        }
    }

    @Override
    public void onRanElsewhere(ExecutionEvent event) {
        each(l -> l.onRanElsewhere(event));
    }

    @Override
    public void onCoordinatorUnavailable(ExecutionEvent event, Throwable error, boolean ranHere) {
        each(l -> l.onCoordinatorUnavailable(event, error, ranHere));
    }

    @Override
    public void onAbandoned(ExecutionEvent event, String formerOwner) {
        each(l -> l.onAbandoned(event, formerOwner));
    }

    @Override
    public void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {
        each(l -> l.onRetry(event, error, backoff));
    }
}
