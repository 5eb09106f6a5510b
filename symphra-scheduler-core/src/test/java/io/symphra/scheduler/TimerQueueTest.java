package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** An entry that records its id when it runs. */
    /** Records its runs; one that repeats is queued again once, at {@link #REPEAT_DUE}, by the take itself. */
    private static final class Recorded extends TimerQueue.Entry {
        final int id;
        final List<Integer> ran;
        int repeats;

        Recorded(int id, List<Integer> ran, int repeats) {
            super(null);
            this.id = id;
            this.ran = ran;
            this.repeats = repeats;
        }

        @Override
        void run(long generation, long dueNanos) {
            ran.add(id);
        }

        @Override
        long nextDueAtTake(long dueNanos, long nowNanos) {
            return repeats-- > 0 ? REPEAT_DUE : TimerQueue.NO_REPEAT;
        }
    }

    /** Later than any drain of the test but the last one, earlier than {@code Long.MAX_VALUE}. */
    private static final long REPEAT_DUE = Long.MAX_VALUE - 1;

    private record Key(long due, long sequence) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparingLong(Key::due).thenComparingLong(Key::sequence);

    @Test
    void runsInDueThenScheduleOrderLikeAReferenceQueueWhileEntriesAreAddedMovedCancelledAndRequeuedAtTake() {
        SplittableRandom random = new SplittableRandom(42);
        TimerQueue queue = TimerQueue.timer(new ManualClock(T0), "never-started");
        List<Integer> ran = new ArrayList<>();
        List<Recorded> entries = new ArrayList<>();
        // What is queued, by (due, order of its latest scheduling): a moved entry goes after those already due then.
        TreeMap<Key, Integer> reference = new TreeMap<>(ORDER);
        Map<Integer, Key> keyOf = new HashMap<>();
        List<Integer> repeatsLeft = new ArrayList<>();
        long[] sequence = {0};
        for (int step = 0; step < 100_000; step++) {
            int op = random.nextInt(10);
            if (op < 4 || entries.isEmpty()) {
                int repeats = random.nextInt(3) == 0 ? 1 : 0;
                Recorded e = new Recorded(entries.size(), ran, repeats);
                entries.add(e);
                repeatsLeft.add(repeats);
                long due = randomDue(random);
                queue.schedule(e, due);
                Key key = new Key(due, ++sequence[0]);
                reference.put(key, e.id);
                keyOf.put(e.id, key);
            } else if (op < 7) {
                Recorded e = entries.get(random.nextInt(entries.size()));
                long due = randomDue(random);
                queue.schedule(e, due);
                Key old = keyOf.remove(e.id);
                if (old != null) {
                    reference.remove(old);
                }
                Key key = new Key(due, ++sequence[0]);
                reference.put(key, e.id);
                keyOf.put(e.id, key);
            } else if (op < 8) {
                Recorded e = entries.get(random.nextInt(entries.size()));
                queue.cancel(e);
                Key old = keyOf.remove(e.id);
                if (old != null) {
                    reference.remove(old);
                }
            } else {
                long by = random.nextLong(-60, 60);
                ran.clear();
                queue.runDueBy(by);
                assertThat(ran).isEqualTo(drain(reference, keyOf, repeatsLeft, sequence, by));
            }
            assertThat(queue.queued()).isEqualTo(reference.size());
        }
        ran.clear();
        queue.runDueBy(Long.MAX_VALUE);
        assertThat(ran).isEqualTo(drain(reference, keyOf, repeatsLeft, sequence, Long.MAX_VALUE));
        assertThat(queue.queued()).isZero();
    }

    /** What the reference runs when everything due by {@code by} is taken: a repeating entry goes back in once. */
    private static List<Integer> drain(
            TreeMap<Key, Integer> reference,
            Map<Integer, Key> keyOf,
            List<Integer> repeatsLeft,
            long[] sequence,
            long by) {
        List<Integer> expected = new ArrayList<>();
        while (!reference.isEmpty() && reference.firstKey().due() <= by) {
            int id = reference.pollFirstEntry().getValue();
            keyOf.remove(id);
            expected.add(id);
            if (repeatsLeft.get(id) > 0) {
                repeatsLeft.set(id, repeatsLeft.get(id) - 1);
                Key key = new Key(REPEAT_DUE, ++sequence[0]);
                reference.put(key, id);
                keyOf.put(id, key);
            }
        }
        return expected;
    }

    /** Few distinct due times, so that ties (broken by schedule order) are common; some extreme ones. */
    private static long randomDue(SplittableRandom random) {
        return switch (random.nextInt(20)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            default -> random.nextLong(-50, 50);
        };
    }

    @Test
    void anEntryTakenAndThenRescheduledOrCancelledSeesThatItWasSuperseded() {
        TimerQueue queue = TimerQueue.timer(new ManualClock(T0), "never-started");
        AtomicLong seenAtRun = new AtomicLong();
        AtomicLong afterReschedule = new AtomicLong();
        AtomicLong afterCancel = new AtomicLong();
        AtomicReference<TimerQueue.Entry> self = new AtomicReference<>();
        TimerQueue.Entry entry = new TimerQueue.Entry(null) {
            @Override
            void run(long generation, long dueNanos) {
                seenAtRun.set(generation == generation() ? 1 : 0);
                queue.schedule(self.get(), Long.MAX_VALUE);
                afterReschedule.set(generation == generation() ? 1 : 0);
                queue.cancel(self.get());
                afterCancel.set(generation == generation() ? 1 : 0);
            }
        };
        self.set(entry);
        queue.schedule(entry, 0);
        queue.runDueBy(0);
        assertThat(seenAtRun).as("current when taken").hasValue(1);
        assertThat(afterReschedule).as("current after a re-plan").hasValue(0);
        assertThat(afterCancel).as("current after a cancel").hasValue(0);
        assertThat(queue.queued()).isZero();

        // A plain entry cancelled after a thread took it does not run its action.
        AtomicInteger runs = new AtomicInteger();
        TimerQueue.Entry plain = new TimerQueue.Entry(runs::incrementAndGet);
        queue.schedule(plain, 0);
        long taken = plain.generation();
        queue.cancel(plain);
        plain.run(taken, 0);
        assertThat(runs).hasValue(0);
        plain.run(plain.generation(), 0);
        assertThat(runs).hasValue(1);
    }

    @Test
    void runsEveryDueJobInOrderAndSkipsOnesCancelledByAnEarlierJob() {
        ManualClock clock = new ManualClock(T0);
        TimerQueue timer = TimerQueue.timer(clock, "test-timer");
        clock.onAdvance(timer::wake);
        timer.start();
        try {
            List<Integer> ran = new CopyOnWriteArrayList<>();
            for (int i = 999; i >= 0; i--) {
                int n = i;
                timer.schedule(EpochNanos.of(T0.plusMillis(1 + i)), () -> ran.add(n));
            }
            AtomicReference<TimerQueue.Entry> victim = new AtomicReference<>();
            AtomicInteger victimRuns = new AtomicInteger();
            timer.schedule(EpochNanos.of(T0.plusSeconds(5)), () -> timer.cancel(victim.get()));
            victim.set(timer.schedule(EpochNanos.of(T0.plusSeconds(5).plusNanos(1)), victimRuns::incrementAndGet));
            AtomicInteger last = new AtomicInteger();
            timer.schedule(EpochNanos.of(T0.plusSeconds(5).plusNanos(2)), last::incrementAndGet);

            clock.advance(Duration.ofSeconds(10)); // everything is due at once
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1000 && last.get() == 1);
            assertThat(ran).isSorted();
            assertThat(victimRuns.get()).isZero();
            assertThat(timer.queued()).isZero();
        } finally {
            timer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aCancelledOrReplannedEntryLeavesTheQueueAtOnce() {
        ManualClock clock = new ManualClock(T0);
        TimerQueue timer = TimerQueue.timer(clock, "test-timer");
        timer.start();
        try {
            long dayAhead = EpochNanos.of(T0.plus(Duration.ofDays(1)));
            AtomicInteger live = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                timer.schedule(new TimerQueue.Entry(live::incrementAndGet), dayAhead);
            }
            List<TimerQueue.Entry> removed = new ArrayList<>();
            AtomicInteger removedRuns = new AtomicInteger();
            for (int i = 0; i < 10_000; i++) {
                TimerQueue.Entry entry = new TimerQueue.Entry(removedRuns::incrementAndGet);
                timer.schedule(entry, dayAhead + i);
                // Scheduled twice, as a fire re-planned before it came due: still one entry.
                timer.schedule(entry, dayAhead + i + 1);
                assertThat(timer.dueOf(entry)).isEqualTo(dayAhead + i + 1);
                removed.add(entry);
            }
            assertThat(timer.queued()).isEqualTo(10_010);
            for (int i = 0; i < removed.size(); i++) {
                timer.cancel(removed.get(i));
                assertThat(timer.dueOf(removed.get(i))).isEqualTo(EpochNanos.NONE);
                assertThat(timer.queued()).isEqualTo(10 + removed.size() - i - 1);
            }

            clock.advance(Duration.ofDays(2));
            timer.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> live.get() == 10);
            assertThat(timer.queued()).isZero();
            assertThat(removedRuns.get()).isZero();
        } finally {
            timer.stop(Duration.ofSeconds(1));
        }
    }
}
