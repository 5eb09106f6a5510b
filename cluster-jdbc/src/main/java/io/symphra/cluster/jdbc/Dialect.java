package io.symphra.cluster.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL and MariaDB/MySQL write differently: the clock, time arithmetic, insert-or-nothing, a bounded
 * delete, the DDL and reading a timestamp. Everything else is the plain SQL of {@link FireSql}.
 */
abstract class Dialect {
    /** The database's current instant, as an SQL expression. */
    abstract String now();

    /** {@code timestamp} plus {@code micros} microseconds, both SQL expressions. */
    abstract String plusMicros(String timestamp, String micros);

    /** An insert of one row that does nothing, and counts 0, when the key already exists. */
    abstract String insertUnlessPresent(String table, String columns, String values);

    /** A delete of at most {@code ?} rows (the last parameter) that match {@code condition}. */
    abstract String boundedDelete(String table, String condition);

    /** The statements that create the table and its index on {@code lease_until} when missing. */
    abstract List<String> createTable(String table);

    /** Reads a timestamp column written with {@link #now()}. */
    abstract Instant instant(ResultSet rows, String column) throws SQLException;

    Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        rows.getObject(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(instant(rows, column));
    }

    static String indexName(String table) {
        return table + "_lease_idx";
    }

    /**
     * The dialect for a {@code DatabaseMetaData.getDatabaseProductName()}.
     *
     * @throws IllegalArgumentException naming the product when it is none of PostgreSQL, MariaDB, MySQL
     */
    static Dialect forProduct(String product) {
        switch (product == null ? "" : product) {
            case "PostgreSQL":
                return new PostgresDialect();
            case "MariaDB":
                // MariaDB's utf8mb4_bin pads with spaces ("a" = "a "); its nopad twin compares exactly.
                return new MySqlDialect("utf8mb4_nopad_bin");
            case "MySQL":
                return new MySqlDialect("utf8mb4_0900_bin");
            default:
                throw new IllegalArgumentException("database product '" + product
                        + "' is not supported: the JDBC claim store knows PostgreSQL, MariaDB and MySQL");
        }
    }
}
