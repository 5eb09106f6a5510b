package io.symphra.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.snapshot.Totals;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Four threads record into the same tasks (two through the listener, two through handles) while a fifth takes
 * snapshots continuously, and in one test resets too. One task is spread over stripes before they start and
 * another while they record, so readings and resets sum stripes that several threads write at once (the others
 * inflate when their recordings happen to collide). Every snapshot must satisfy the documented invariants.
 * Bounded by iteration counts, not by time.
 */
class MetricsCollectorConcurrencyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final String[] TASKS = {"alpha", "beta", "gamma"};
    private static final String UNREGISTERED = "transient";
    /** Spread over stripes before the recorders start. */
    private static final String SPREAD_BEFORE = "beta";
    /** Spread over stripes by the snapshotter while the recorders record. */
    private static final String SPREAD_WHILE_RECORDING = "gamma";
    /** Durations on, just above and between the default bounds, and past the last one. */
    private static final long[] DURATIONS = {
        0, 1, 5 * MS, 5 * MS + 1, 7 * MS, 100 * MS, 250 * MS, 2 * S, 60 * S, 60 * S + 1, 61 * S
    };
    /** Per task, the durations it may take: different ranges so that min and max checks have teeth. */
    private static final long[][] TASK_DURATIONS = {
        DURATIONS, {5 * MS, 5 * MS + 1, 7 * MS, 100 * MS, 60 * S, 60 * S + 1}, {100 * MS, 250 * MS, 2 * S}
    };

    private static final long LONGEST = 61 * S;
    private static final double[] BOUNDS = DurationHistogram.DEFAULT_BOUNDS_SECONDS;
    private static final int ITERATIONS_PER_RECORDER = 60_000;
    private static final int SNAPSHOTS_BETWEEN_RESETS = 25;
    /** Recorders wait half-way until this many snapshots were taken, so recording and reading surely overlap. */
    private static final int SNAPSHOTS_BEFORE_SECOND_HALF = 3 * SNAPSHOTS_BETWEEN_RESETS;

    private final ManualClock clock = new ManualClock(T0);
    private final MetricsCollector collector = new MetricsCollector(clock, Map.of("service", "stress"));

    /** What one recorder did, per task, to compare with the final snapshot. */
    private static final class Tally {
        final long[] successes = new long[TASKS.length];
        final long[] failures = new long[TASKS.length];
        final long[] timeouts = new long[TASKS.length];
        final long[] skipped = new long[TASKS.length];
        final long[] retries = new long[TASKS.length];
        final long[] totalNanos = new long[TASKS.length];
        final long[] starts = new long[TASKS.length];
        final long[] latenessNanos = new long[TASKS.length];
        final long[][] buckets = new long[TASKS.length][DurationHistogram.DEFAULT_BOUNDS_SECONDS.length + 1];
    }

    @Test
    void everySnapshotIsConsistentWhileFourThreadsRecord() throws Exception {
        for (String task : TASKS) {
            collector.onRegistered(task);
        }
        Tally[] tallies = {new Tally(), new Tally(), new Tally(), new Tally()};
        SnapshotChecker checker = runConcurrently(tallies, false);

        assertThat(checker.failure.get()).as("invariant violated in a snapshot").isNull();
        assertThat(checker.snapshots).isGreaterThanOrEqualTo(SNAPSHOTS_BEFORE_SECOND_HALF);

        MetricsSnapshot last = collector.snapshot();
        checker.check(last);
        for (int t = 0; t < TASKS.length; t++) {
            assertThat(last.tasks().get(TASKS[t]).running()).isZero();
            assertRecordedExactlyOnce(t, tallies, List.of(last));
        }
    }

    /** The parts' counters add up to what the recorders recorded for task {@code t}: no run lost, none twice. */
    private static void assertRecordedExactlyOnce(int t, Tally[] tallies, List<MetricsSnapshot> parts) {
        String name = TASKS[t];
        List<TaskStats> stats = parts.stream()
                .map(p -> p.tasks().get(name))
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(total(stats, TaskStats::successes)).isEqualTo(sum(tallies, tally -> tally.successes[t]));
        assertThat(total(stats, TaskStats::failures)).isEqualTo(sum(tallies, tally -> tally.failures[t]));
        assertThat(total(stats, TaskStats::timeouts)).isEqualTo(sum(tallies, tally -> tally.timeouts[t]));
        assertThat(total(stats, TaskStats::skipped)).isEqualTo(sum(tallies, tally -> tally.skipped[t]));
        assertThat(total(stats, TaskStats::retries)).isEqualTo(sum(tallies, tally -> tally.retries[t]));
        assertThat(total(stats, TaskStats::totalDurationNanos)).isEqualTo(sum(tallies, tally -> tally.totalNanos[t]));
        assertThat(total(stats, s -> s.lateness().count())).isEqualTo(sum(tallies, tally -> tally.starts[t]));
        assertThat(total(stats, s -> s.lateness().totalNanos()))
                .isEqualTo(sum(tallies, tally -> tally.latenessNanos[t]));
        long[] expectedBuckets = new long[DurationHistogram.DEFAULT_BOUNDS_SECONDS.length + 1];
        long[] buckets = new long[expectedBuckets.length];
        for (Tally tally : tallies) {
            for (int b = 0; b < expectedBuckets.length; b++) {
                expectedBuckets[b] += tally.buckets[t][b];
            }
        }
        for (TaskStats part : stats) {
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] += part.durations().bucketCount(b);
            }
        }
        assertThat(buckets).containsExactly(expectedBuckets);
    }

    private static long total(List<TaskStats> parts, java.util.function.ToLongFunction<TaskStats> field) {
        return parts.stream().mapToLong(field).sum();
    }

    @Test
    void everySnapshotIsConsistentAcrossResetsWhileFourThreadsRecord() throws Exception {
        for (String task : TASKS) {
            collector.onRegistered(task);
        }
        Tally[] tallies = {new Tally(), new Tally(), new Tally(), new Tally()};
        SnapshotChecker checker = runConcurrently(tallies, true);

        assertThat(checker.failure.get()).as("invariant violated in a snapshot").isNull();
        assertThat(checker.resets).isGreaterThanOrEqualTo(SNAPSHOTS_BEFORE_SECOND_HALF / SNAPSHOTS_BETWEEN_RESETS);

        // Once recording has stopped, a reset leaves registered tasks at zero and nothing running.
        MetricsSnapshot lastPeriod = collector.reset();
        checker.check(lastPeriod);
        List<MetricsSnapshot> periods = new ArrayList<>(checker.ended);
        periods.add(lastPeriod);
        // Each reset returned exactly what it took: a run racing a reset is in one period's last snapshot only.
        for (int t = 0; t < TASKS.length; t++) {
            assertRecordedExactlyOnce(t, tallies, periods);
        }
        MetricsSnapshot afterwards = collector.snapshot();
        checker.check(afterwards);
        assertThat(afterwards.tasks()).containsOnlyKeys(TASKS);
        assertThat(afterwards.totals()).isEqualTo(Totals.ZERO);
    }

    private SnapshotChecker runConcurrently(Tally[] tallies, boolean withResets) throws Exception {
        CyclicBarrier go = new CyclicBarrier(tallies.length + 1);
        AtomicBoolean recordersDone = new AtomicBoolean();
        AtomicReference<Throwable> recorderFailure = new AtomicReference<>();
        SnapshotChecker checker = new SnapshotChecker();
        Thread[] recorders = new Thread[tallies.length];
        for (int r = 0; r < recorders.length; r++) {
            Tally tally = tallies[r];
            boolean throughHandles = r % 2 == 1;
            long seed = r + 1L;
            recorders[r] = new Thread(
                    () -> record(go, tally, throughHandles, seed, checker, recorderFailure),
                    (throughHandles ? "recorder-handle-" : "recorder-listener-") + r);
        }
        collector.cell(SPREAD_BEFORE).spread();
        Thread snapshotter = new Thread(
                () -> {
                    try {
                        go.await();
                        int sinceReset = 0;
                        do {
                            if (checker.snapshots == SNAPSHOTS_BETWEEN_RESETS / 2) {
                                collector.cell(SPREAD_WHILE_RECORDING).spread();
                            }
                            checker.check(collector.snapshot());
                            if (withResets && ++sinceReset == SNAPSHOTS_BETWEEN_RESETS) {
                                sinceReset = 0;
                                Instant before = collector.startTime();
                                MetricsSnapshot ended = collector.reset();
                                // The period's last snapshot obeys the invariants and is not below its others.
                                checker.check(ended);
                                checker.ended.add(ended);
                                checker.resets++;
                                if (!collector.startTime().isAfter(before)) {
                                    throw new AssertionError("reset kept start time " + before);
                                }
                            }
                        } while (!recordersDone.get() && checker.failure.get() == null);
                    } catch (Throwable e) {
                        checker.failure.compareAndSet(null, e);
                    }
                },
                "snapshotter");

        for (Thread recorder : recorders) {
            recorder.start();
        }
        snapshotter.start();
        for (Thread recorder : recorders) {
            recorder.join();
        }
        recordersDone.set(true);
        snapshotter.join();
        assertThat(recorderFailure.get()).as("a recorder failed").isNull();
        assertThat(collector.cell(SPREAD_BEFORE).stripeCount()).isPositive();
        assertThat(collector.cell(SPREAD_WHILE_RECORDING).stripeCount()).isPositive();
        return checker;
    }

    private void record(
            CyclicBarrier go,
            Tally tally,
            boolean throughHandles,
            long seed,
            SnapshotChecker checker,
            AtomicReference<Throwable> failure) {
        try {
            SplittableRandom random = new SplittableRandom(seed);
            TaskMetricsHandle[] handles = new TaskMetricsHandle[TASKS.length];
            for (int t = 0; t < TASKS.length; t++) {
                handles[t] = collector.handle(TASKS[t]);
            }
            BucketBounds bounds = BucketBounds.ofSeconds(DurationHistogram.DEFAULT_BOUNDS_SECONDS);
            go.await();
            for (int i = 0; i < ITERATIONS_PER_RECORDER; i++) {
                if (i == ITERATIONS_PER_RECORDER / 2) {
                    while (checker.snapshots < SNAPSHOTS_BEFORE_SECOND_HALF && checker.failure.get() == null) {
                        Thread.yield();
                    }
                }
                if (random.nextInt(16) == 0) {
                    // A task nobody registered: created on the fly, dropped at each reset.
                    ExecutionEvent run = new ExecutionEvent(UNREGISTERED, EpochNanos.of(T0), EpochNanos.of(T0), 0, 1);
                    collector.onStart(run);
                    collector.onSuccess(run, DURATIONS[random.nextInt(DURATIONS.length)]);
                    continue;
                }
                int t = random.nextInt(TASKS.length);
                String task = TASKS[t];
                if (random.nextInt(10) == 0) {
                    if (throughHandles) {
                        handles[t].recordSkipped();
                    } else {
                        collector.onSkipped(
                                new ExecutionEvent(task, EpochNanos.of(T0), ExecutionEvent.NOT_STARTED, 0, 1));
                    }
                    tally.skipped[t]++;
                    continue;
                }
                long lateness = random.nextInt(3) * MS + random.nextInt(1000);
                long duration = TASK_DURATIONS[t][random.nextInt(TASK_DURATIONS[t].length)];
                long start = EpochNanos.of(T0) + i;
                ExecutionEvent run = new ExecutionEvent(task, start - lateness, start, lateness, 1);
                int outcome = random.nextInt(8);
                boolean retried = random.nextInt(4) == 0;
                if (throughHandles) {
                    handles[t].recordStart(lateness);
                    if (retried) {
                        handles[t].recordRetry();
                    }
                    switch (outcome) {
                        case 0 -> handles[t].recordTimeout(start, duration);
                        case 1, 2 -> handles[t].recordFailure(start, duration);
                        default -> handles[t].recordSuccess(start, duration);
                    }
                } else {
                    collector.onStart(run);
                    if (retried) {
                        collector.onRetry(run, new IllegalStateException("retry"), Duration.ZERO);
                    }
                    switch (outcome) {
                        case 0 -> collector.onTimeout(run, duration);
                        case 1, 2 -> collector.onFailure(run, duration, new IllegalStateException("fail"));
                        default -> collector.onSuccess(run, duration);
                    }
                }
                tally.starts[t]++;
                tally.latenessNanos[t] += lateness;
                tally.retries[t] += retried ? 1 : 0;
                tally.timeouts[t] += outcome == 0 ? 1 : 0;
                tally.failures[t] += outcome <= 2 ? 1 : 0;
                tally.successes[t] += outcome > 2 ? 1 : 0;
                tally.totalNanos[t] += duration;
                tally.buckets[t][bounds.bucketOf(duration)]++;
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static long[] durationsOf(String task) {
        for (int t = 0; t < TASKS.length; t++) {
            if (TASKS[t].equals(task)) {
                return TASK_DURATIONS[t];
            }
        }
        return DURATIONS;
    }

    private interface TallyField {
        long of(Tally tally);
    }

    private static long sum(Tally[] tallies, TallyField field) {
        long sum = 0;
        for (Tally tally : tallies) {
            sum += field.of(tally);
        }
        return sum;
    }

    /** Checks each snapshot alone and against the one before; plain checks, fast enough to run continuously. */
    private final class SnapshotChecker {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile int snapshots;
        volatile int resets;
        /** What each reset returned: the last snapshot of each period it ended. */
        final List<MetricsSnapshot> ended = new java.util.concurrent.CopyOnWriteArrayList<>();

        private MetricsSnapshot previous;

        void check(MetricsSnapshot snapshot) {
            snapshots++;
            require(
                    snapshot.totals().equals(Totals.sumOf(snapshot.tasks().values())),
                    "totals are not the sum over tasks",
                    snapshot);
            require(!snapshot.timestamp().isBefore(snapshot.startTime()), "timestamp before start time", snapshot);
            for (TaskStats task : snapshot.tasks().values()) {
                checkTask(task, snapshot);
            }
            if (previous != null) {
                require(!snapshot.startTime().isBefore(previous.startTime()), "start time went back", snapshot);
                if (snapshot.startTime().equals(previous.startTime())) {
                    for (TaskStats before : previous.tasks().values()) {
                        TaskStats now = snapshot.tasks().get(before.name());
                        require(now != null, "task " + before.name() + " vanished without a reset", snapshot);
                        checkNotDown(before, now, snapshot);
                    }
                }
            }
            previous = snapshot;
        }

        private void checkTask(TaskStats task, MetricsSnapshot snapshot) {
            long executions = task.executions();
            require(executions == task.successes() + task.failures(), "executions != successes + failures", snapshot);
            require(task.timeouts() <= task.failures(), task.name() + ": timeouts > failures", snapshot);
            require(
                    task.durations().count() == executions,
                    task.name() + ": histogram count " + task.durations().count() + " != executions " + executions,
                    snapshot);
            require(
                    task.durations().sumSeconds() == task.totalDurationSeconds(),
                    task.name() + ": histogram sum differs from total duration",
                    snapshot);
            if (executions == 0) {
                require(
                        task.totalDurationNanos() == 0 && task.minDurationNanos() == 0 && task.maxDurationNanos() == 0,
                        task.name() + ": durations without executions",
                        snapshot);
            } else {
                // min <= average <= max, exactly, in nanoseconds: min * n <= total <= max * n.
                require(
                        task.minDurationNanos() * executions <= task.totalDurationNanos(),
                        task.name() + ": average below min",
                        snapshot);
                require(
                        task.totalDurationNanos() <= task.maxDurationNanos() * executions,
                        task.name() + ": average above max",
                        snapshot);
                long[] possible = durationsOf(task.name());
                require(
                        task.minDurationNanos() >= possible[0]
                                && task.maxDurationNanos() <= possible[possible.length - 1],
                        task.name() + ": min/max outside the recorded durations",
                        snapshot);
                checkTotalFitsTheBuckets(task, snapshot);
                require(
                        task.lastSuccess() != null || task.successes() == 0,
                        task.name() + ": no last success",
                        snapshot);
                require(
                        task.lastFailure() != null || task.failures() == 0,
                        task.name() + ": no last failure",
                        snapshot);
            }
            Lateness lateness = task.lateness();
            require(
                    lateness.totalNanos() <= lateness.maxNanos() * lateness.count(),
                    task.name() + ": average lateness above max",
                    snapshot);
        }

        /** Each bucket bounds its observations, so the buckets bound the total duration from both sides. */
        private void checkTotalFitsTheBuckets(TaskStats task, MetricsSnapshot snapshot) {
            DurationHistogram histogram = task.durations();
            long lowest = 0;
            long highest = 0;
            for (int b = 0; b < histogram.bucketCount(); b++) {
                long count = histogram.bucketCount(b);
                long lower = b == 0 ? 0 : Math.round(BOUNDS[b - 1] * 1e9) + 1;
                long upper = b == BOUNDS.length ? LONGEST : Math.round(BOUNDS[b] * 1e9);
                lowest += count * lower;
                highest += count * upper;
            }
            require(
                    task.totalDurationNanos() >= lowest && task.totalDurationNanos() <= highest,
                    task.name() + ": total " + task.totalDurationNanos() + " ns outside what the buckets allow ["
                            + lowest + ", " + highest + "]",
                    snapshot);
        }

        private void checkNotDown(TaskStats before, TaskStats now, MetricsSnapshot snapshot) {
            String name = now.name();
            require(now.successes() >= before.successes(), name + ": successes went down", snapshot);
            require(now.failures() >= before.failures(), name + ": failures went down", snapshot);
            require(now.timeouts() >= before.timeouts(), name + ": timeouts went down", snapshot);
            require(now.skipped() >= before.skipped(), name + ": skipped went down", snapshot);
            require(now.retries() >= before.retries(), name + ": retries went down", snapshot);
            require(now.totalDurationNanos() >= before.totalDurationNanos(), name + ": duration went down", snapshot);
            require(now.lateness().count() >= before.lateness().count(), name + ": starts went down", snapshot);
            require(
                    now.lateness().totalNanos() >= before.lateness().totalNanos(),
                    name + ": lateness went down",
                    snapshot);
            for (int b = 0; b < now.durations().bucketCount(); b++) {
                require(
                        now.durations().bucketCount(b) >= before.durations().bucketCount(b),
                        name + ": bucket " + b + " went down",
                        snapshot);
            }
            if (before.executions() > 0) {
                require(now.minDurationNanos() <= before.minDurationNanos(), name + ": min went up", snapshot);
                require(now.maxDurationNanos() >= before.maxDurationNanos(), name + ": max went down", snapshot);
            }
        }

        private void require(boolean condition, String what, MetricsSnapshot snapshot) {
            if (!condition) {
                List<String> context = new ArrayList<>();
                context.add(what);
                context.add("snapshot #" + snapshots + " after " + resets + " resets: " + snapshot);
                if (previous != null) {
                    context.add("previous: " + previous);
                }
                throw new AssertionError(String.join("\n", context));
            }
        }
    }
}
