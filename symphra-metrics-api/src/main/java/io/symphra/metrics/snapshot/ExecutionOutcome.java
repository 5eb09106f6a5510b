package io.symphra.metrics.snapshot;

/** How one run of a task ended. */
public enum ExecutionOutcome {
    /** The task has not run since the metrics started. */
    NONE,
    /** The run completed normally. */
    SUCCESS,
    /** The run threw, or its {@code CompletionStage} completed exceptionally. Counted as a failure. */
    FAILURE,
    /** The run exceeded its timeout and was cancelled. Counted as a failure. */
    TIMEOUT,
    /** The fire was not run because the task already had {@code maxInstances} runs in progress. Not an execution. */
    SKIPPED
}
