package io.symphra.cluster.jdbc;

/**
 * A PostgreSQL server of the caller's own for other modules' tests (this module's test-jar): started by
 * {@link #start()} on a free loopback port with a data directory in a temporary folder, stopped and deleted by
 * {@link #close()}. The same server this module's integration tests run against ({@code PostgresServer}).
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final PostgresServer server;

    private ThrowawayPostgres(PostgresServer server) {
        this.server = server;
    }

    /** Starts a new server and waits until it takes connections. */
    public static ThrowawayPostgres start() {
        PostgresServer server = new PostgresServer();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new ThrowawayPostgres(server);
    }

    /** The JDBC URL of its database, without credentials. */
    public String jdbcUrl() {
        return server.url();
    }

    /** The user that owns the database. */
    public String user() {
        return DatabaseServer.USER;
    }

    /** That user's password. */
    public String password() {
        return DatabaseServer.PASSWORD;
    }

    @Override
    public void close() {
        server.close();
    }
}
