/**
 * The fire claim store of cluster mode: one table, keyed by task name and planned fire time, through which several
 * scheduler instances agree that each fire runs once. Plain JDBC over a user-supplied {@link javax.sql.DataSource},
 * for PostgreSQL and MariaDB/MySQL; every time in the table comes from the database's clock.
 *
 * <p>The scheduler does not use this package yet: the core's coordination SPI will call {@link
 * io.symphra.cluster.jdbc.JdbcClaimStore}.
 */
package io.symphra.cluster.jdbc;
