package io.symphra.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.cluster.CoordinatedSchedulersTest.Heard;
import io.symphra.scheduler.cluster.CoordinatedSchedulersTest.Ledger;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * In cluster mode every instance plans the same instants, whenever it started: a fixed rate on the grid through the
 * anchor, a one-shot at its own instant even once passed; a fixed delay, which no two instances could agree on, is
 * refused.
 */
class ClusterPlanningTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static Scheduler.Builder builder(ManualClock clock, String instance, Ledger ledger, Heard heard) {
        return Scheduler.builder()
                .clock(clock)
                .instance(instance)
                .coordinator(ledger.coordinator())
                .listener(heard)
                .discoverExporters(false);
    }

    @Test
    void aFixedRateStartsOnTheEpochGridWhateverTheInstanceStartTime() {
        Ledger ledger = new Ledger();
        try (Scheduler a = builder(new ManualClock(T0.plusMillis(300)), "a", ledger, new Heard())
                        .build();
                Scheduler b = builder(new ManualClock(T0.plusMillis(1700)), "b", ledger, new Heard())
                        .build()) {
            for (Scheduler s : new Scheduler[] {a, b}) {
                s.schedule("every-second", Triggers.every(Duration.ofSeconds(1)), () -> {});
                s.schedule("delayed", Triggers.fixedRate(Duration.ofSeconds(1), Duration.ofMillis(900)), () -> {});
                s.start();
            }
            assertThat(a.nextFireTime("every-second")).contains(T0.plusSeconds(1));
            assertThat(b.nextFireTime("every-second")).contains(T0.plusSeconds(2));
            // 0.3 s + 0.9 s and 1.7 s + 0.9 s, each up to the next whole second.
            assertThat(a.nextFireTime("delayed")).contains(T0.plusSeconds(2));
            assertThat(b.nextFireTime("delayed")).contains(T0.plusSeconds(3));
        }
    }

    @Test
    void theGridGoesThroughTheConfiguredAnchor() {
        Ledger ledger = new Ledger();
        Instant anchor = T0.plusMillis(250);
        try (Scheduler s = builder(new ManualClock(T0.plusSeconds(10)), "a", ledger, new Heard())
                .gridAnchor(anchor)
                .build()) {
            s.schedule("every-4s", Triggers.every(Duration.ofSeconds(4)), () -> {});
            s.start();
            assertThat(s.nextFireTime("every-4s")).contains(anchor.plusSeconds(12));
        }
    }

    @Test
    void instancesStartedAtDifferentTimesAndWithSkewedClocksRunEachFireOnce() {
        Ledger ledger = new Ledger();
        // b started 1.3 s after a and its clock runs 2 s ahead of a's.
        ManualClock clockA = new ManualClock(T0.plusMillis(100));
        ManualClock clockB = new ManualClock(T0.plusMillis(100 + 1300 + 2000));
        Heard heardA = new Heard();
        Heard heardB = new Heard();
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler a = builder(clockA, "a", ledger, heardA).build();
                Scheduler b = builder(clockB, "b", ledger, heardB).build()) {
            a.schedule("tick", Triggers.every(Duration.ofMillis(500)), runs::incrementAndGet);
            a.start();
            clockA.advance(Duration.ofMillis(1300));
            b.schedule("tick", Triggers.every(Duration.ofMillis(500)), runs::incrementAndGet);
            b.start();
            for (int step = 0; step < 20; step++) {
                clockA.advance(Duration.ofMillis(250));
                clockB.advance(Duration.ofMillis(250));
                long due = Math.min(nanosOf(a.nextFireTime("tick")), nanosOf(b.nextFireTime("tick")));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> heardA.started.size() + heardB.started.size() == ledger.owners.size());
                assertThat(due).isPositive();
            }
        }
        // Every grid point that either instance reached was claimed once and run once, by whichever came first.
        assertThat(runs.get()).isEqualTo(ledger.owners.size());
        assertThat(ledger.owners.keySet())
                .allMatch(fire -> Long.parseLong(fire.substring(fire.indexOf('@') + 1)) % 500_000_000L == 0);
        for (String fire : heardA.started.keySet()) {
            assertThat(heardB.started).doesNotContainKey(fire);
        }
    }

    @Test
    void aPassedOneShotKeepsItsInstantSoALaterInstanceDoesNotRunItAgain() {
        Ledger ledger = new Ledger();
        Instant at = T0.plusSeconds(5);
        AtomicInteger runs = new AtomicInteger();
        Heard heardA = new Heard();
        Heard heardB = new Heard();
        try (Scheduler a = builder(new ManualClock(T0.plusSeconds(6)), "a", ledger, heardA)
                        .build();
                Scheduler b = builder(new ManualClock(T0.plusSeconds(60)), "b", ledger, heardB)
                        .build()) {
            a.schedule("once", Triggers.once(at), runs::incrementAndGet);
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            b.schedule("once", Triggers.once(at), runs::incrementAndGet);
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> heardB.elsewhere.size() == 1);
        }
        assertThat(runs).hasValue(1);
        assertThat(ledger.owners).containsOnlyKeys("once@" + at.getEpochSecond() * 1_000_000_000L);
    }

    @Test
    void aFixedDelayTaskIsRefusedWithTheReasonAndTheTaskName() {
        try (Scheduler s =
                builder(new ManualClock(T0), "a", new Ledger(), new Heard()).build()) {
            assertThatThrownBy(() -> s.schedule(Task.builder("cleanup")
                            .trigger(Triggers.fixedDelay(Duration.ofSeconds(5)))
                            .run(() -> {})
                            .build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'cleanup'")
                    .hasMessageContaining("fixed-delay")
                    .hasMessageContaining("Triggers.every");
            assertThat(s.tasks()).isEmpty();
        }
    }

    @Test
    void withoutACoordinatorAFixedRateStillStartsFromTheSchedulerStart() {
        try (Scheduler s = Scheduler.builder()
                .clock(new ManualClock(T0.plusMillis(300)))
                .discoverExporters(false)
                .build()) {
            s.schedule("every-second", Triggers.fixedRate(Duration.ofSeconds(1), Duration.ofMillis(500)), () -> {});
            s.start();
            assertThat(s.nextFireTime("every-second")).contains(T0.plusMillis(800));
        }
    }

    private static long nanosOf(Optional<Instant> time) {
        return time.map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).orElse(-1L);
    }
}
