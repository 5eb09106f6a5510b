package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real schedulers on one database, the same tasks on each, the real clock: each fire runs on one of them. */
@ExtendWith(Servers.class)
class ExactlyOnceIT {
    private static final int TASKS = 15;
    private static final int SECONDS = 5;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @ParameterizedTest
    @EnumSource(Db.class)
    void threeReplicasRunEachFireOfFifteenTasksOnceAndTheOthersHearItRanElsewhere(Db db) {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<String> window = new ArrayList<>();
        try (Fixture fixture = new Fixture(db)) {
            ClaimStoreSettings settings = fixture.settings().build();
            List<Replica> replicas = new ArrayList<>();
            try {
                for (String name : List.of("a", "b", "c")) {
                    Replica replica = new Replica(fixture, name, settings, b -> b, runs);
                    replicas.add(replica);
                    for (int i = 0; i < TASKS; i++) {
                        replica.schedule(Task.builder("task-" + i)
                                .trigger(Triggers.cron("* * * * * *"))
                                .run(() -> {})
                                .build());
                    }
                }
                replicas.forEach(Replica::start);
                // From the second whole second on: every replica plans it, whatever its start took.
                long first = (System.currentTimeMillis() / 1000 + 2) * SECOND;
                for (int s = 0; s < SECONDS; s++) {
                    for (int i = 0; i < TASKS; i++) {
                        window.add(Replica.key("task-" + i, first + s * SECOND));
                    }
                }
                await().atMost(Duration.ofSeconds(SECONDS + 30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() ->
                                window.stream().allMatch(f -> replicas.stream().allMatch(r -> r.handled(f))));
            } finally {
                replicas.forEach(Replica::close);
            }

            assertThat(runs.entrySet())
                    .as("fires that ran more than once")
                    .allMatch(e -> e.getValue().get() == 1);
            Map<String, Integer> ranOn = new ConcurrentHashMap<>();
            for (String fire : window) {
                assertThat(Replica.count(runs, fire)).as("runs of %s", fire).isEqualTo(1);
                for (Replica replica : replicas) {
                    int here = Replica.count(replica.started, fire);
                    int elsewhere = Replica.count(replica.elsewhere, fire);
                    assertThat(here + elsewhere)
                            .as("%s heard of %s", replica.name, fire)
                            .isEqualTo(1);
                    if (here == 1) {
                        ranOn.merge(replica.name, 1, Integer::sum);
                        FireKey key = key(fire);
                        FireRecord row = replica.store.find(key).orElseThrow();
                        assertThat(row.instance()).isEqualTo(replica.name);
                        assertThat(row.state()).isEqualTo(FireState.DONE);
                        assertThat(row.outcome()).contains("success");
                        assertThat(row.attempt()).isEqualTo(1);
                    }
                }
            }
            assertThat(ranOn.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(TASKS * SECONDS);

            // The metrics say the same: each replica's claimed and ran-elsewhere are the fires it ran and heard of,
            // and the claims of all replicas add up to the fires run, each fire once.
            for (int i = 0; i < TASKS; i++) {
                String task = "task-" + i;
                long claimedEverywhere = 0;
                for (Replica replica : replicas) {
                    ClusterClaims claims =
                            replica.scheduler.snapshot().tasks().get(task).cluster();
                    assertThat(claims.claimed())
                            .as("%s claimed %s", replica.name, task)
                            .isEqualTo(countOf(replica.started, task));
                    assertThat(claims.ranElsewhere())
                            .as("%s heard %s ran elsewhere", replica.name, task)
                            .isEqualTo(countOf(replica.elsewhere, task));
                    assertThat(claims.claimLatencyCount()).isEqualTo(claims.claimed() + claims.ranElsewhere());
                    assertThat(claims.claimErrors()).isZero();
                    assertThat(replica.scheduler.snapshot().commonLabels()).containsEntry("instance", replica.name);
                    claimedEverywhere += claims.claimed();
                }
                assertThat(claimedEverywhere).as("claims of %s", task).isEqualTo(countOf(runs, task));
            }
        }
    }

    /** Fires of {@code task} in a map by fire. */
    private static long countOf(Map<String, AtomicInteger> byFire, String task) {
        return byFire.entrySet().stream()
                .filter(e -> e.getKey().startsWith(task + "@"))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    private static FireKey key(String fire) {
        int at = fire.lastIndexOf('@');
        return new FireKey(fire.substring(0, at), Long.parseLong(fire.substring(at + 1)));
    }
}
