package io.symphra.cluster.jdbc;

import java.util.Objects;

/**
 * A fire's identity across instances: the task name and its planned fire time in nanoseconds since the epoch.
 *
 * @param task the task name, at most {@value #MAX_NAME_LENGTH} characters, compared exactly (case and trailing
 *     spaces count)
 * @param plannedEpochNanos the planned fire instant, nanoseconds since 1970-01-01T00:00Z
 */
public record FireKey(String task, long plannedEpochNanos) {
    /** The longest task or instance name the table holds. */
    public static final int MAX_NAME_LENGTH = 255;

    /** Checks the task name. */
    public FireKey {
        checkName("task", task);
    }

    static void checkName(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    setting + " must have 1 to " + MAX_NAME_LENGTH + " characters, got " + value.length());
        }
    }
}
