package io.symphra.cluster.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * MariaDB and MySQL: {@code DATETIME(6)} columns in UTC from {@code UTC_TIMESTAMP(6)}, so that no session time zone
 * moves a lease; names in a binary collation without padding, so that "Task", "task" and "task " are three tasks.
 */
final class MySqlDialect extends Dialect {
    private final String collation;

    MySqlDialect(String collation) {
        this.collation = collation;
    }

    @Override
    String now() {
        return "UTC_TIMESTAMP(6)";
    }

    @Override
    String plusMicros(String timestamp, String micros) {
        return "TIMESTAMPADD(MICROSECOND, " + micros + ", " + timestamp + ")";
    }

    /**
     * INSERT IGNORE also turns a too-long value into a truncated row with a warning; {@link JdbcClaimStore} checks
     * every length before it gets here.
     */
    @Override
    String insertUnlessPresent(String table, String columns, String values) {
        return "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    }

    @Override
    String boundedDelete(String table, String condition) {
        return "DELETE FROM " + table + " WHERE " + condition + " LIMIT ?";
    }

    @Override
    List<String> createTable(String table) {
        String name = "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE " + collation + " NOT NULL";
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " ("
                + "task_name " + name + ", "
                + "planned_nanos BIGINT NOT NULL, "
                + "instance_id " + name + ", "
                + "state VARCHAR(16) NOT NULL, "
                + "outcome VARCHAR(32) NULL, "
                + "attempt INT NOT NULL, "
                + "lease_micros BIGINT NOT NULL, "
                + "claimed_at DATETIME(6) NOT NULL, "
                + "lease_until DATETIME(6) NOT NULL, "
                + "finished_at DATETIME(6) NULL, "
                + "PRIMARY KEY (task_name, planned_nanos), "
                + "INDEX " + indexName(table) + " (lease_until)) ENGINE=InnoDB");
    }

    @Override
    Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
