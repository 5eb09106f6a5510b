package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeadlineHeapTest {

    private record Entry(String item, long deadline, long sequence, long tag) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::deadline).thenComparingLong(Entry::sequence);

    @Test
    void pollsInDeadlineThenSequenceOrderWithTagsAlongLikeAReferenceQueue() {
        SplittableRandom random = new SplittableRandom(42);
        DeadlineHeap<String> heap = new DeadlineHeap<>();
        PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
        long sequence = 0;
        for (int step = 0; step < 200_000; step++) {
            if (random.nextInt(10) < 6 || reference.isEmpty()) {
                // Few distinct deadlines, so that ties (broken by sequence) are common; some extreme ones.
                long deadline = switch (random.nextInt(20)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    default -> random.nextLong(-50, 50);
                };
                Entry e = new Entry("job" + step, deadline, ++sequence, random.nextLong());
                heap.add(e.item(), e.deadline(), e.sequence(), e.tag());
                reference.add(e);
            } else {
                Entry expected = reference.poll();
                assertThat(heap.firstDeadline()).isEqualTo(expected.deadline());
                assertThat(heap.firstTag()).isEqualTo(expected.tag());
                assertThat(heap.first()).isEqualTo(expected.item());
                assertThat(heap.poll()).isEqualTo(expected.item());
            }
            assertThat(heap.size()).isEqualTo(reference.size());
        }
        List<String> rest = new ArrayList<>();
        while (!heap.isEmpty()) {
            rest.add(heap.poll());
        }
        List<String> expectedRest = new ArrayList<>();
        while (!reference.isEmpty()) {
            expectedRest.add(reference.poll().item());
        }
        assertThat(rest).isEqualTo(expectedRest);
        assertThat(heap.poll()).isNull();
        assertThat(heap.first()).isNull();
    }

    @Test
    void clearEmptiesAndTheHeapStaysUsable() {
        DeadlineHeap<String> heap = new DeadlineHeap<>();
        for (int i = 0; i < 100; i++) {
            heap.add("a" + i, 100 - i, i, i);
        }
        heap.clear();
        assertThat(heap.isEmpty()).isTrue();
        heap.add("b", 5, 1, 7);
        heap.add("c", 5, 2, 8);
        heap.add("a", 4, 3, 9);
        assertThat(heap.poll()).isEqualTo("a");
        assertThat(heap.firstTag()).isEqualTo(7);
        assertThat(heap.poll()).isEqualTo("b");
        assertThat(heap.poll()).isEqualTo("c");
    }

    @Test
    void removeIfDropsTheMatchingItemsAndTheRestStillPollsInOrder() {
        SplittableRandom random = new SplittableRandom(7);
        DeadlineHeap<String> heap = new DeadlineHeap<>();
        PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 1_000; i++) {
                long sequence = round * 1_000L + i;
                Entry e = new Entry(
                        (random.nextInt(3) == 0 ? "dead" : "live") + sequence,
                        random.nextLong(-20, 20),
                        sequence,
                        random.nextLong());
                heap.add(e.item(), e.deadline(), e.sequence(), e.tag());
                reference.add(e);
            }
            int dead = (int)
                    reference.stream().filter(e -> e.item().startsWith("dead")).count();
            assertThat(heap.removeIf(item -> item.startsWith("dead"))).isEqualTo(dead);
            reference.removeIf(e -> e.item().startsWith("dead"));
            assertThat(heap.size()).isEqualTo(reference.size());
            // Poll most of them, so that the heap shrinks and grows again across rounds.
            while (reference.size() > 100) {
                Entry expected = reference.poll();
                assertThat(heap.firstTag()).isEqualTo(expected.tag());
                assertThat(heap.poll()).isEqualTo(expected.item());
            }
        }
        assertThat(heap.removeIf(item -> true)).isEqualTo(reference.size());
        assertThat(heap.isEmpty()).isTrue();
        heap.add("again", 1, 1, 1);
        assertThat(heap.poll()).isEqualTo("again");
    }
}
