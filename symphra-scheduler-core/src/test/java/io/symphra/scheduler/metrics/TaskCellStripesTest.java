package io.symphra.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A {@link TaskCell} whose recordings are spread over stripes: readings sum the stripes exactly, "last" values
 * come from the latest recording, resets zero every stripe, and under many threads recording into one cell while
 * it grows, every reading is a consistent cut. Bounded by iteration counts, not by time.
 */
class TaskCellStripesTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final BucketBounds BOUNDS = BucketBounds.ofSeconds(DurationHistogram.DEFAULT_BOUNDS_SECONDS);
    private static final long[] DURATIONS = {0, 1, 5 * MS, 5 * MS + 1, 7 * MS, 100 * MS, 2 * S, 60 * S + 1};
    private static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * S;

    @Test
    void anUncontendedCellKeepsItsBaseStripeOnly() {
        TaskCell cell = new TaskCell("quiet", BOUNDS, 8);
        for (int i = 0; i < 1_000; i++) {
            cell.recordSuccess(DURATIONS[i % DURATIONS.length], EPOCH + i);
        }
        assertThat(cell.stripeCount()).isZero();
        assertThat(cell.stats().successes()).isEqualTo(1_000);
    }

    @Test
    void spreadingInflatesThenDoublesUpToTheLimit() {
        TaskCell cell = new TaskCell("busy", BOUNDS, 8);
        cell.spread();
        assertThat(cell.stripeCount()).isEqualTo(2);
        cell.spread();
        cell.spread();
        cell.spread();
        assertThat(cell.stripeCount()).isEqualTo(8);
        assertThatThrownBy(() -> new TaskCell("odd", BOUNDS, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskCell("one", BOUNDS, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadingSumsTheBaseAndEveryStripeAndTakesTheLatestEnds() throws Exception {
        TaskCell cell = new TaskCell("spread", BOUNDS, 4);
        // Into the base stripe, which no thread writes once the cell is spread: the latest end of all, so it must
        // win over the ends written afterwards into the padded stripes.
        cell.recordSuccess(7 * MS, EPOCH + 500);
        cell.spread();
        cell.spread();
        // Threads have different probes, so these land in several stripes.
        long[] endsOfSuccess = {EPOCH + 10, EPOCH + 20, EPOCH + 30, EPOCH + 40};
        Thread[] recorders = new Thread[4];
        for (int t = 0; t < recorders.length; t++) {
            int thread = t;
            recorders[t] = new Thread(() -> {
                cell.recordSuccess(DURATIONS[thread + 1], endsOfSuccess[thread]);
                cell.recordFailure(2 * S, EPOCH + 100 + thread, thread == 0);
            });
            recorders[t].start();
            recorders[t].join();
        }

        TaskStats stats = cell.stats();
        assertThat(stats.successes()).isEqualTo(5);
        assertThat(stats.failures()).isEqualTo(4);
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.totalDurationNanos())
                .isEqualTo(7 * MS + DURATIONS[1] + DURATIONS[2] + DURATIONS[3] + DURATIONS[4] + 4 * 2 * S);
        assertThat(stats.minDurationNanos()).isEqualTo(DURATIONS[1]);
        assertThat(stats.maxDurationNanos()).isEqualTo(2 * S);
        assertThat(stats.durations().count()).isEqualTo(9);
        assertThat(stats.durations().bucketCount(BOUNDS.bucketOf(2 * S))).isEqualTo(4);
        assertThat(stats.lastSuccess()).isEqualTo(Instant.ofEpochSecond(0, EPOCH + 500));
        assertThat(stats.lastFailure()).isEqualTo(Instant.ofEpochSecond(0, EPOCH + 103));
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.FAILURE);
    }

    @Test
    void aResetZeroesEveryStripeAndKeepsWhatComesAfter() throws Exception {
        TaskCell cell = new TaskCell("reset", BOUNDS, 4);
        cell.recordStart(5);
        cell.recordSuccess(60 * S + 1, EPOCH + 1);
        cell.spread();
        cell.spread();
        for (int t = 0; t < 4; t++) {
            Thread recorder = new Thread(() -> {
                cell.recordStart(7);
                cell.recordFailure(100 * MS, EPOCH + 2, false);
            });
            recorder.start();
            recorder.join();
        }
        cell.recordStart(1); // still running at the reset

        cell.rebase();
        TaskStats afterReset = cell.stats();
        assertThat(afterReset.executions()).isZero();
        assertThat(afterReset.totalDurationNanos()).isZero();
        assertThat(afterReset.durations().count()).isZero();
        assertThat(afterReset.lateness().count()).isZero();
        assertThat(afterReset.running()).isEqualTo(1);

        Thread recorder = new Thread(() -> cell.recordSuccess(5 * MS, EPOCH + 3));
        recorder.start();
        recorder.join();
        TaskStats later = cell.stats();
        assertThat(later.successes()).isEqualTo(1);
        assertThat(later.failures()).isZero();
        assertThat(later.minDurationNanos()).isEqualTo(5 * MS);
        assertThat(later.maxDurationNanos()).isEqualTo(5 * MS);
        assertThat(later.running()).isZero();
    }

    @Test
    void everyReadingIsAConsistentCutWhileManyThreadsRecordIntoOneGrowingCell() throws Exception {
        int recorders = 4;
        int iterations = 40_000;
        TaskCell cell = new TaskCell("contended", BOUNDS, 8);
        CyclicBarrier go = new CyclicBarrier(recorders + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger readings = new AtomicInteger();
        long[][] totals = new long[recorders][3]; // successes, failures, duration
        long[][] buckets = new long[recorders][BOUNDS.bucketCount()];
        Thread[] threads = new Thread[recorders];
        for (int t = 0; t < recorders; t++) {
            int thread = t;
            threads[t] = new Thread(
                    () -> {
                        try {
                            SplittableRandom random = new SplittableRandom(thread);
                            go.await();
                            for (int i = 0; i < iterations; i++) {
                                if (i == iterations / 2) {
                                    // Half-way, wait until the reader has grown the cell to its limit while we
                                    // recorded.
                                    while (readings.get() < 25 && failure.get() == null) {
                                        Thread.yield();
                                    }
                                }
                                long duration = DURATIONS[random.nextInt(DURATIONS.length)];
                                cell.recordStart(1);
                                if (random.nextInt(4) == 0) {
                                    cell.recordFailure(duration, EPOCH + i, random.nextBoolean());
                                    totals[thread][1]++;
                                } else {
                                    cell.recordSuccess(duration, EPOCH + i);
                                    totals[thread][0]++;
                                }
                                totals[thread][2] += duration;
                                buckets[thread][BOUNDS.bucketOf(duration)]++;
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "recorder-" + t);
            threads[t].start();
        }

        go.await();
        try {
            readWhileRecording(cell, threads, readings, done);
        } catch (AssertionError e) {
            failure.compareAndSet(null, e); // releases recorders waiting half-way
            throw e;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failure.get()).as("a recorder failed").isNull();
        assertThat(readings.get()).isGreaterThanOrEqualTo(25);
        assertThat(cell.stripeCount()).isEqualTo(8);

        TaskStats last = cell.stats();
        checkConsistent(last);
        long[] expectedBuckets = new long[BOUNDS.bucketCount()];
        long successes = 0;
        long failures = 0;
        long duration = 0;
        for (int t = 0; t < recorders; t++) {
            successes += totals[t][0];
            failures += totals[t][1];
            duration += totals[t][2];
            for (int b = 0; b < expectedBuckets.length; b++) {
                expectedBuckets[b] += buckets[t][b];
            }
        }
        assertThat(last.successes()).isEqualTo(successes);
        assertThat(last.failures()).isEqualTo(failures);
        assertThat(last.totalDurationNanos()).isEqualTo(duration);
        assertThat(last.durations().bucketCounts()).containsExactly(expectedBuckets);
        assertThat(last.minDurationNanos()).isEqualTo(0);
        assertThat(last.maxDurationNanos()).isEqualTo(60 * S + 1);
        assertThat(last.running()).isZero();
        assertThat(last.lastSuccess()).isNotNull().isBeforeOrEqualTo(Instant.ofEpochSecond(0, EPOCH + iterations - 1));

        cell.rebase();
        TaskStats reset = cell.stats();
        checkConsistent(reset);
        assertThat(reset.executions()).isZero();
        assertThat(reset.durations().count()).isZero();
    }

    /** Reads continuously until every recorder ended, growing the cell early on, checking every reading. */
    private static void readWhileRecording(
            TaskCell cell, Thread[] threads, AtomicInteger readings, AtomicBoolean done) {
        TaskStats previous = null;
        while (!done.get()) {
            done.set(allEnded(threads));
            // Grow while they record: inflation and each doubling race with recordings and with this reader.
            int reading = readings.get();
            if (reading > 0 && reading <= 20 && reading % 5 == 0) {
                cell.spread();
            }
            TaskStats stats = cell.stats();
            checkConsistent(stats);
            if (previous != null) {
                assertThat(stats.executions()).isGreaterThanOrEqualTo(previous.executions());
                assertThat(stats.totalDurationNanos()).isGreaterThanOrEqualTo(previous.totalDurationNanos());
            }
            previous = stats;
            readings.incrementAndGet();
        }
    }

    private static boolean allEnded(Thread[] threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private static void checkConsistent(TaskStats stats) {
        long executions = stats.executions();
        assertThat(stats.durations().count())
                .as("histogram count vs executions")
                .isEqualTo(executions);
        assertThat(stats.timeouts()).isLessThanOrEqualTo(stats.failures());
        if (executions > 0) {
            assertThat(stats.minDurationNanos() * executions).isLessThanOrEqualTo(stats.totalDurationNanos());
            assertThat(stats.totalDurationNanos()).isLessThanOrEqualTo(stats.maxDurationNanos() * executions);
        }
        assertThat(stats.lateness().count()).as("starts").isGreaterThanOrEqualTo(executions);
    }
}
