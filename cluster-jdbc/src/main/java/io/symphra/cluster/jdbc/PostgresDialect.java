package io.symphra.cluster.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** PostgreSQL: {@code timestamptz} columns, {@code now()} (the statement's time in autocommit), no DELETE LIMIT. */
final class PostgresDialect extends Dialect {
    @Override
    String now() {
        return "now()";
    }

    @Override
    String plusMicros(String timestamp, String micros) {
        return "(" + timestamp + " + " + micros + " * INTERVAL '1 microsecond')";
    }

    @Override
    String insertUnlessPresent(String table, String columns, String values) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
    }

    @Override
    String boundedDelete(String table, String condition) {
        return "DELETE FROM " + table + " WHERE (task_name, planned_nanos) IN (SELECT task_name, planned_nanos FROM "
                + table + " WHERE " + condition + " LIMIT ?)";
    }

    @Override
    List<String> createTable(String table) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "task_name VARCHAR(255) NOT NULL, "
                        + "planned_nanos BIGINT NOT NULL, "
                        + "instance_id VARCHAR(255) NOT NULL, "
                        + "state VARCHAR(16) NOT NULL, "
                        + "outcome VARCHAR(32), "
                        + "attempt INTEGER NOT NULL, "
                        + "lease_micros BIGINT NOT NULL, "
                        + "claimed_at TIMESTAMPTZ NOT NULL, "
                        + "lease_until TIMESTAMPTZ NOT NULL, "
                        + "finished_at TIMESTAMPTZ, "
                        + "PRIMARY KEY (task_name, planned_nanos))",
                "CREATE INDEX IF NOT EXISTS " + indexName(table) + " ON " + table + " (lease_until)");
    }

    @Override
    Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
