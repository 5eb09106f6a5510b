package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.cluster.CoordinationContext;
import io.symphra.scheduler.cluster.FireClaim;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The coordinator alone, against the SPI as the scheduler uses it: settings, claims, heartbeats, take-overs. */
@ExtendWith(Servers.class)
class JdbcFireCoordinatorIT {
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration BEAT = Duration.ofMillis(200);

    /** A scheduler's side of the SPI that records the abandoned fires it is handed. */
    static final class Context implements CoordinationContext {
        final String instance;
        final List<String> abandoned = new CopyOnWriteArrayList<>();
        final List<FireClaim> claims = new CopyOnWriteArrayList<>();
        /** Whether this instance says it cannot take a fire over now (its task's slots are all busy). */
        volatile boolean busy;

        Context(String instance) {
            this.instance = instance;
        }

        @Override
        public String instance() {
            return instance;
        }

        @Override
        public void abandoned(String taskName, long plannedEpochNanos, String formerOwner, FireClaim claim) {
            abandoned.add(Replica.key(taskName, plannedEpochNanos) + " from " + formerOwner);
            claims.add(claim);
        }

        @Override
        public boolean canTakeOver(String taskName) {
            return !busy;
        }
    }

    @Test
    void settingsDefaultToTheStoresAndBadOnesFailNamingTheSetting() {
        try (Fixture fixture = new Fixture(Db.POSTGRES)) {
            JdbcClaimStore defaults = fixture.instance(ClaimStoreSettings.builder()
                    .table(fixture.table)
                    .createTable(true)
                    .build());
            JdbcFireCoordinator coordinator = JdbcFireCoordinator.of(defaults);
            assertThat(coordinator.lease()).isEqualTo(Duration.ofSeconds(30));
            assertThat(coordinator.heartbeat()).isEqualTo(Duration.ofSeconds(10));
            assertThat(coordinator.scanInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(coordinator.retention()).isEqualTo(Duration.ofDays(7));
            assertThat(JdbcFireCoordinator.builder(defaults)
                            .heartbeat(Duration.ofSeconds(5))
                            .build()
                            .scanInterval())
                    .isEqualTo(Duration.ofSeconds(5));

            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            assertThatThrownBy(() -> JdbcFireCoordinator.builder(store)
                            .lease(Duration.ofSeconds(2))
                            .heartbeat(Duration.ofSeconds(2))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lease (PT2S) must be longer than heartbeat (PT2S)");
            assertThatThrownBy(() -> JdbcFireCoordinator.builder(store)
                            .heartbeat(Duration.ZERO)
                            .build())
                    .hasMessage("heartbeat must be positive, got PT0S");
            assertThatThrownBy(() -> JdbcFireCoordinator.builder(store)
                            .scanInterval(Duration.ofSeconds(-1))
                            .build())
                    .hasMessage("scan-interval must be positive, got PT-1S");
            assertThatThrownBy(() ->
                            JdbcFireCoordinator.builder(store).retention(null).build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("retention");
            // The store checks every claim's lease against its own heartbeat (200 ms here): at build, not at a fire.
            assertThatThrownBy(() -> JdbcFireCoordinator.builder(store)
                            .heartbeat(Duration.ofMillis(50))
                            .lease(Duration.ofMillis(150))
                            .build())
                    .hasMessage("lease (PT0.15S) must be longer than heartbeat (PT0.2S)");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aHeldClaimIsRenewedUntilItEndsAndItsOutcomeIsRecorded(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings =
                    fixture.settings().heartbeat(BEAT).lease(LEASE).build();
            JdbcClaimStore store = fixture.instance(settings);
            JdbcFireCoordinator solo = JdbcFireCoordinator.of(store);
            assertThatThrownBy(() -> solo.claim("t", 1L))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the coordinator is not started");
            Context context = new Context("solo");
            solo.start(context);
            JdbcFireCoordinator other = JdbcFireCoordinator.of(fixture.instance(settings));
            other.start(new Context("other"));
            try {
                assertThat(threads("symphra-cluster-solo")).isEqualTo(1);
                FireClaim ran = solo.claim("t", 1L);
                FireClaim given = solo.claim("t", 2L);
                assertThat(ran.owned()).isTrue();
                assertThat(other.claim("t", 1L).owned()).isFalse();

                // Three leases long: the heartbeat keeps both claimed, and no one takes them.
                await().pollDelay(LEASE.multipliedBy(3))
                        .atMost(LEASE.multipliedBy(4))
                        .until(() -> true);
                assertThat(store.find(new FireKey("t", 1L)).orElseThrow().state())
                        .isEqualTo(FireState.CLAIMED);
                assertThat(store.expired(10)).isEmpty();

                ran.ended(ExecutionOutcome.SUCCESS);
                ran.ended(ExecutionOutcome.FAILURE);
                given.ended(ExecutionOutcome.NONE);
                FireRecord done = store.find(new FireKey("t", 1L)).orElseThrow();
                assertThat(done.state()).isEqualTo(FireState.DONE);
                assertThat(done.outcome()).contains("success");
                assertThat(store.find(new FireKey("t", 2L)).orElseThrow().outcome())
                        .contains("abandoned");
                assertThat(solo.heldCount()).isZero();
            } finally {
                solo.close();
                other.close();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> threads("symphra-cluster-solo") == 0);
            assertThatThrownBy(() -> solo.claim("t", 3L)).hasMessage("the coordinator is closed");
        }
    }

    /** A closed coordinator lets go of its claims unfinished: of two survivors, exactly one takes each over. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void theClaimsOfAClosedCoordinatorAreTakenOverByExactlyOneSurvivor(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings =
                    fixture.settings().heartbeat(BEAT).lease(LEASE).build();
            JdbcFireCoordinator dying = JdbcFireCoordinator.of(fixture.instance(settings));
            dying.start(new Context("dying"));
            List<Context> contexts = List.of(new Context("b"), new Context("c"));
            List<JdbcFireCoordinator> survivors = List.of(
                    JdbcFireCoordinator.of(fixture.instance(settings)),
                    JdbcFireCoordinator.of(fixture.instance(settings)));
            try {
                for (int i = 0; i < survivors.size(); i++) {
                    survivors.get(i).start(contexts.get(i));
                }
                for (long planned = 1; planned <= 10; planned++) {
                    assertThat(dying.claim("long", planned).owned()).isTrue();
                }
                dying.close();
                await().atMost(LEASE.plusSeconds(5))
                        .until(() -> contexts.get(0).abandoned.size()
                                        + contexts.get(1).abandoned.size()
                                == 10);
                assertThat(contexts.stream().flatMap(c -> c.abandoned.stream()).distinct())
                        .hasSize(10)
                        .allMatch(line -> line.endsWith(" from dying"));
                // The taker holds each until the scheduler ends it.
                await().pollDelay(LEASE.multipliedBy(2))
                        .atMost(LEASE.multipliedBy(3))
                        .until(() -> true);
                assertThat(contexts.stream().mapToInt(c -> c.abandoned.size()).sum())
                        .isEqualTo(10);
                contexts.forEach(c -> c.claims.forEach(claim -> claim.ended(ExecutionOutcome.NONE)));
                assertThat(survivors.stream()
                                .mapToInt(JdbcFireCoordinator::heldCount)
                                .sum())
                        .isZero();
            } finally {
                survivors.forEach(JdbcFireCoordinator::close);
            }
        }
    }

    /** An instance that could not run an abandoned fire now leaves it: the one that can takes it over. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aSurvivorBusyWithTheTaskLeavesItsAbandonedFiresToAnother(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings =
                    fixture.settings().heartbeat(BEAT).lease(LEASE).build();
            JdbcFireCoordinator dying = JdbcFireCoordinator.of(fixture.instance(settings));
            dying.start(new Context("dying"));
            Context busy = new Context("busy");
            busy.busy = true;
            Context free = new Context("free");
            JdbcFireCoordinator busyOne = JdbcFireCoordinator.of(fixture.instance(settings));
            JdbcFireCoordinator freeOne = JdbcFireCoordinator.of(fixture.instance(settings));
            try {
                busyOne.start(busy);
                for (long planned = 1; planned <= 5; planned++) {
                    assertThat(dying.claim("long", planned).owned()).isTrue();
                }
                dying.close();
                // Alone, the busy survivor leaves the expired fires where they are, however long.
                await().pollDelay(LEASE.multipliedBy(3))
                        .atMost(LEASE.multipliedBy(4))
                        .until(() -> true);
                assertThat(busy.abandoned).isEmpty();
                assertThat(fixture.instance(settings).expired(10)).hasSize(5);
                freeOne.start(free);
                await().atMost(LEASE.plusSeconds(10)).until(() -> free.abandoned.size() == 5);
                assertThat(busy.abandoned).isEmpty();
                free.claims.forEach(claim -> claim.ended(ExecutionOutcome.NONE));
            } finally {
                busyOne.close();
                freeOne.close();
            }
        }
    }

    private static long threads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }
}
