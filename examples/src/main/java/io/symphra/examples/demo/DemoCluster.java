package io.symphra.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.symphra.cluster.jdbc.ClaimStoreSettings;
import io.symphra.cluster.jdbc.JdbcClaimStore;
import io.symphra.cluster.jdbc.JdbcFireCoordinator;
import io.symphra.scheduler.Scheduler;
import java.time.Clock;

/**
 * The demo as one replica of a cluster: a HikariCP pool on the shared database (as a service would have), the
 * claim store creating its table on first start, and the coordinator given to the scheduler. Closing it closes the
 * pool, after the scheduler (which closes the coordinator) has stopped.
 */
final class DemoCluster implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcFireCoordinator coordinator;

    DemoCluster(ClusterOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.url());
        if (options.user() != null) {
            config.setUsername(options.user());
        }
        if (options.password() != null) {
            config.setPassword(options.password());
        }
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        config.setPoolName("symphra-demo-cluster");
        this.pool = new HikariDataSource(config);
        try {
            JdbcClaimStore store = JdbcClaimStore.start(
                    pool, ClaimStoreSettings.builder().createTable(true).build());
            this.coordinator = JdbcFireCoordinator.of(store);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Puts the scheduler in cluster mode as this replica. */
    Scheduler.Builder configure(Scheduler.Builder builder, ClusterOptions options) {
        builder.coordinator(coordinator);
        if (options.instance() != null) {
            builder.instance(options.instance());
        }
        if (!options.clockOffset().isZero()) {
            builder.clock(Clock.offset(Clock.systemUTC(), options.clockOffset()));
        }
        return builder;
    }

    @Override
    public void close() {
        pool.close();
    }
}
