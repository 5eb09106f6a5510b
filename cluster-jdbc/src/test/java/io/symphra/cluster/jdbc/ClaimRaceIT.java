package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many instances claim the same fires at the same moment: each fire has exactly one owner. */
@ExtendWith(Servers.class)
class ClaimRaceIT {
    private static final int POOLS = 4;
    private static final int THREADS_PER_POOL = 2;
    private static final int FIRES = 150;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Db.class)
    void exactlyOneClaimantOfManyOwnsEachFire(Db db) throws Exception {
        try (Fixture fixture = new Fixture(db)) {
            List<JdbcClaimStore> instances =
                    fixture.instances(POOLS, fixture.settings().build());
            int claimants = POOLS * THREADS_PER_POOL;
            CyclicBarrier together = new CyclicBarrier(claimants);
            Map<Integer, List<String>> owners = new ConcurrentHashMap<>();
            List<Long> latencies = new CopyOnWriteArrayList<>();
            long base = 1_700_000_000_000_000_000L;
            ExecutorService threads = Executors.newFixedThreadPool(claimants);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < claimants; c++) {
                    JdbcClaimStore store = instances.get(c % POOLS);
                    String name = "instance-" + c;
                    done.add(threads.submit(() -> {
                        for (int fire = 0; fire < FIRES; fire++) {
                            together.await(10, TimeUnit.SECONDS);
                            ClaimResult result = store.claim("race", base + fire * 200_000_000L, name, LEASE);
                            latencies.add(result.latencyNanos());
                            if (result.owned()) {
                                owners.computeIfAbsent(fire, k -> new CopyOnWriteArrayList<>())
                                        .add(name);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(owners).hasSize(FIRES);
            owners.forEach((fire, names) ->
                    assertThat(names).as("owners of fire %d", fire).hasSize(1));
            assertThat(latencies)
                    .hasSize(claimants * FIRES)
                    .allSatisfy(nanos -> assertThat(nanos).isPositive());
            JdbcClaimStore reader = instances.get(0);
            for (int fire = 0; fire < FIRES; fire += 10) {
                FireRecord row = reader.find(new FireKey("race", base + fire * 200_000_000L))
                        .orElseThrow();
                assertThat(row.instance()).isEqualTo(owners.get(fire).get(0));
                assertThat(row.state()).isEqualTo(FireState.CLAIMED);
                assertThat(row.attempt()).isEqualTo(1);
            }
        }
    }

    /** The key compares names exactly: case, trailing spaces and any character make other tasks. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void namesThatACollationWouldFoldAreDistinctTasks(Db db) {
        try (Fixture fixture = new Fixture(db)) {
            JdbcClaimStore store = fixture.instance(fixture.settings().build());
            List<String> names = List.of("task", "Task", "task ", "tâsk", "täsk", "task\t", "ta'sk; --", "任务 🎉");
            for (String name : names) {
                assertThat(store.claim(name, 42L, "a", LEASE).owned()).as(name).isTrue();
            }
            for (String name : names) {
                assertThat(store.claim(name, 42L, "b", LEASE).owned()).as(name).isFalse();
                assertThat(store.find(new FireKey(name, 42L))
                                .orElseThrow()
                                .key()
                                .task())
                        .isEqualTo(name);
            }
            String longest = "x".repeat(FireKey.MAX_NAME_LENGTH);
            assertThat(store.claim(longest, 1L, "a", LEASE).owned()).isTrue();
            assertThatThrownBy(() -> store.claim(longest + "y", 1L, "a", LEASE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("task");
        }
    }
}
