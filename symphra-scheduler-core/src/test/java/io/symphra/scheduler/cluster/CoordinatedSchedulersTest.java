package io.symphra.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Schedulers that share a coordinator run each fire once: the engine's side of cluster mode, against a coordinator
 * that keeps its claims in memory (the database one, in {@code symphra-cluster-jdbc}, is tested against real
 * databases there).
 */
class CoordinatedSchedulersTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** Claims shared by every coordinator made from it, as one database would be. */
    static final class Ledger {
        final Map<String, String> owners = new ConcurrentHashMap<>();
        final List<String> ended = new CopyOnWriteArrayList<>();

        FireCoordinator coordinator() {
            return new FireCoordinator() {
                private volatile String instance;

                @Override
                public void start(CoordinationContext context) {
                    instance = context.instance();
                }

                @Override
                public FireClaim claim(String taskName, long plannedEpochNanos) {
                    String key = taskName + "@" + plannedEpochNanos;
                    boolean owned = owners.putIfAbsent(key, instance) == null;
                    return claimOf(key, owned);
                }
            };
        }

        FireClaim claimOf(String key, boolean owned) {
            return new FireClaim() {
                @Override
                public boolean owned() {
                    return owned;
                }

                @Override
                public void ended(ExecutionOutcome outcome) {
                    ended.add(key + "=" + outcome);
                }
            };
        }
    }

    /** What one scheduler's listener heard, by fire. */
    static final class Heard implements TaskListener {
        final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> elsewhere = new ConcurrentHashMap<>();
        final List<String> unavailable = new CopyOnWriteArrayList<>();
        final List<String> abandoned = new CopyOnWriteArrayList<>();

        static String key(ExecutionEvent e) {
            return e.taskName() + "@" + e.scheduledEpochNanos();
        }

        @Override
        public void onStart(ExecutionEvent event) {
            started.computeIfAbsent(key(event), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void onRanElsewhere(ExecutionEvent event) {
            elsewhere.computeIfAbsent(key(event), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void onCoordinatorUnavailable(ExecutionEvent event, Throwable error, boolean ranHere) {
            unavailable.add(event.taskName() + ":" + ranHere + ":" + error.getMessage());
        }

        @Override
        public void onAbandoned(ExecutionEvent event, String formerOwner) {
            abandoned.add(key(event) + " from " + formerOwner);
        }

        int handled(String fire) {
            return started.getOrDefault(fire, new AtomicInteger()).get()
                    + elsewhere.getOrDefault(fire, new AtomicInteger()).get();
        }
    }

    private static Scheduler scheduler(ManualClock clock, String instance, FireCoordinator coordinator, Heard heard) {
        return Scheduler.builder()
                .clock(clock)
                .instance(instance)
                .coordinator(coordinator)
                .listener(heard)
                .enableMetrics(true)
                .discoverExporters(false)
                .build();
    }

    @Test
    void twoSchedulersSharingACoordinatorRunEachFireOnceAndTheOtherHearsItRanElsewhere() {
        Ledger ledger = new Ledger();
        ManualClock clockA = new ManualClock(T0);
        ManualClock clockB = new ManualClock(T0);
        Heard heardA = new Heard();
        Heard heardB = new Heard();
        String[] tasks = {"alpha", "beta", "gamma"};
        int seconds = 10;
        try (Scheduler a = scheduler(clockA, "a", ledger.coordinator(), heardA);
                Scheduler b = scheduler(clockB, "b", ledger.coordinator(), heardB)) {
            for (Scheduler s : List.of(a, b)) {
                for (String task : tasks) {
                    s.schedule(task, Triggers.every(Duration.ofSeconds(1)), () -> {});
                }
                s.start();
            }
            for (int second = 0; second <= seconds; second++) {
                if (second > 0) {
                    clockA.advance(Duration.ofSeconds(1));
                    clockB.advance(Duration.ofSeconds(1));
                }
                long planned = T0.plusSeconds(second).getEpochSecond() * 1_000_000_000L;
                for (String task : tasks) {
                    String fire = task + "@" + planned;
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> heardA.handled(fire) == 1 && heardB.handled(fire) == 1);
                    int ranOnA = heardA.started
                            .getOrDefault(fire, new AtomicInteger())
                            .get();
                    int ranOnB = heardB.started
                            .getOrDefault(fire, new AtomicInteger())
                            .get();
                    assertThat(ranOnA + ranOnB).as("runs of %s", fire).isEqualTo(1);
                }
            }
            long fires = seconds + 1;
            for (String task : tasks) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> claims(a, task).claimed() + claims(b, task).claimed() == fires);
                ClusterClaims onA = claims(a, task);
                ClusterClaims onB = claims(b, task);
                // Each fire was won by one and ran elsewhere for the other; each ask was timed once.
                assertThat(onA.claimed() + onB.claimed()).as(task).isEqualTo(fires);
                assertThat(onA.ranElsewhere()).as(task).isEqualTo(onB.claimed());
                assertThat(onB.ranElsewhere()).as(task).isEqualTo(onA.claimed());
                assertThat(onA.claimLatencyCount()).isEqualTo(fires);
                assertThat(onB.claimLatencyCount()).isEqualTo(fires);
                assertThat(onA.claimLatencyMaxNanos()).isPositive().isLessThanOrEqualTo(onA.claimLatencyTotalNanos());
                assertThat(onA.claimErrors() + onA.abandoned()).isZero();
                assertThat(a.snapshot().commonLabels()).containsEntry("instance", "a");
                assertThat(b.snapshot().commonLabels()).containsEntry("instance", "b");
            }
        }
        assertThat(ledger.owners).hasSize(tasks.length * (seconds + 1));
        assertThat(ledger.ended).hasSize(tasks.length * (seconds + 1)).allMatch(e -> e.endsWith("=SUCCESS"));
    }

    @Test
    void whenTheCoordinatorCannotDecideEachTaskSkipsOrRunsHereAsItChoseAndListenersHearWhy() {
        ManualClock clock = new ManualClock(T0);
        Heard heard = new Heard();
        AtomicInteger skipperRuns = new AtomicInteger();
        AtomicInteger runnerRuns = new AtomicInteger();
        FireCoordinator down = (task, planned) -> {
            throw new IllegalStateException("database down");
        };
        Scheduler s = scheduler(clock, "a", down, heard);
        try (s) {
            s.schedule(Task.builder("skipper")
                    .trigger(Triggers.every(Duration.ofSeconds(1)))
                    .run(skipperRuns::incrementAndGet)
                    .build());
            s.schedule(Task.builder("runner")
                    .trigger(Triggers.every(Duration.ofSeconds(1)))
                    .whenCoordinatorUnavailable(WhenCoordinatorUnavailable.RUN_HERE)
                    .run(runnerRuns::incrementAndGet)
                    .build());
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runnerRuns.get() == 1 && heard.unavailable.size() == 2);
        }
        assertThat(skipperRuns).hasValue(0);
        ClusterClaims skipper = claims(s, "skipper");
        ClusterClaims runner = claims(s, "runner");
        assertThat(skipper.claimErrorsSkipped()).isEqualTo(1);
        assertThat(skipper.claimErrorsRanHere()).isZero();
        assertThat(runner.claimErrorsRanHere()).isEqualTo(1);
        assertThat(runner.claimErrorsSkipped()).isZero();
        assertThat(runner.claimLatencyCount()).isEqualTo(1);
        assertThat(runner.claimed() + runner.ranElsewhere()).isZero();
        assertThat(heard.unavailable)
                .containsExactlyInAnyOrder("skipper:false:database down", "runner:true:database down");
    }

    @Test
    void aCoordinatorThatCannotStartFailsTheStartAndNothingFires() {
        AtomicInteger runs = new AtomicInteger();
        FireCoordinator broken = new FireCoordinator() {
            @Override
            public void start(CoordinationContext context) {
                throw new IllegalStateException("symphra.cluster.url: no database at jdbc:postgresql://127.0.0.1:1/x");
            }

            @Override
            public FireClaim claim(String taskName, long plannedEpochNanos) {
                throw new AssertionError("never asked");
            }
        };
        try (Scheduler s = scheduler(new ManualClock(T0), "a", broken, new Heard())) {
            s.schedule("t", Triggers.every(Duration.ofSeconds(1)), runs::incrementAndGet);
            org.assertj.core.api.Assertions.assertThatThrownBy(s::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("symphra.cluster.url");
            assertThat(s.isRunning()).isFalse();
        }
        assertThat(runs).hasValue(0);
    }

    @Test
    void anAbandonedFireIsReportedAndRunAgainOnlyWhenItsTaskAsksForRecovery() {
        Ledger ledger = new Ledger();
        AtomicReference<CoordinationContext> context = new AtomicReference<>();
        FireCoordinator neverFires = new FireCoordinator() {
            @Override
            public void start(CoordinationContext c) {
                context.set(c);
            }

            @Override
            public FireClaim claim(String taskName, long plannedEpochNanos) {
                return ledger.claimOf(taskName, false);
            }
        };
        ManualClock clock = new ManualClock(T0);
        Heard heard = new Heard();
        AtomicInteger recoveredRuns = new AtomicInteger();
        AtomicInteger reportedRuns = new AtomicInteger();
        Scheduler s = scheduler(clock, "b", neverFires, heard);
        try (s) {
            s.schedule(Task.builder("recovered")
                    .trigger(Triggers.daily(3, 0))
                    .recoverAbandoned(true)
                    .run(recoveredRuns::incrementAndGet)
                    .build());
            s.schedule(Task.builder("reported")
                    .trigger(Triggers.daily(3, 0))
                    .run(reportedRuns::incrementAndGet)
                    .build());
            s.start();
            long planned = T0.getEpochSecond() * 1_000_000_000L;
            context.get().abandoned("recovered", planned, "a", ledger.claimOf("recovered", true));
            context.get().abandoned("reported", planned, "a", ledger.claimOf("reported", true));
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.ended.size() == 2);
            assertThat(context.get().instance()).isEqualTo("b");
        }
        assertThat(recoveredRuns).hasValue(1);
        assertThat(reportedRuns).hasValue(0);
        assertThat(ledger.ended).containsExactlyInAnyOrder("recovered=SUCCESS", "reported=NONE");
        assertThat(heard.abandoned).hasSize(2).allMatch(line -> line.endsWith(" from a"));
        assertThat(claims(s, "recovered").abandoned()).isEqualTo(1);
        assertThat(claims(s, "reported").abandoned()).isEqualTo(1);
    }

    private static ClusterClaims claims(Scheduler s, String task) {
        return s.snapshot().tasks().get(task).cluster();
    }
}
