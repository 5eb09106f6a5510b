package io.symphra.cluster.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link JdbcClaimStore} works: the table, whether it may create it, the statement timeout, and the lease,
 * heartbeat and retention that {@link JdbcFireCoordinator} uses unless told otherwise. Built once and checked when built: a bad value fails with an
 * error that names the setting.
 */
public final class ClaimStoreSettings {
    /** Unquoted, so that PostgreSQL folds it the same way in our DDL and in the user's. */
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** PostgreSQL's 63-byte identifier limit, less the {@code _lease_idx} suffix of the index name. */
    static final int MAX_TABLE_LENGTH = 53;

    private final String table;
    private final boolean createTable;
    private final Duration queryTimeout;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration retention;
    private final int deleteBatch;

    private ClaimStoreSettings(Builder builder) {
        this.table = checkTable(builder.table);
        this.createTable = builder.createTable;
        this.queryTimeout = positive("query-timeout", builder.queryTimeout);
        this.heartbeat = positive("heartbeat", builder.heartbeat);
        this.lease = checkLease(builder.lease, heartbeat);
        this.retention = positive("retention", builder.retention);
        if (builder.deleteBatch <= 0) {
            throw new IllegalArgumentException("delete-batch must be positive, got " + builder.deleteBatch);
        }
        this.deleteBatch = builder.deleteBatch;
    }

    /** A builder with the defaults: table {@code symphra_fires}, create-table off, 2 s timeout, 30 s lease. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default. */
    public static ClaimStoreSettings defaults() {
        return builder().build();
    }

    /** The fire table's name: a plain identifier. */
    public String table() {
        return table;
    }

    /** Whether the store creates its table and index when they are missing at start. */
    public boolean createTable() {
        return createTable;
    }

    /** Every statement's timeout, in whole seconds as JDBC counts them (rounded up). */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** The default lease of a claim: how long a fire stays owned without a heartbeat. */
    public Duration lease() {
        return lease;
    }

    /** How often the holder of a fire renews its lease; always shorter than every lease. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** How long a finished or abandoned row is kept after its lease ended. */
    public Duration retention() {
        return retention;
    }

    /** The most rows one call of {@link JdbcClaimStore#deleteOlderThan} deletes. */
    public int deleteBatch() {
        return deleteBatch;
    }

    int queryTimeoutSeconds() {
        long millis = queryTimeout.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    /** A lease must outlast the heartbeat that renews it, or every run loses its fire between two beats. */
    Duration checkLease(Duration value) {
        return checkLease(value, heartbeat);
    }

    static Duration checkLease(Duration value, Duration heartbeat) {
        positive("lease", value);
        if (value.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException(
                    "lease (" + value + ") must be longer than heartbeat (" + heartbeat + ")");
        }
        return value;
    }

    static Duration positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, got " + value);
        }
        return value;
    }

    private static String checkTable(String value) {
        Objects.requireNonNull(value, "table");
        if (!PLAIN_IDENTIFIER.matcher(value).matches() || value.length() > MAX_TABLE_LENGTH) {
            throw new IllegalArgumentException("table must be a plain identifier (letters, digits, _; not starting "
                    + "with a digit; at most " + MAX_TABLE_LENGTH + " characters), got '" + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ClaimStoreSettings[table=" + table + ", create-table=" + createTable + ", query-timeout="
                + queryTimeout + ", lease=" + lease + ", heartbeat=" + heartbeat + ", retention=" + retention
                + ", delete-batch=" + deleteBatch + "]";
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private String table = "symphra_fires";
        private boolean createTable;
        private Duration queryTimeout = Duration.ofSeconds(2);
        private Duration lease = Duration.ofSeconds(30);
        private Duration heartbeat = Duration.ofSeconds(10);
        private Duration retention = Duration.ofDays(7);
        private int deleteBatch = 1000;

        private Builder() {}

        /** The fire table's name, a plain identifier; default {@code symphra_fires}. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** Whether to create the table and its index when missing at start (option {@code create-table}). */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /** Every statement's timeout; default 2 s. */
        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
            return this;
        }

        /** The default lease; default 30 s; longer than the heartbeat. */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** The heartbeat period; default 10 s. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** How long old rows are kept; default 7 days. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** The most rows one retention call deletes; default 1000. */
        public Builder deleteBatch(int deleteBatch) {
            this.deleteBatch = deleteBatch;
            return this;
        }

        /** Checks every setting. */
        public ClaimStoreSettings build() {
            return new ClaimStoreSettings(this);
        }
    }
}
