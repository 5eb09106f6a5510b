package io.symphra.scheduler;

import java.util.Arrays;

/**
 * A min-heap of jobs ordered by deadline, then by sequence number (first in, first out among equal deadlines).
 * The keys live in arrays beside the jobs, so sifting compares longs in two contiguous arrays and never touches the
 * jobs themselves: with tens of thousands of queued fires that is the difference between a cache miss per level
 * and none. Not thread-safe: its owner guards it with a lock.
 */
final class DeadlineHeap<T> {

    private long[] deadlines = new long[16];
    private long[] sequences = new long[16];
    private Object[] items = new Object[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only when not empty. */
    long firstDeadline() {
        return deadlines[0];
    }

    /** The sequence number of the item with the earliest deadline; only when not empty. */
    long firstSequence() {
        return sequences[0];
    }

    /** The item with the earliest deadline, or {@code null} when empty. */
    @SuppressWarnings("unchecked")
    T first() {
        return size == 0 ? null : (T) items[0];
    }

    void add(T item, long deadline, long sequence) {
        if (size == items.length) {
            int capacity = size * 2;
            deadlines = Arrays.copyOf(deadlines, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            items = Arrays.copyOf(items, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(deadline, sequence, deadlines[parent], sequences[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, item, deadline, sequence);
    }

    /** Removes and returns the item with the earliest deadline, or {@code null} when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) {
            return null;
        }
        T first = (T) items[0];
        int last = --size;
        long deadline = deadlines[last];
        long sequence = sequences[last];
        Object item = items[last];
        items[last] = null;
        if (last > 0) {
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && before(deadlines[right], sequences[right], deadlines[child], sequences[child])) {
                    child = right;
                }
                if (!before(deadlines[child], sequences[child], deadline, sequence)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, item, deadline, sequence);
        }
        return first;
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    private static boolean before(long deadline, long sequence, long otherDeadline, long otherSequence) {
        return deadline < otherDeadline || (deadline == otherDeadline && sequence < otherSequence);
    }

    private void move(int from, int to) {
        set(to, items[from], deadlines[from], sequences[from]);
    }

    private void set(int i, Object item, long deadline, long sequence) {
        items[i] = item;
        deadlines[i] = deadline;
        sequences[i] = sequence;
    }
}
