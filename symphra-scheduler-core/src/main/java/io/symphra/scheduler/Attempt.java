package io.symphra.scheduler;

import io.symphra.scheduler.internal.EpochNanos;
import java.time.Instant;

/**
 * One attempt of a fire, as a {@link RunInterceptor} sees it when it enters. The view is valid only during
 * {@link RunInterceptor#enter(Attempt)}: the scheduler reuses it, so an interceptor copies the values it keeps.
 */
public interface Attempt {

    /** The task's name. */
    String taskName();

    /** The fire time the trigger planned, in nanoseconds since the epoch by the scheduler's clock. */
    long plannedEpochNanos();

    /** {@link #plannedEpochNanos()} as an {@link Instant}. */
    default Instant plannedTime() {
        return EpochNanos.toInstant(plannedEpochNanos());
    }

    /** How late the fire's first attempt started against the planned time, in nanoseconds; never negative. */
    long latenessNanos();

    /** The attempt number: 1 for the first, 2 for the first retry, and so on. */
    int number();

    /** Whether this attempt retries an earlier, failed one of the same fire. */
    default boolean isRetry() {
        return number() > 1;
    }

    /**
     * The fire's run id: the same for every attempt of one fire, different for every fire this scheduler runs,
     * from 1 upwards. Unique within one scheduler's life, not across instances or restarts.
     */
    long runId();
}
