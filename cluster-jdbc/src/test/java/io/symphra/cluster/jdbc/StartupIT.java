package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** At start: the table created or found, and every way of not reaching the database a clear error. */
@ExtendWith(Servers.class)
class StartupIT {
    private static final String WRONG_PASSWORD = "not-the-Password-4711";

    @ParameterizedTest
    @EnumSource(Db.class)
    void createTableOnCreatesTheTableAndStartsAgainOnIt(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().createTable(true).build();
            JdbcClaimStore first = fixture.instance(settings);
            assertThat(first.claim("t", 1L, "a", Duration.ofSeconds(30)).owned())
                    .isTrue();
            JdbcClaimStore again = fixture.instance(settings);
            JdbcClaimStore managed =
                    fixture.instance(fixture.settings().createTable(false).build());
            assertThat(again.claim("t", 1L, "b", Duration.ofSeconds(30)).owned())
                    .isFalse();
            assertThat(managed.find(new FireKey("t", 1L))).isPresent();
        }
    }

    /** Instances of a service start together: all of them creating the same new table at once still start. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void instancesCreatingTheTableAtOnceAllStart(Db db) throws Exception {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().createTable(true).build();
            int instances = 6;
            CyclicBarrier together = new CyclicBarrier(instances);
            ExecutorService threads = Executors.newFixedThreadPool(instances);
            try {
                List<Future<JdbcClaimStore>> started = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    started.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return fixture.instance(settings);
                    }));
                }
                int owners = 0;
                for (Future<JdbcClaimStore> store : started) {
                    owners += store.get(60, TimeUnit.SECONDS)
                                    .claim("t", 1L, "i", Duration.ofSeconds(30))
                                    .owned()
                            ? 1
                            : 0;
                }
                assertThat(owners).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createTableOffWithoutTheTableFailsNamingTheTableAndTheOption(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().createTable(false).build();
            assertThatThrownBy(() -> fixture.instance(settings))
                    .isInstanceOf(ClaimStoreException.class)
                    .hasMessageContaining("table " + fixture.table)
                    .hasMessageContaining("create-table")
                    .hasMessageContaining(db.product)
                    .hasMessageContaining("docs/cluster.md");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void wrongCredentialsFailAtStartWithoutShowingThePassword(Db db) {
        DatabaseServer server = Servers.get(db);
        DataSource wrong = dataSource(db, server.url(), WRONG_PASSWORD);
        assertThatThrownBy(() -> JdbcClaimStore.start(wrong, ClaimStoreSettings.defaults()))
                .isInstanceOf(ClaimStoreException.class)
                .hasMessageContaining("connect on table symphra_fires (database not reached)")
                .hasMessageContaining(DatabaseServer.USER)
                .satisfies(e -> assertThat(((ClaimStoreException) e).sqlState()).startsWith("28"))
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(WRONG_PASSWORD);
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anUnreachableUrlFailsAtStartQuickly(Db db) throws IOException {
        String url =
                Servers.get(db).url().replace(":" + Servers.get(db).port + "/", ":" + DatabaseServer.freePort() + "/");
        DataSource nowhere = dataSource(db, url, DatabaseServer.PASSWORD);
        long start = System.nanoTime();
        assertThatThrownBy(() -> JdbcClaimStore.start(nowhere, ClaimStoreSettings.defaults()))
                .isInstanceOf(ClaimStoreException.class)
                .hasMessageContaining("connect on table symphra_fires (database not reached) failed")
                .satisfies(e -> assertThat(((ClaimStoreException) e).sqlState()).startsWith("08"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** The driver's own DataSource, as a user without a pool has it. */
    static DataSource dataSource(Db db, String url, String password) {
        try {
            switch (db) {
                case POSTGRES:
                    PGSimpleDataSource postgres = new PGSimpleDataSource();
                    postgres.setURL(url);
                    postgres.setUser(DatabaseServer.USER);
                    postgres.setPassword(password);
                    return postgres;
                case MARIADB:
                    MariaDbDataSource mariadb = new MariaDbDataSource(url);
                    mariadb.setUser(DatabaseServer.USER);
                    mariadb.setPassword(password);
                    return mariadb;
                default:
                    throw new IllegalArgumentException(db.name());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
