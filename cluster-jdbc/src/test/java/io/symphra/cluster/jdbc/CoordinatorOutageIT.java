package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Task;
import io.symphra.scheduler.cluster.WhenCoordinatorUnavailable;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database stops for ten seconds under two running replicas: each fire follows its task's choice, listeners hear
 * why and the metrics count it as a claim error of its kind; when the database is back, claiming resumes by itself
 * and no claimed fire runs twice.
 */
@ExtendWith(Servers.class)
class CoordinatorOutageIT {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @ParameterizedTest
    @EnumSource(Db.class)
    void firesFollowEachTasksChoiceWhileTheDatabaseIsDownAndClaimingResumesAfter(Db db) {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        try (DatabaseServer server = db.newServer()) {
            server.start();
            try (Fixture fixture = new Fixture(db, server)) {
                ClaimStoreSettings settings = fixture.settings().build();
                Replica a = new Replica(fixture, "a", settings, c -> c, runs);
                Replica b = new Replica(fixture, "b", settings, c -> c, runs);
                List<Replica> replicas = List.of(a, b);
                try (a;
                        b) {
                    for (Replica replica : replicas) {
                        replica.schedule(Task.builder("skipper")
                                        .trigger(Triggers.cron("* * * * * *"))
                                        .run(() -> {})
                                        .build())
                                .schedule(Task.builder("runner")
                                        .trigger(Triggers.cron("* * * * * *"))
                                        .whenCoordinatorUnavailable(WhenCoordinatorUnavailable.RUN_HERE)
                                        .run(() -> {})
                                        .build())
                                .start();
                    }
                    awaitClaimedOnceFrom(replicas, runs, nextSecond());

                    server.stop();
                    long stoppedAt = System.nanoTime();
                    // Ten seconds of fires without a database, each replica hearing of every one.
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> System.nanoTime() - stoppedAt >= 10 * SECOND
                                    && replicas.stream()
                                            .allMatch(r -> count(r.unavailable(false), "skipper") >= 10
                                                    && count(r.unavailable(true), "runner") >= 10));
                    server.start();

                    awaitClaimedOnceFrom(replicas, runs, nextSecond());
                    // Heartbeats and scans failed all through the outage; the thread that runs them lives on.
                    assertThat(a.clusterThreadAlive()).isTrue();
                    assertThat(b.clusterThreadAlive()).isTrue();
                    // Every fire of the gap is counted as a claim error, split by what its task chose.
                    for (Replica replica : replicas) {
                        var skipper = replica.scheduler
                                .snapshot()
                                .tasks()
                                .get("skipper")
                                .cluster();
                        var runner = replica.scheduler
                                .snapshot()
                                .tasks()
                                .get("runner")
                                .cluster();
                        assertThat(skipper.claimErrorsSkipped())
                                .isEqualTo(replica.unavailable(false).size());
                        assertThat(skipper.claimErrorsRanHere()).isZero();
                        assertThat(runner.claimErrorsRanHere())
                                .isEqualTo(replica.unavailable(true).size());
                        assertThat(runner.claimErrorsSkipped()).isZero();
                    }
                }
                checkChoices(replicas, runs);
            }
        }
    }

    private static void checkChoices(List<Replica> replicas, Map<String, AtomicInteger> runs) {
        Set<String> ranUnclaimed = new HashSet<>();
        for (Replica replica : replicas) {
            Set<String> skipped = replica.unavailable(false);
            Set<String> ranHere = replica.unavailable(true);
            assertThat(skipped)
                    .allMatch(f -> f.startsWith("skipper@"))
                    .allMatch(f -> Replica.count(replica.started, f) == 0);
            assertThat(ranHere)
                    .allMatch(f -> f.startsWith("runner@"))
                    .allMatch(f -> Replica.count(replica.started, f) == 1);
            ranUnclaimed.addAll(ranHere);
        }
        // Only a fire run without a claim may have run twice: the price of RUN_HERE.
        assertThat(runs.entrySet())
                .filteredOn(e -> e.getValue().get() > 1)
                .allMatch(e -> ranUnclaimed.contains(e.getKey()));
        assertThat(runs.entrySet())
                .filteredOn(e -> e.getKey().startsWith("skipper@"))
                .allMatch(e -> e.getValue().get() == 1);
    }

    private static long count(Set<String> fires, String task) {
        return fires.stream().filter(f -> f.startsWith(task + "@")).count();
    }

    private static long nextSecond() {
        return (System.currentTimeMillis() / 1000 + 1) * SECOND;
    }

    /** Waits until both tasks have a fire planned at or after {@code from} that ran once, claimed by a replica. */
    private static void awaitClaimedOnceFrom(List<Replica> replicas, Map<String, AtomicInteger> runs, long from) {
        for (String task : List.of("skipper", "runner")) {
            Predicate<String> claimedOnce = fire -> Replica.count(runs, fire) == 1
                    && replicas.stream().allMatch(r -> r.handled(fire))
                    && replicas.stream()
                                    .mapToInt(r -> Replica.count(r.elsewhere, fire))
                                    .sum()
                            == replicas.size() - 1;
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        for (long planned = from; planned < from + 40 * SECOND; planned += SECOND) {
                            if (claimedOnce.test(Replica.key(task, planned))) {
                                return true;
                            }
                        }
                        return false;
                    });
        }
    }
}
