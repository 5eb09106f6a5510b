package io.symphra.cluster.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims of fires in one table over a user-supplied {@link DataSource}, so that several instances run each fire once.
 * Every time in the table comes from the database's clock, never from a JVM's: instances whose clocks disagree still
 * agree on every lease.
 *
 * <p>Each operation is one short statement in autocommit, with the query timeout of the settings: no polling, no
 * transaction held open. A claim is an insert that the table's key turns into nothing when another instance claimed
 * the fire first. A holder renews its leases with a heartbeat; a fire whose lease ran out is {@link #expired found}
 * by the others and {@link #takeOver taken over} or {@link #abandon abandoned} by exactly one of them. Every
 * {@link SQLException} comes out as a {@link ClaimStoreException} naming the operation, the table and the product.
 *
 * <p>Thread-safe: it holds no state beyond its settings; connections come from the DataSource for each call. The
 * DataSource's own timeouts (pool wait, login, socket) bound what a statement's timeout cannot: getting a connection.
 */
public final class JdbcClaimStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcClaimStore.class);
    private static final String NOT_REACHED = "database not reached";
    /** Keeps one heartbeat statement's text and parameter count modest; more fires take several statements. */
    static final int RENEW_CHUNK = 500;

    private static final int OUTCOME_LENGTH = 32;
    /** Runs the driver's abort of a timed-out connection on the thread that notices it. */
    private static final Executor ABORT_INLINE = Runnable::run;
    /** How often a statement chosen as a deadlock victim is run in all. */
    private static final int DEADLOCK_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ClaimStoreSettings settings;
    private final Dialect dialect;
    private final String product;
    private final FireSql sql;
    private final int timeoutSeconds;
    private final int networkTimeoutMillis;

    private JdbcClaimStore(DataSource dataSource, ClaimStoreSettings settings, Dialect dialect, String product) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.dialect = dialect;
        this.product = product;
        this.sql = new FireSql(dialect, settings.table());
        this.timeoutSeconds = settings.queryTimeoutSeconds();
        // A second past the query timeout, so that a database that answers, even with a timeout, always gets to.
        this.networkTimeoutMillis = (timeoutSeconds + 1) * 1000;
    }

    /**
     * Connects once to learn the database product, then creates the table when the settings allow it and checks that
     * it is there with every column.
     *
     * @throws ClaimStoreException when the database cannot be reached, its product is not supported, or the table is
     *     missing (naming the table and the {@code create-table} option)
     */
    public static JdbcClaimStore start(DataSource dataSource, ClaimStoreSettings settings) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new ClaimStoreException("connect", settings.table(), NOT_REACHED, e);
        }
        Dialect dialect;
        try {
            dialect = Dialect.forProduct(product);
        } catch (IllegalArgumentException e) {
            throw new ClaimStoreException("start", settings.table(), product, e.getMessage(), e);
        }
        JdbcClaimStore store = new JdbcClaimStore(dataSource, settings, dialect, product);
        store.prepareTable();
        return store;
    }

    private void prepareTable() {
        if (settings.createTable()) {
            try {
                run("create-table", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.setQueryTimeout(timeoutSeconds);
                        for (String ddl : dialect.createTable(settings.table())) {
                            statement.execute(ddl);
                        }
                    }
                    return null;
                });
            } catch (ClaimStoreException e) {
                // Two instances creating the table at once: PostgreSQL may refuse the second CREATE ... IF NOT EXISTS.
                if (!tableUsable()) {
                    throw e;
                }
            }
            log.debug("Fire table {} ({}) ready, created if it was missing", settings.table(), product);
        }
        try {
            probe();
        } catch (ClaimStoreException e) {
            throw new ClaimStoreException(
                    "start",
                    settings.table(),
                    product,
                    "table " + settings.table() + " is missing or lacks a column, and create-table is off: create it"
                            + " with the DDL of docs/cluster.md or turn create-table on (" + e.getMessage() + ")",
                    e.getCause());
        }
    }

    private boolean tableUsable() {
        try {
            probe();
            return true;
        } catch (ClaimStoreException e) {
            return false;
        }
    }

    private void probe() {
        run("check-table", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.probe)) {
                statement.executeQuery().close();
            }
            return null;
        });
    }

    /**
     * Claims a fire for this instance: one insert, which does nothing when any instance already claimed it.
     *
     * @param lease how long the fire stays this instance's without a heartbeat; longer than the heartbeat
     * @return whether this instance owns the fire now, and how long the claim took
     */
    public ClaimResult claim(String task, long plannedEpochNanos, String instance, Duration lease) {
        FireKey.checkName("task", task);
        FireKey.checkName("instance", instance);
        long leaseMicros = micros(settings.checkLease(lease));
        long start = System.nanoTime();
        boolean owned = run("claim", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.claim)) {
                statement.setString(1, task);
                statement.setLong(2, plannedEpochNanos);
                statement.setString(3, instance);
                statement.setLong(4, leaseMicros);
                statement.setLong(5, leaseMicros);
                return statement.executeUpdate() == 1;
            }
        });
        return new ClaimResult(owned, System.nanoTime() - start);
    }

    /**
     * The heartbeat: renews, by the database's clock, the lease of each given fire that {@code instance} still holds
     * with a lease not yet run out, each by the lease it was claimed with. One statement for up to {@value
     * #RENEW_CHUNK} fires.
     *
     * @return how many leases were renewed; fewer than {@code fires.size()} means this instance lost the others
     *     (their lease ran out, or another instance took them over, or they finished)
     */
    public int renew(String instance, Collection<FireKey> fires) {
        FireKey.checkName("instance", instance);
        List<FireKey> all = List.copyOf(fires);
        int renewed = 0;
        for (int from = 0; from < all.size(); from += RENEW_CHUNK) {
            List<FireKey> chunk = all.subList(from, Math.min(all.size(), from + RENEW_CHUNK));
            renewed += run("renew", connection -> {
                try (PreparedStatement statement = prepare(connection, sql.renew(chunk.size()))) {
                    statement.setString(1, instance);
                    int index = 2;
                    for (FireKey fire : chunk) {
                        statement.setString(index++, fire.task());
                        statement.setLong(index++, fire.plannedEpochNanos());
                    }
                    return statement.executeUpdate();
                }
            });
        }
        return renewed;
    }

    /**
     * Records that {@code instance} finished the fire, with its outcome, and ends its lease.
     *
     * @param outcome a short word such as {@code success} or {@code failure}, at most 32 characters
     * @return false when the instance no longer held the fire (another instance took it over or abandoned it)
     */
    public boolean finish(FireKey fire, String instance, String outcome) {
        Objects.requireNonNull(fire, "fire");
        FireKey.checkName("instance", instance);
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.isBlank() || outcome.length() > OUTCOME_LENGTH) {
            throw new IllegalArgumentException(
                    "outcome must have 1 to " + OUTCOME_LENGTH + " characters, got '" + outcome + "'");
        }
        return run("finish", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.finish)) {
                statement.setString(1, outcome);
                statement.setString(2, fire.task());
                statement.setLong(3, fire.plannedEpochNanos());
                statement.setString(4, instance);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * Claimed fires whose lease ran out by the database's clock, oldest first: their instance died or stalled.
     *
     * @param limit the most fires to return
     */
    public List<ExpiredFire> expired(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return run("expired", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.expired)) {
                statement.setInt(1, limit);
                List<ExpiredFire> fires = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        fires.add(new ExpiredFire(
                                new FireKey(rows.getString("task_name"), rows.getLong("planned_nanos")),
                                rows.getString("instance_id"),
                                rows.getInt("attempt"),
                                dialect.instant(rows, "lease_until")));
                    }
                }
                return fires;
            }
        });
    }

    /**
     * Takes an expired fire over for {@code instance}, to run it again, with a fresh lease of the same length. Of all
     * the instances that try with the same {@link ExpiredFire}, exactly one gets true.
     */
    public boolean takeOver(ExpiredFire fire, String instance) {
        Objects.requireNonNull(fire, "fire");
        FireKey.checkName("instance", instance);
        return run("take-over", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.takeOver)) {
                statement.setString(1, instance);
                statement.setString(2, fire.key().task());
                statement.setLong(3, fire.key().plannedEpochNanos());
                statement.setInt(4, fire.attempt());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * Marks an expired fire abandoned, for a fire that is not to run again. Of all the instances that try with the
     * same {@link ExpiredFire}, exactly one gets true: that one reports it.
     */
    public boolean abandon(ExpiredFire fire) {
        Objects.requireNonNull(fire, "fire");
        return run("abandon", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.abandon)) {
                statement.setString(1, fire.key().task());
                statement.setLong(2, fire.key().plannedEpochNanos());
                statement.setInt(3, fire.attempt());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes rows whose lease ended more than {@code retention} ago by the database's clock: finished, abandoned,
     * and claims whose instance died long ago. At most {@link ClaimStoreSettings#deleteBatch()} rows per call, so
     * that a large backlog never holds long locks; call again while it returns the full batch.
     *
     * @return how many rows were deleted
     */
    public int deleteOlderThan(Duration retention) {
        long retentionMicros = micros(ClaimStoreSettings.positive("retention", retention));
        return run("delete-older-than", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.deleteOlderThan)) {
                statement.setLong(1, -retentionMicros);
                statement.setInt(2, settings.deleteBatch());
                return statement.executeUpdate();
            }
        });
    }

    /** The fire's row, if the table has it. */
    public Optional<FireRecord> find(FireKey fire) {
        Objects.requireNonNull(fire, "fire");
        return run("find", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.find)) {
                statement.setString(1, fire.task());
                statement.setLong(2, fire.plannedEpochNanos());
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new FireRecord(
                            fire,
                            rows.getString("instance_id"),
                            FireState.ofColumn(rows.getString("state")),
                            Optional.ofNullable(rows.getString("outcome")),
                            dialect.instant(rows, "claimed_at"),
                            dialect.instant(rows, "lease_until"),
                            rows.getInt("attempt"),
                            dialect.optionalInstant(rows, "finished_at")));
                }
            }
        });
    }

    /** The database's clock now, the one every lease is measured with. */
    public Instant databaseNow() {
        return run("now", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.now);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return dialect.instant(rows, "db_now");
            }
        });
    }

    /** The database product, as its driver names it. */
    public String product() {
        return product;
    }

    /** The settings this store was started with. */
    public ClaimStoreSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "JdbcClaimStore[" + product + ", " + settings + "]";
    }

    private PreparedStatement prepare(Connection connection, String statementSql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(statementSql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    private <T> T run(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException e) {
                // Each statement runs alone in autocommit: a deadlock victim was rolled back whole, so running it
                // again is safe. InnoDB picks them among concurrent claims (a duplicate insert locks the row shared)
                // and finishes or heartbeats of the same rows.
                if (attempt < DEADLOCK_ATTEMPTS && isDeadlock(e)) {
                    log.debug(
                            "{} on table {} was chosen as a deadlock victim; running it again",
                            operation,
                            settings.table());
                    continue;
                }
                throw new ClaimStoreException(operation, settings.table(), product, e);
            }
        }
    }

    /** Whether {@code e} (or one it chains) says the statement lost a deadlock or a serialization conflict. */
    static boolean isDeadlock(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private <T> T runOnce(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // now() is the transaction's start in PostgreSQL: autocommit keeps it the statement's, and no lock waits.
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            int previous = boundReplies(connection);
            try {
                return work.apply(connection);
            } finally {
                restoreReplies(connection, previous);
            }
        }
    }

    /**
     * A query timeout needs a database that answers: the driver asks the server to cancel. A server that froze (a
     * stopped VM, a full disk, a dead network path) answers nothing, so the socket's wait is bounded too, for the
     * time of this call only.
     *
     * @return the connection's own network timeout, to restore after; -1 when the driver has none
     */
    private int boundReplies(Connection connection) throws SQLException {
        try {
            int previous = connection.getNetworkTimeout();
            connection.setNetworkTimeout(ABORT_INLINE, networkTimeoutMillis);
            return previous;
        } catch (SQLFeatureNotSupportedException e) {
            return -1;
        }
    }

    private void restoreReplies(Connection connection, int previous) {
        if (previous < 0) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(ABORT_INLINE, previous);
            }
        } catch (SQLException e) {
            // The connection broke (the network timeout closes it): the pool discards it, nothing to restore.
            log.debug("Could not restore the network timeout of a connection to {}", product, e);
        }
    }

    private static long micros(Duration duration) {
        return Math.max(1, duration.dividedBy(ChronoUnit.MICROS.getDuration()));
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }
}
