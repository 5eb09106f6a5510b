package io.symphra.cluster.jdbc;

/** Where a fire's row stands. */
public enum FireState {
    /** An instance holds it under a lease, renewed by that instance's heartbeat while the run lasts. */
    CLAIMED("claimed"),
    /** The run finished and its outcome is recorded. */
    DONE("done"),
    /** Its instance died: the lease ran out and a surviving instance reported it. */
    ABANDONED("abandoned");

    private final String column;

    FireState(String column) {
        this.column = column;
    }

    /** The value in the table's {@code state} column. */
    public String column() {
        return column;
    }

    static FireState ofColumn(String value) {
        for (FireState state : values()) {
            if (state.column.equals(value)) {
                return state;
            }
        }
        throw new IllegalStateException("unknown state in the fire table: " + value);
    }
}
