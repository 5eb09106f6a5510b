package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A replica dies during long runs: another reports them abandoned within lease plus scan interval, and runs again
 * only the one whose task asks for recovery.
 */
@ExtendWith(Servers.class)
class AbandonedFireIT {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration BEAT = Duration.ofMillis(400);
    private static final Duration SCAN = Duration.ofMillis(500);

    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherReplicaReportsTheDeadOnesRunsAndRecoversOnlyWhatItsTaskAsks(Db db) throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch never = new CountDownLatch(1);
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String recovered = Replica.key("recovered", Replica.nanos(at));
        String reported = Replica.key("reported", Replica.nanos(at));
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings =
                    fixture.settings().heartbeat(BEAT).lease(LEASE).build();
            try (Replica a = new Replica(fixture, "a", settings, c -> c.scanInterval(SCAN), runs);
                    Replica b = new Replica(fixture, "b", settings, c -> c.scanInterval(SCAN), runs)) {
                // Only a plans the fire at `at`; b has the same tasks, planned a day later, as a replica that
                // started after the fire would.
                for (Replica replica : new Replica[] {a, b}) {
                    Instant when = replica == a ? at : at.plus(Duration.ofDays(1));
                    replica.schedule(Task.builder("recovered")
                                    .trigger(Triggers.once(when))
                                    .recoverAbandoned(true)
                                    .run(() -> block(replica == a, never))
                                    .build())
                            .schedule(Task.builder("reported")
                                    .trigger(Triggers.once(when))
                                    .run(() -> block(replica == a, never))
                                    .build())
                            .start();
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> a.handled(recovered) && a.handled(reported));
                // Longer than a lease: the heartbeat keeps a's claims its own while a lives.
                await().during(LEASE.plusSeconds(1))
                        .atMost(LEASE.plusSeconds(10))
                        .until(() -> b.abandoned.isEmpty());
                assertThat(a.coordinator.heldCount()).isEqualTo(2);

                // a dies: no more heartbeats, no more statements.
                long died = System.nanoTime();
                a.coordinator.close();
                a.pool.close();
                await().atMost(LEASE.plus(SCAN).plusSeconds(5))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> b.abandoned.size() == 2);
                Duration noticed = Duration.ofNanos(System.nanoTime() - died);
                assertThat(noticed).isLessThan(LEASE.plus(SCAN).plusSeconds(2));
                await().atMost(Duration.ofSeconds(10)).until(() -> Replica.count(b.started, recovered) == 1);
                // Abruptly: a's runs are still blocked, the shutdown interrupts them.
                a.close();
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                b.store.find(key("recovered", at)).orElseThrow().state() == FireState.DONE);
            }

            JdbcClaimStore store = JdbcClaimStore.start(fixture.pool(null), settings);
            FireRecord recoveredRow = store.find(key("recovered", at)).orElseThrow();
            FireRecord reportedRow = store.find(key("reported", at)).orElseThrow();
            assertThat(recoveredRow.instance()).isEqualTo("b");
            assertThat(recoveredRow.attempt()).isEqualTo(2);
            assertThat(recoveredRow.outcome()).contains("success");
            assertThat(reportedRow.instance()).isEqualTo("b");
            assertThat(reportedRow.attempt()).isEqualTo(2);
            assertThat(reportedRow.state()).isEqualTo(FireState.DONE);
            assertThat(reportedRow.outcome()).contains("abandoned");
        }
        // Ran on a, then once more on b for the task that asked; the other only on a.
        assertThat(Replica.count(runs, recovered)).isEqualTo(2);
        assertThat(Replica.count(runs, reported)).isEqualTo(1);
    }

    private static FireKey key(String task, Instant at) {
        return new FireKey(task, Replica.nanos(at));
    }

    private static void block(boolean forever, CountDownLatch never) {
        if (!forever) {
            return;
        }
        try {
            never.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted by the shutdown", e);
        }
    }
}
