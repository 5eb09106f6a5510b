package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases by the database's clock: renewed by the heartbeat, found by others when they run out, taken once. */
@ExtendWith(Servers.class)
class LeaseIT {
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Db.class)
    void aClaimsLeaseIsMeasuredByTheDatabaseClock(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            assertThat(store.product()).isEqualTo(db.product);
            Instant before = store.databaseNow();
            assertThat(store.claim("clock", 7L, "a", Duration.ofMillis(4_321)).owned())
                    .isTrue();
            Instant after = store.databaseNow();

            FireRecord row = store.find(new FireKey("clock", 7L)).orElseThrow();
            assertThat(row.claimedAt()).isBetween(before, after);
            assertThat(Duration.between(row.claimedAt(), row.leaseUntil())).isEqualTo(Duration.ofMillis(4_321));
            assertThat(row.state()).isEqualTo(FireState.CLAIMED);
            assertThat(row.outcome()).isEmpty();
            assertThat(row.finishedAt()).isEmpty();
        }
    }

    /** Sessions in other time zones (a connection init, a server default) see the same instants. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void instancesWhoseSessionsHaveOtherTimeZonesAgreeOnEveryLease(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().build();
            JdbcClaimStore east = fixture.instance(settings, fixture.server.setTimeZone("+09:30"));
            JdbcClaimStore west = fixture.instance(settings, fixture.server.setTimeZone("-07:00"));
            JdbcClaimStore plain = fixture.instance(settings);
            Instant before = plain.databaseNow();
            assertThat(east.databaseNow()).isBetween(before, before.plusSeconds(5));
            assertThat(west.databaseNow()).isBetween(before, before.plusSeconds(5));

            east.claim("zones", 1L, "east", SHORT);
            FireRecord seenWest = west.find(new FireKey("zones", 1L)).orElseThrow();
            assertThat(seenWest.claimedAt()).isBetween(before, plain.databaseNow());
            assertThat(plain.find(new FireKey("zones", 1L)).orElseThrow()).isEqualTo(seenWest);
            // Not expired early for the instance behind, nor late for the one ahead.
            assertThat(west.expired(10)).isEmpty();
            ExpiredFire expired = firstExpired(west);
            assertThat(expired.leaseUntil()).isEqualTo(seenWest.leaseUntil());
            assertThat(Duration.between(seenWest.leaseUntil(), west.databaseNow()))
                    .isBetween(Duration.ZERO, Duration.ofSeconds(3));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void renewExtendsTheLeasesAnInstanceHoldsInOneStatement(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            FireKey first = new FireKey("beat-1", 1L);
            FireKey second = new FireKey("beat-2", 1L);
            FireKey others = new FireKey("beat-3", 1L);
            store.claim(first.task(), 1L, "a", Duration.ofSeconds(3));
            store.claim(second.task(), 1L, "a", LONG);
            store.claim(others.task(), 1L, "b", LONG);
            FireRecord before = store.find(first).orElseThrow();
            Instant othersLease = store.find(others).orElseThrow().leaseUntil();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.databaseNow().isAfter(before.claimedAt().plusMillis(300)));

            Instant beat = store.databaseNow();
            assertThat(store.renew("a", List.of(first, second, others))).isEqualTo(2);

            FireRecord after = store.find(first).orElseThrow();
            assertThat(after.leaseUntil()).isAfter(before.leaseUntil());
            // Each by the lease it was claimed with, from the database's now, the same now for both: one statement.
            assertThat(after.leaseUntil()).isAfterOrEqualTo(beat.plusSeconds(3));
            assertThat(Duration.between(
                            after.leaseUntil(), store.find(second).orElseThrow().leaseUntil()))
                    .isEqualTo(LONG.minusSeconds(3));
            assertThat(store.find(others).orElseThrow().leaseUntil()).isEqualTo(othersLease);
            assertThat(store.renew("a", List.of())).isZero();

            store.finish(first, "a", "success");
            assertThat(store.renew("a", List.of(first, second))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void renewingManyFiresSpansSeveralStatementsAndRenewsAll(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            List<FireKey> held = new ArrayList<>();
            for (int i = 0; i < JdbcClaimStore.RENEW_CHUNK + 20; i++) {
                held.add(new FireKey("many", i));
                store.claim("many", i, "a", LONG);
            }
            assertThat(store.renew("a", held)).isEqualTo(held.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anExpiredLeaseIsFoundByAnotherInstanceAndTakenOverExactlyOnce(Db db) throws Exception {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().build();
            JdbcClaimStore dying = fixture.instance(settings);
            List<JdbcClaimStore> survivors = fixture.instances(4, settings);
            FireKey fire = new FireKey("recover", 99L);
            assertThat(dying.claim(fire.task(), 99L, "dying", SHORT).owned()).isTrue();
            dying.claim("kept", 99L, "dying", LONG);
            assertThat(survivors.get(0).expired(10)).isEmpty();

            ExpiredFire expired = firstExpired(survivors.get(1));
            assertThat(expired.key()).isEqualTo(fire);
            assertThat(expired.instance()).isEqualTo("dying");
            assertThat(expired.attempt()).isEqualTo(1);
            assertThat(expired.leaseUntil()).isBefore(survivors.get(1).databaseNow());

            List<String> winners = race(survivors, (store, name) -> store.takeOver(expired, name));
            assertThat(winners).hasSize(1);
            FireRecord row = survivors.get(0).find(fire).orElseThrow();
            assertThat(row.instance()).isEqualTo(winners.get(0));
            assertThat(row.attempt()).isEqualTo(2);
            assertThat(row.state()).isEqualTo(FireState.CLAIMED);
            assertThat(row.leaseUntil()).isAfter(survivors.get(0).databaseNow());
            assertThat(survivors.get(0).expired(10)).isEmpty();
            // The same expired sighting wins nothing a second time, and the dead holder lost the fire.
            assertThat(survivors.get(2).takeOver(expired, "late")).isFalse();
            assertThat(survivors.get(2).abandon(expired)).isFalse();
            assertThat(dying.renew("dying", List.of(fire))).isZero();
            assertThat(dying.finish(fire, "dying", "success")).isFalse();
            assertThat(survivors.get(0).finish(fire, winners.get(0), "success")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anExpiredFireIsAbandonedExactlyOnce(Db db) throws Exception {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().build();
            JdbcClaimStore dying = fixture.instance(settings);
            List<JdbcClaimStore> survivors = fixture.instances(4, settings);
            FireKey fire = new FireKey("lost", 5L);
            dying.claim(fire.task(), 5L, "dying", SHORT);
            ExpiredFire expired = firstExpired(survivors.get(0));

            List<String> reporters = race(survivors, (store, name) -> store.abandon(expired));
            assertThat(reporters).hasSize(1);
            FireRecord row = survivors.get(0).find(fire).orElseThrow();
            assertThat(row.state()).isEqualTo(FireState.ABANDONED);
            assertThat(row.outcome()).contains("abandoned");
            assertThat(row.instance()).isEqualTo("dying");
            assertThat(row.finishedAt()).isPresent();
            assertThat(survivors.get(0).expired(10)).isEmpty();
            assertThat(survivors.get(1).takeOver(expired, "late")).isFalse();
            assertThat(dying.finish(fire, "dying", "success")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void finishRecordsTheOutcomeOnceForItsHolder(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            FireKey fire = new FireKey("done", 3L);
            store.claim(fire.task(), 3L, "a", LONG);
            assertThat(store.finish(fire, "b", "success")).isFalse();
            assertThat(store.finish(fire, "a", "failure")).isTrue();
            assertThat(store.finish(fire, "a", "success")).isFalse();

            FireRecord row = store.find(fire).orElseThrow();
            assertThat(row.state()).isEqualTo(FireState.DONE);
            assertThat(row.outcome()).contains("failure");
            assertThat(row.finishedAt()).contains(row.leaseUntil());
            assertThat(row.leaseUntil()).isBefore(row.claimedAt().plus(LONG));
            assertThat(store.expired(10)).isEmpty();
            assertThat(store.claim(fire.task(), 3L, "b", LONG).owned()).isFalse();
        }
    }

    /** Waits, by polling the database, until a lease runs out; well within the one-second lease plus slack. */
    private static ExpiredFire firstExpired(JdbcClaimStore survivor) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> survivor.expired(10), list -> !list.isEmpty())
                .get(0);
    }

    /** Every store tries at the same moment on its own thread; the names of those that got true. */
    private static List<String> race(List<JdbcClaimStore> stores, BiPredicate<JdbcClaimStore, String> attempt)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(stores.size());
        ExecutorService threads = Executors.newFixedThreadPool(stores.size());
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < stores.size(); i++) {
                JdbcClaimStore store = stores.get(i);
                String name = "survivor-" + i;
                results.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return attempt.test(store, name) ? name : null;
                }));
            }
            List<String> winners = new ArrayList<>();
            for (Future<String> result : results) {
                String name = result.get(30, TimeUnit.SECONDS);
                if (name != null) {
                    winners.add(name);
                }
            }
            return winners;
        } finally {
            threads.shutdownNow();
        }
    }
}
