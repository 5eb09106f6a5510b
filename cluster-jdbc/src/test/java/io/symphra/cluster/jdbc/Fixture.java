package io.symphra.cluster.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one integration test holds on one database: a table of its own, and the pools of the instances it plays,
 * each a separate HikariCP pool as separate processes would have. Closing it closes the pools.
 */
final class Fixture implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();

    final Db db;
    final DatabaseServer server;
    final String table;
    private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();
    private final AtomicInteger poolNames = new AtomicInteger();

    Fixture(Db db) {
        this(db, Servers.get(db));
    }

    /** On a server of the test's own, such as one it stops. */
    Fixture(Db db, DatabaseServer server) {
        this.db = db;
        this.server = server;
        this.table = "fires_" + TABLES.incrementAndGet();
    }

    /** Settings for this test's table, created at start, with a heartbeat short enough for one-second leases. */
    ClaimStoreSettings.Builder settings() {
        return ClaimStoreSettings.builder()
                .table(table)
                .createTable(true)
                .queryTimeout(Duration.ofSeconds(2))
                .heartbeat(Duration.ofMillis(200))
                .lease(Duration.ofSeconds(30));
    }

    /** A store of one more instance, on its own pool. */
    JdbcClaimStore instance(ClaimStoreSettings settings) {
        return instance(settings, null);
    }

    /** A store of one more instance, on its own pool whose sessions all run {@code initSql} first. */
    JdbcClaimStore instance(ClaimStoreSettings settings, String initSql) {
        return JdbcClaimStore.start(pool(initSql), settings);
    }

    /** One more instance's own pool, closed with the fixture. */
    HikariDataSource pool(String initSql) {
        HikariDataSource pool = server.pool(table + "-" + poolNames.incrementAndGet(), 4, initSql);
        pools.add(pool);
        return pool;
    }

    /** {@code count} instances, each on its own pool. */
    List<JdbcClaimStore> instances(int count, ClaimStoreSettings settings) {
        List<JdbcClaimStore> stores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stores.add(instance(settings));
        }
        return stores;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
