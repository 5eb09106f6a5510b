package io.symphra.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * One fire of a task, as listeners see it.
 *
 * @param taskName      the task's name
 * @param scheduledTime the fire time the trigger planned
 * @param startTime     when the run actually started, from the scheduler's clock ({@code null} for a skipped fire)
 * @param latenessNanos how late the run started against {@code scheduledTime}, never negative
 * @param attempt       the attempt number, from 1; on a final outcome, the attempt that produced it
 */
public record ExecutionEvent(
        String taskName, Instant scheduledTime, Instant startTime, long latenessNanos, int attempt) {

    public ExecutionEvent {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        if (latenessNanos < 0) {
            throw new IllegalArgumentException("latenessNanos must not be negative: " + latenessNanos);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
    }

    /** The same event for another attempt ({@code this} when the attempt number is the same). */
    public ExecutionEvent withAttempt(int nextAttempt) {
        if (nextAttempt == attempt) {
            return this;
        }
        return new ExecutionEvent(taskName, scheduledTime, startTime, latenessNanos, nextAttempt);
    }
}
