/**
 * Cluster mode over a database: {@link io.symphra.cluster.jdbc.JdbcFireCoordinator}, the scheduler's coordinator,
 * over {@link io.symphra.cluster.jdbc.JdbcClaimStore}, one table keyed by task name and planned fire time through
 * which several scheduler instances agree that each fire runs once. Plain JDBC over a user-supplied {@link
 * javax.sql.DataSource}, for PostgreSQL and MariaDB/MySQL; every time in the table comes from the database's clock.
 */
package io.symphra.cluster.jdbc;
