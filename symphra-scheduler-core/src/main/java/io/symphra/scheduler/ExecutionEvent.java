package io.symphra.scheduler;

import io.symphra.scheduler.internal.EpochNanos;
import java.time.Instant;
import java.util.Objects;

/**
 * One fire of a task, as listeners see it. Times are nanoseconds since the epoch by the scheduler's clock, so that
 * the scheduler builds one small object per run and no {@link Instant}; {@link #scheduledTime()} and
 * {@link #startTime()} convert them. The same event is passed to a run's start and to its outcome.
 *
 * @param taskName            the task's name
 * @param scheduledEpochNanos the fire time the trigger planned
 * @param startEpochNanos     when the run actually started, or {@link #NOT_STARTED} for a skipped fire
 * @param latenessNanos       how late the run started against the planned time, never negative
 * @param attempt             the attempt number, from 1; on a final outcome, the attempt that produced it
 */
public record ExecutionEvent(
        String taskName, long scheduledEpochNanos, long startEpochNanos, long latenessNanos, int attempt) {

    /** {@link #startEpochNanos()} of a fire that was not run. */
    public static final long NOT_STARTED = EpochNanos.NONE;

    public ExecutionEvent {
        Objects.requireNonNull(taskName, "taskName");
        if (latenessNanos < 0) {
            throw new IllegalArgumentException("latenessNanos must not be negative: " + latenessNanos);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
    }

    /** The fire time the trigger planned. */
    public Instant scheduledTime() {
        return EpochNanos.toInstant(scheduledEpochNanos);
    }

    /** When the run started, from the scheduler's clock; {@code null} for a skipped fire. */
    public Instant startTime() {
        return EpochNanos.toInstant(startEpochNanos);
    }

    /** The same event for another attempt ({@code this} when the attempt number is the same). */
    public ExecutionEvent withAttempt(int nextAttempt) {
        if (nextAttempt == attempt) {
            return this;
        }
        return new ExecutionEvent(taskName, scheduledEpochNanos, startEpochNanos, latenessNanos, nextAttempt);
    }
}
