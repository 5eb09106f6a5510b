package io.symphra.cluster.jdbc;

import java.util.function.Supplier;

/** The two databases every integration test runs against. */
enum Db {
    POSTGRES("PostgreSQL", PostgresServer::new),
    MARIADB("MariaDB", MariaDbServer::new);

    final String product;
    private final Supplier<DatabaseServer> server;

    Db(String product, Supplier<DatabaseServer> server) {
        this.product = product;
        this.server = server;
    }

    /** A new, not yet started server of this database, for a test that stops it; the caller closes it. */
    DatabaseServer newServer() {
        return server.get();
    }
}
