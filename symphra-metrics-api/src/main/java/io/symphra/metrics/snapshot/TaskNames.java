package io.symphra.metrics.snapshot;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Task names in strictly ascending order ({@link String#compareTo}), checked once when built. A collector that
 * keeps its tasks in name order builds this when its set of tasks changes and passes it to
 * {@link MetricsSnapshot#ofSorted(java.time.Instant, java.time.Instant, TaskNames, TaskStats[], java.util.Map,
 * List)} on every snapshot, which then needs no string comparisons. Immutable; may be shared by any number of
 * snapshots.
 */
public final class TaskNames {

    private static final TaskNames NONE = new TaskNames(new String[0]);

    private final String[] names;

    private TaskNames(String[] names) {
        this.names = names;
    }

    /**
     * Names that must already be in strictly ascending order (a copy is kept).
     *
     * @throws IllegalArgumentException if they are not strictly ascending
     * @throws NullPointerException     if a name is {@code null}
     */
    public static TaskNames ofSorted(String... sortedNames) {
        String[] names = sortedNames.clone();
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], "task name");
            if (i > 0 && names[i - 1].compareTo(names[i]) >= 0) {
                throw new IllegalArgumentException(
                        "task names are not sorted: '" + names[i - 1] + "' before '" + names[i] + "'");
            }
        }
        return names.length == 0 ? NONE : new TaskNames(names);
    }

    /** How many names there are. */
    public int size() {
        return names.length;
    }

    /** The name at {@code index}, in ascending order. */
    public String get(int index) {
        return names[index];
    }

    /** The names, in order, unmodifiable. */
    public List<String> asList() {
        return List.of(names);
    }

    /** The array itself, for this package only: never modified and never handed out. */
    String[] shared() {
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskNames other && Arrays.equals(names, other.names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names);
    }

    @Override
    public String toString() {
        return "TaskNames" + Arrays.toString(names);
    }
}
