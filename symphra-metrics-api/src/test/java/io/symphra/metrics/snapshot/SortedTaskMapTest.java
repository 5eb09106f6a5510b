package io.symphra.metrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The task map of a snapshot built from sorted arrays ({@link MetricsSnapshot#ofSorted(Instant, Instant, TaskNames,
 * TaskStats[], Map, List)}, and the other factories, which use it too) behaves as an unmodifiable {@link TreeMap}
 * with the same content: same lookups, order, views, equality and hash code.
 */
class SortedTaskMapTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskStats stats(String name, long successes) {
        return new TaskStats(
                name,
                successes,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                null,
                ExecutionOutcome.NONE,
                DurationHistogram.emptyDefault(),
                Lateness.NONE);
    }

    private static MetricsSnapshot snapshotOf(String... names) {
        TaskStats[] stats = new TaskStats[names.length];
        for (int i = 0; i < names.length; i++) {
            stats[i] = stats(names[i], i + 1);
        }
        return MetricsSnapshot.ofSorted(START, START, TaskNames.ofSorted(names), stats, Map.of("k", "v"), List.of());
    }

    private static TreeMap<String, TaskStats> treeOf(MetricsSnapshot snapshot) {
        TreeMap<String, TaskStats> tree = new TreeMap<>();
        for (TaskStats stats : new ArrayList<>(snapshot.tasks().values())) {
            tree.put(stats.name(), stats);
        }
        return tree;
    }

    @Test
    void answersLikeATreeMapWithTheSameContent() {
        MetricsSnapshot snapshot = snapshotOf("alpha", "beta", "delta", "gamma");
        SortedMap<String, TaskStats> tasks = snapshot.tasks();
        TreeMap<String, TaskStats> tree = treeOf(snapshot);

        assertThat(tasks).hasSize(4).isEqualTo(tree);
        assertThat(tree).isEqualTo(tasks);
        assertThat(tasks.hashCode()).isEqualTo(tree.hashCode());
        assertThat(tasks.toString()).isEqualTo(tree.toString());
        assertThat(tasks.keySet()).containsExactly("alpha", "beta", "delta", "gamma");
        assertThat(tasks.values()).extracting(TaskStats::successes).containsExactly(1L, 2L, 3L, 4L);
        assertThat(tasks.entrySet()).containsExactlyElementsOf(tree.entrySet());
        assertThat(tasks.get("delta").successes()).isEqualTo(3);
        assertThat(tasks.get("epsilon")).isNull();
        assertThat(tasks.get(42)).isNull();
        assertThat(tasks.containsKey("gamma")).isTrue();
        assertThat(tasks.containsKey("zeta")).isFalse();
        assertThat(tasks.firstKey()).isEqualTo("alpha");
        assertThat(tasks.lastKey()).isEqualTo("gamma");
        assertThat(tasks.comparator()).isNull();
        assertThatThrownBy(() -> tasks.get(null)).isInstanceOf(NullPointerException.class);

        assertThat(tasks.subMap("b", "e")).isEqualTo(tree.subMap("b", "e")).containsOnlyKeys("beta", "delta");
        assertThat(tasks.headMap("delta")).isEqualTo(tree.headMap("delta"));
        assertThat(tasks.tailMap("delta")).isEqualTo(tree.tailMap("delta"));

        Map<String, Long> seen = new TreeMap<>();
        tasks.forEach((name, stats) -> seen.put(name, stats.successes()));
        assertThat(seen)
                .containsExactly(
                        Map.entry("alpha", 1L), Map.entry("beta", 2L), Map.entry("delta", 3L), Map.entry("gamma", 4L));
    }

    @Test
    void valuesToArrayCopiesInOrder() {
        MetricsSnapshot snapshot = snapshotOf("a", "b", "c");
        TaskStats[] exact = snapshot.tasks().values().toArray(new TaskStats[0]);
        TaskStats[] larger = snapshot.tasks().values().toArray(new TaskStats[5]);
        Object[] objects = snapshot.tasks().values().toArray();

        assertThat(exact).extracting(TaskStats::name).containsExactly("a", "b", "c");
        assertThat(larger).hasSize(5);
        assertThat(larger[3]).isNull();
        assertThat(objects).hasSize(3).isExactlyInstanceOf(Object[].class);
        exact[0] = null;
        assertThat(snapshot.tasks().get("a"))
                .as("the copy is not the map's array")
                .isNotNull();
    }

    @Test
    void isUnmodifiableThroughEveryView() {
        SortedMap<String, TaskStats> tasks = snapshotOf("a", "b").tasks();
        assertThatThrownBy(() -> tasks.put("c", stats("c", 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(tasks::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.entrySet().iterator().next().setValue(stats("a", 9)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.headMap("b").put("0", stats("0", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(tasks).containsOnlyKeys("a", "b");
    }

    @Test
    void anEmptySnapshotHasNoFirstOrLastKey() {
        SortedMap<String, TaskStats> tasks = snapshotOf().tasks();
        assertThat(tasks).isEmpty();
        assertThat(tasks.values().iterator().hasNext()).isFalse();
        assertThatThrownBy(tasks::firstKey).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(tasks::lastKey).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> tasks.keySet().iterator().next()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void ofSortedWithNamesSumsTheTotalsAndChecksEveryNameAgainstItsIndex() {
        TaskNames names = TaskNames.ofSorted("a", "b");
        MetricsSnapshot snapshot = MetricsSnapshot.ofSorted(
                START, START, names, new TaskStats[] {stats("a", 2), stats("b", 3)}, Map.of(), List.of());
        assertThat(snapshot.totals()).isEqualTo(Totals.sumOf(snapshot.tasks().values()));
        assertThat(snapshot.totals().successes()).isEqualTo(5);
        // A name equal to the one at its index, though not the same instance, is accepted.
        assertThat(MetricsSnapshot.ofSorted(
                                START,
                                START,
                                names,
                                new TaskStats[] {stats(new String("a".toCharArray()), 1), stats("b", 1)},
                                Map.of(),
                                List.of())
                        .tasks())
                .containsOnlyKeys("a", "b");

        assertThatThrownBy(() -> MetricsSnapshot.ofSorted(
                        START, START, names, new TaskStats[] {stats("b", 1), stats("a", 1)}, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
        assertThatThrownBy(() -> MetricsSnapshot.ofSorted(
                        START, START, names, new TaskStats[] {stats("a", 1)}, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 task names but 1");
    }

    @Test
    void snapshotsFromEveryFactoryAreEqualForTheSameContent() {
        TaskStats a = stats("a", 1);
        TaskStats b = stats("b", 2);
        MetricsSnapshot fromNames = MetricsSnapshot.ofSorted(
                START, START, TaskNames.ofSorted("a", "b"), new TaskStats[] {a, b}, Map.of(), List.of());
        MetricsSnapshot fromList = MetricsSnapshot.ofSorted(START, START, List.of(a, b), Map.of(), List.of());
        MetricsSnapshot fromMap = MetricsSnapshot.of(START, START, Map.of("b", b, "a", a), Map.of(), List.of());
        MetricsSnapshot fromConstructor = new MetricsSnapshot(
                START,
                START,
                Totals.sumOf(List.of(a, b)),
                new TreeMap<>(Map.of("a", a, "b", b)),
                new TreeMap<>(),
                List.of());

        assertThat(fromNames).isEqualTo(fromList).isEqualTo(fromMap).isEqualTo(fromConstructor);
        assertThat(fromNames.hashCode()).isEqualTo(fromConstructor.hashCode());
    }

    @Test
    void ofOrdersByNameWhateverTheOrderOfTheGivenMap() {
        TreeMap<String, TaskStats> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", stats("a", 1));
        reversed.put("b", stats("b", 1));
        MetricsSnapshot snapshot = MetricsSnapshot.of(START, START, reversed, Map.of(), List.of());
        assertThat(snapshot.tasks().keySet()).containsExactly("a", "b");
        assertThat(snapshot.tasks().get("b")).isNotNull();
    }

    @Test
    void taskNamesMustBeStrictlyAscendingAndAreCopied() {
        String[] source = {"a", "b", "c"};
        TaskNames names = TaskNames.ofSorted(source);
        source[0] = "z";
        assertThat(names.asList()).containsExactly("a", "b", "c");
        assertThat(names.size()).isEqualTo(3);
        assertThat(names.get(2)).isEqualTo("c");
        assertThat(names)
                .isEqualTo(TaskNames.ofSorted("a", "b", "c"))
                .hasSameHashCodeAs(TaskNames.ofSorted("a", "b", "c"));
        assertThat(TaskNames.ofSorted().size()).isZero();

        assertThatThrownBy(() -> TaskNames.ofSorted("b", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b' before 'a'");
        assertThatThrownBy(() -> TaskNames.ofSorted("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskNames.ofSorted("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void wrapCountsKeepsTheBoundsAndChecksTheCounts() {
        DurationHistogram empty = DurationHistogram.empty(new double[] {0.1, 1});
        DurationHistogram filled = empty.wrapCounts(new long[] {1, 2, 3}, 4.5);
        assertThat(filled).isEqualTo(DurationHistogram.of(new double[] {0.1, 1}, new long[] {1, 2, 3}, 4.5));
        assertThat(filled.count()).isEqualTo(6);
        assertThat(filled.upperBound(1)).isEqualTo(1.0);
        assertThatThrownBy(() -> empty.wrapCounts(new long[] {1, 2}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.wrapCounts(new long[] {1, -2, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
