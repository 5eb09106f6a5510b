package io.symphra.scheduler;

import io.symphra.scheduler.metrics.TaskMetricsHandle;
import java.time.Duration;

/**
 * Tells of one task's fires: to its metrics, through a handle bound once at registration, and to the scheduler's
 * listeners, through an {@link ExecutionEvent} built only when there is a listener to hear it.
 */
final class TaskReporter {

    private final String taskName;
    private final TaskFailureLog failureLog;
    /** {@code null} when metrics are off. */
    private final TaskMetricsHandle metrics;
    /** {@code null} when there is no listener. */
    private final Listeners listeners;

    TaskReporter(String taskName, TaskFailureLog failureLog, TaskMetricsHandle metrics, Listeners listeners) {
        this.taskName = taskName;
        this.failureLog = failureLog;
        this.metrics = metrics;
        this.listeners = listeners;
    }

    void started(TaskRun run) {
        if (metrics != null) {
            metrics.recordStart(run.latenessNanos());
        }
        if (listeners != null) {
            listeners.onStart(run.event(1));
        }
    }

    void succeeded(TaskRun run, int attempt, long durationNanos) {
        failureLog.succeeded();
        if (metrics != null) {
            metrics.recordSuccess(run.startEpochNanos(), durationNanos);
            exemplar(run, durationNanos);
        }
        if (listeners != null) {
            listeners.onSuccess(run.event(attempt), durationNanos);
        }
    }

    void failed(TaskRun run, int attempt, long durationNanos, Throwable error) {
        failureLog.failed(attempt, error);
        if (metrics != null) {
            metrics.recordFailure(run.startEpochNanos(), durationNanos);
            exemplar(run, durationNanos);
        }
        if (listeners != null) {
            listeners.onFailure(run.event(attempt), durationNanos, error);
        }
    }

    void timedOut(TaskRun run, int attempt, long durationNanos) {
        failureLog.timedOut(attempt);
        if (metrics != null) {
            metrics.recordTimeout(run.startEpochNanos(), durationNanos);
            exemplar(run, durationNanos);
        }
        if (listeners != null) {
            listeners.onTimeout(run.event(attempt), durationNanos);
        }
    }

    /** A fire that ran under a trace is its bucket's exemplar; one that did not costs this null check. */
    private void exemplar(TaskRun run, long durationNanos) {
        String traceId = run.traceId();
        if (traceId != null) {
            metrics.recordExemplar(traceId, run.startEpochNanos(), durationNanos);
        }
    }

    void retrying(TaskRun run, int attempt, Throwable error, Duration backoff) {
        if (metrics != null) {
            metrics.recordRetry();
        }
        if (listeners != null) {
            listeners.onRetry(run.event(attempt), error, backoff);
        }
    }

    /** {@code count} planned fires were jumped over; see {@link TaskMetricsHandle#recordMissed}. */
    void missed(long count) {
        if (metrics != null) {
            metrics.recordMissed(count);
        }
    }

    /** This instance claimed the fire; asking took {@code latencyNanos}. */
    void claimed(long latencyNanos) {
        if (metrics != null) {
            metrics.recordClaimed(latencyNanos);
        }
    }

    void ranElsewhere(long plannedNanos, long latencyNanos) {
        if (metrics != null) {
            metrics.recordRanElsewhere(latencyNanos);
        }
        if (listeners != null) {
            listeners.onRanElsewhere(notStarted(plannedNanos));
        }
    }

    void coordinatorUnavailable(long plannedNanos, Throwable error, boolean ranHere, long latencyNanos) {
        if (metrics != null) {
            metrics.recordClaimError(ranHere, latencyNanos);
        }
        if (listeners != null) {
            listeners.onCoordinatorUnavailable(notStarted(plannedNanos), error, ranHere);
        }
    }

    void abandoned(long plannedNanos, String formerOwner) {
        if (metrics != null) {
            metrics.recordAbandoned();
        }
        if (listeners != null) {
            listeners.onAbandoned(notStarted(plannedNanos), formerOwner);
        }
    }

    private ExecutionEvent notStarted(long plannedNanos) {
        return new ExecutionEvent(taskName, plannedNanos, ExecutionEvent.NOT_STARTED, 0, 1);
    }

    void skipped(long plannedNanos) {
        if (metrics != null) {
            metrics.recordSkipped();
        }
        if (listeners != null) {
            listeners.onSkipped(notStarted(plannedNanos));
        }
    }
}
