package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterDeltasTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final CounterDeltas deltas = new CounterDeltas();

    private static MetricsSnapshot snapshot(Instant start, int successes, int failures) {
        return SnapshotBuilder.snapshot()
                .startTime(start)
                .timestamp(start.plusSeconds(60))
                .task("job", successes, failures)
                .build();
    }

    private CounterDeltas.Deltas push(MetricsSnapshot snapshot) {
        CounterDeltas.Deltas d = deltas.compute(snapshot);
        deltas.commit(d);
        return d;
    }

    @Test
    void firstPushSendsTheCumulativeCounts() {
        CounterDeltas.Deltas d = push(snapshot(START, 3, 1));

        assertThat(d.perTask().get("job")).isEqualTo(new Counts(4, 3, 1, 0, 0, 0, 50_000_000L, 0, ClusterClaims.NONE));
        assertThat(d.total()).isEqualTo(d.perTask().get("job"));
    }

    @Test
    void laterPushesSendWhatHappenedSince() {
        push(snapshot(START, 3, 1));
        CounterDeltas.Deltas d = push(snapshot(START, 5, 4));

        assertThat(d.perTask().get("job")).isEqualTo(new Counts(5, 2, 3, 0, 0, 0, 80_000_000L, 0, ClusterClaims.NONE));
    }

    @Test
    void nothingNewSendsZero() {
        push(snapshot(START, 3, 1));

        assertThat(push(snapshot(START, 3, 1)).perTask().get("job")).isEqualTo(Counts.ZERO);
    }

    @Test
    void aResetCountsFromZeroAgain() {
        push(snapshot(START, 30, 10));
        CounterDeltas.Deltas d = push(snapshot(START.plusSeconds(120), 2, 0));

        assertThat(d.perTask().get("job")).isEqualTo(new Counts(2, 2, 0, 0, 0, 0, 20_000_000L, 0, ClusterClaims.NONE));
    }

    @Test
    void aPushNotCommittedIsCarriedIntoTheNext() {
        push(snapshot(START, 1, 0));
        deltas.compute(snapshot(START, 4, 0)); // not sent
        CounterDeltas.Deltas d = push(snapshot(START, 6, 0));

        assertThat(d.perTask().get("job").executions()).isEqualTo(5);
    }

    @Test
    void aNewTaskStartsFromZeroAndTotalsAreTheSumOfTaskDeltas() {
        push(snapshot(START, 3, 0));
        MetricsSnapshot next = SnapshotBuilder.snapshot()
                .startTime(START)
                .task("job", 5, 0)
                .task("new", 1, 1)
                .build();

        CounterDeltas.Deltas d = push(next);

        assertThat(d.perTask().get("job").executions()).isEqualTo(2);
        assertThat(d.perTask().get("new").executions()).isEqualTo(2);
        assertThat(d.total().executions()).isEqualTo(4);
        assertThat(d.total().successes()).isEqualTo(3);
    }

    @Test
    void aCounterThatWentDownWithoutAResetIsTakenAsStartedAgain() {
        push(snapshot(START, 10, 0));

        assertThat(push(snapshot(START, 4, 0)).perTask().get("job").executions())
                .isEqualTo(4);
    }

    @Test
    void timeoutsSkippedAndRetriesAreDeltasToo() {
        MetricsSnapshot first = SnapshotBuilder.snapshot()
                .startTime(START)
                .task("job", new long[] {10}, new long[] {5, 5}, 1, 2, 3, 1)
                .build();
        MetricsSnapshot second = SnapshotBuilder.snapshot()
                .startTime(START)
                .task("job", new long[] {10}, new long[] {5, 5, 5}, 2, 7, 4, 0)
                .build();
        push(first);

        assertThat(push(second).perTask().get("job"))
                .isEqualTo(new Counts(1, 0, 1, 1, 5, 1, 5_000_000L, 0, ClusterClaims.NONE));
    }
}
