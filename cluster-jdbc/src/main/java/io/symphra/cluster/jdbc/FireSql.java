package io.symphra.cluster.jdbc;

/**
 * Every statement of the store, written once per table and dialect. Plain SQL where PostgreSQL and MariaDB agree;
 * the clock, time arithmetic, insert-or-nothing and the bounded delete come from the {@link Dialect}.
 */
final class FireSql {
    static final String COLUMNS = "task_name, planned_nanos, instance_id, state, outcome, attempt, lease_micros, "
            + "claimed_at, lease_until, finished_at";
    private static final String KEY = "task_name = ? AND planned_nanos = ?";
    private static final String CLAIMED = "state = 'claimed'";

    final String claim;
    final String finish;
    final String expired;
    final String takeOver;
    final String abandon;
    final String deleteOlderThan;
    final String find;
    final String probe;
    final String now;
    private final String renewPrefix;

    FireSql(Dialect dialect, String table) {
        String now = dialect.now();
        String renewedLease = dialect.plusMicros(now, "lease_micros");
        String expiredNow = CLAIMED + " AND lease_until < " + now;
        this.claim = dialect.insertUnlessPresent(
                table,
                "task_name, planned_nanos, instance_id, state, attempt, lease_micros, claimed_at, lease_until",
                "?, ?, ?, 'claimed', 1, ?, " + now + ", " + dialect.plusMicros(now, "?"));
        this.renewPrefix = "UPDATE " + table + " SET lease_until = " + renewedLease + " WHERE instance_id = ? AND "
                + CLAIMED + " AND lease_until > " + now + " AND (task_name, planned_nanos) IN (";
        this.finish = "UPDATE " + table + " SET state = 'done', outcome = ?, finished_at = " + now + ", lease_until = "
                + now + " WHERE " + KEY + " AND instance_id = ? AND " + CLAIMED;
        this.expired = "SELECT task_name, planned_nanos, instance_id, attempt, lease_until FROM " + table + " WHERE "
                + expiredNow + " ORDER BY lease_until LIMIT ?";
        // The attempt is the row's version: of several instances that saw the same expired row, one moves it on.
        this.takeOver = "UPDATE " + table + " SET instance_id = ?, claimed_at = " + now + ", lease_until = "
                + renewedLease + ", attempt = attempt + 1 WHERE " + KEY + " AND attempt = ? AND " + expiredNow;
        this.abandon = "UPDATE " + table + " SET state = 'abandoned', outcome = 'abandoned', finished_at = " + now
                + " WHERE " + KEY + " AND attempt = ? AND " + expiredNow;
        this.deleteOlderThan = dialect.boundedDelete(table, "lease_until < " + dialect.plusMicros(now, "?"));
        this.find = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + KEY;
        this.probe = "SELECT " + COLUMNS + " FROM " + table + " WHERE 1 = 0";
        this.now = "SELECT " + now + " AS db_now";
    }

    /** The heartbeat of {@code fires} fires of one instance: one statement, whatever their tasks. */
    String renew(int fires) {
        StringBuilder sql = new StringBuilder(renewPrefix.length() + fires * 8).append(renewPrefix);
        for (int i = 0; i < fires; i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sql.append(')').toString();
    }
}
