package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A slow or stopped database delays only the caller, for a bounded time, and the store works again after. */
@ExtendWith(Servers.class)
class OutageIT {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final ClaimStoreSettings ONE_SECOND = ClaimStoreSettings.builder()
            .createTable(true)
            .queryTimeout(Duration.ofSeconds(1))
            .build();

    /** A claim blocked by another transaction's uncommitted row gives up at the query timeout. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aBlockedStatementFailsAtTheQueryTimeout(Db db) throws Exception {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(
                    fixture.settings().queryTimeout(Duration.ofSeconds(1)).build());
            DatabaseServer server = fixture.server;
            try (Connection blocker =
                    DriverManager.getConnection(server.url(), DatabaseServer.USER, DatabaseServer.PASSWORD)) {
                blocker.setAutoCommit(false);
                try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO " + fixture.table
                        + " (task_name, planned_nanos, instance_id, state, attempt, lease_micros, claimed_at,"
                        + " lease_until) VALUES ('blocked', 1, 'other', 'claimed', 1, 1, "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                    insert.executeUpdate();
                }
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.claim("blocked", 1L, "a", LEASE))
                        .isInstanceOf(ClaimStoreException.class)
                        .hasMessageStartingWith("claim on table " + fixture.table + " (" + db.product + ") failed");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
                blocker.rollback();
            }
            assertThat(store.claim("blocked", 1L, "a", LEASE).owned()).isTrue();
        }
    }

    /** The server goes away under a running store: each call fails within the pool's and the statement's bounds. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aStoppedDatabaseFailsEachCallQuicklyAndClaimingResumesAfterIt(Db db) {
        try (DatabaseServer server = db.newServer()) {
            server.start();
            try (HikariDataSource pool = server.pool("outage", 2)) {
                DataSource plain = StartupIT.dataSource(db, server.url(), DatabaseServer.PASSWORD);
                List<JdbcClaimStore> stores =
                        List.of(JdbcClaimStore.start(pool, ONE_SECOND), JdbcClaimStore.start(plain, ONE_SECOND));
                for (JdbcClaimStore store : stores) {
                    assertThat(store.claim("before", stores.indexOf(store), "a", LEASE)
                                    .owned())
                            .isTrue();
                }
                server.stop();
                for (JdbcClaimStore store : stores) {
                    assertEachClaimFailsWithin(store, db, Duration.ofSeconds(4));
                }
                server.start();
                for (JdbcClaimStore store : stores) {
                    awaitClaimingResumes(store, stores.indexOf(store));
                }
            }
        }
    }

    /**
     * The server freezes (SIGSTOP: sockets open, no answer, as a stalled VM or a dead network path): the query
     * timeout alone cannot help, since the driver's cancel gets no answer either; the call still ends within the
     * store's network bound, and the pool's connection timeout bounds the next one.
     */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aFrozenDatabaseFailsEachCallWithinItsBound(Db db) throws Exception {
        try (DatabaseServer server = db.newServer()) {
            server.start();
            try (HikariDataSource pool = server.pool("frozen", 1)) {
                JdbcClaimStore store = JdbcClaimStore.start(pool, ONE_SECOND);
                assertThat(store.claim("before", 1L, "a", LEASE).owned()).isTrue();
                server.freeze();
                try {
                    assertEachClaimFailsWithin(store, db, Duration.ofSeconds(5));
                } finally {
                    server.thaw();
                }
                awaitClaimingResumes(store, 1L);
            }
        }
    }

    private static void assertEachClaimFailsWithin(JdbcClaimStore store, Db db, Duration bound) {
        for (int call = 0; call < 3; call++) {
            long start = System.nanoTime();
            int planned = call;
            assertThatThrownBy(() -> store.claim("during", planned, "a", LEASE))
                    .isInstanceOf(ClaimStoreException.class)
                    .hasMessageStartingWith("claim on table symphra_fires (" + db.product + ") failed");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("call %d of %s", call, store)
                    .isLessThan(bound);
        }
    }

    private static void awaitClaimingResumes(JdbcClaimStore store, long planned) {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> store.claim("after", planned, "a", LEASE).owned());
    }
}
