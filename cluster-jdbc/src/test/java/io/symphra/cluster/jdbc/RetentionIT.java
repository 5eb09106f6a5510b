package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention deletes rows whose lease ended long enough ago, a bounded batch per call, and nothing else. */
@ExtendWith(Servers.class)
class RetentionIT {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Db.class)
    void deletesOnlyOldRowsAndAtMostABatchPerCall(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store =
                    fixture.instance(fixture.settings().deleteBatch(3).build());
            for (int i = 0; i < 8; i++) {
                store.claim("old", i, "a", LEASE);
                store.finish(new FireKey("old", i), "a", i % 2 == 0 ? "success" : "failure");
            }
            Instant lastOld = store.find(new FireKey("old", 7)).orElseThrow().leaseUntil();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            store.databaseNow().isAfter(lastOld.plus(RETENTION).plusMillis(200)));
            store.claim("fresh", 1, "a", LEASE);
            store.finish(new FireKey("fresh", 1), "a", "success");
            store.claim("running", 1, "a", LEASE);

            assertThat(store.deleteOlderThan(Duration.ofDays(1))).isZero();
            assertThat(store.deleteOlderThan(RETENTION)).isEqualTo(3);
            assertThat(store.deleteOlderThan(RETENTION)).isEqualTo(3);
            assertThat(store.deleteOlderThan(RETENTION)).isEqualTo(2);
            assertThat(store.deleteOlderThan(RETENTION)).isZero();

            for (int i = 0; i < 8; i++) {
                assertThat(store.find(new FireKey("old", i))).isEmpty();
            }
            assertThat(store.find(new FireKey("fresh", 1))).isPresent();
            assertThat(store.find(new FireKey("running", 1)))
                    .hasValueSatisfying(row -> assertThat(row.state()).isEqualTo(FireState.CLAIMED));
        }
    }
}
