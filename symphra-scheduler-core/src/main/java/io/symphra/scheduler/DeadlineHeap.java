package io.symphra.scheduler;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A min-heap of items ordered by deadline, then by sequence number (first in, first out among equal deadlines),
 * each carrying a tag for its owner.
 *
 * <p>Laid out for a heap of tens of thousands of fires that mostly lives outside the CPU caches: the keys live
 * beside the items, not in them, so sifting never touches an item; each entry's deadline, sequence and tag sit
 * next to each other in one {@code long[]}, so a step costs one cache line, not three; and the heap is 4-ary, so
 * siblings are adjacent and a heap of 10,000 is 7 levels deep instead of 14. Not thread-safe: its owner guards it
 * with a lock.
 */
final class DeadlineHeap<T> {

    private static final int ARITY = 4;
    /** Longs per entry in {@link #keys}: deadline, sequence, tag. */
    private static final int STRIDE = 3;

    private long[] keys = new long[16 * STRIDE];
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
        return keys[0];
    }

    /** The tag of the item with the earliest deadline; only when not empty. */
    long firstTag() {
        return keys[2];
    }

    /** The item with the earliest deadline, or {@code null} when empty. */
    @SuppressWarnings("unchecked")
    T first() {
        return size == 0 ? null : (T) items[0];
    }

    /** Adds {@code item}, ordered by {@code deadline} then {@code sequence}, carrying {@code tag} along. */
    void add(T item, long deadline, long sequence, long tag) {
        if (size == items.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, capacity * STRIDE);
            items = Arrays.copyOf(items, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(deadline, sequence, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, item, deadline, sequence, tag);
    }

    /** Removes and returns the item with the earliest deadline, or {@code null} when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) {
            return null;
        }
        T first = (T) items[0];
        int last = --size;
        int lastKey = last * STRIDE;
        long deadline = keys[lastKey];
        long sequence = keys[lastKey + 1];
        long tag = keys[lastKey + 2];
        Object item = items[last];
        items[last] = null;
        if (last > 0) {
            siftDown(0, item, deadline, sequence, tag);
        }
        return first;
    }

    /**
     * Removes every item that {@code dead} accepts and restores the heap over the rest, in time linear in the size;
     * gives back storage that is mostly unused. Returns how many it removed.
     */
    @SuppressWarnings("unchecked")
    int removeIf(Predicate<? super T> dead) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!dead.test((T) items[i])) {
                if (kept != i) {
                    move(i, kept);
                }
                kept++;
            }
        }
        Arrays.fill(items, kept, size, null);
        int removed = size - kept;
        size = kept;
        heapify();
        if (items.length > 64 && size < items.length / 4) {
            int capacity = Math.max(16, size * 2);
            keys = Arrays.copyOf(keys, capacity * STRIDE);
            items = Arrays.copyOf(items, capacity);
        }
        return removed;
    }

    /**
     * Gives every item that {@code moves} accepts the deadline that {@code deadline} computes for it (its sequence
     * and tag stay), and restores the heap, in time linear in the size.
     */
    @SuppressWarnings("unchecked")
    void redate(Predicate<? super T> moves, ToLongFunction<? super T> deadline) {
        for (int i = 0; i < size; i++) {
            T item = (T) items[i];
            if (moves.test(item)) {
                keys[i * STRIDE] = deadline.applyAsLong(item);
            }
        }
        heapify();
    }

    /** Restores the heap order over the whole array, bottom-up. */
    private void heapify() {
        for (int i = (size - 2) / ARITY; size > 1 && i >= 0; i--) {
            int k = i * STRIDE;
            siftDown(i, items[i], keys[k], keys[k + 1], keys[k + 2]);
        }
    }

    /** Places (deadline, sequence, tag, item) at {@code i} or below, moving earlier children up. */
    private void siftDown(int i, Object item, long deadline, long sequence, long tag) {
        while (true) {
            int firstChild = i * ARITY + 1;
            if (firstChild >= size) {
                break;
            }
            int least = firstChild;
            int end = Math.min(firstChild + ARITY, size);
            for (int c = firstChild + 1; c < end; c++) {
                if (earlier(c, least)) {
                    least = c;
                }
            }
            if (!lessThan(least, deadline, sequence)) {
                break;
            }
            move(least, i);
            i = least;
        }
        set(i, item, deadline, sequence, tag);
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    /** Whether (deadline, sequence) comes before entry {@code j}. */
    private boolean before(long deadline, long sequence, int j) {
        long otherDeadline = keys[j * STRIDE];
        return deadline < otherDeadline || (deadline == otherDeadline && sequence < keys[j * STRIDE + 1]);
    }

    /** Whether entry {@code j} comes before (deadline, sequence). */
    private boolean lessThan(int j, long deadline, long sequence) {
        long d = keys[j * STRIDE];
        return d < deadline || (d == deadline && keys[j * STRIDE + 1] < sequence);
    }

    /** Whether entry {@code a} comes before entry {@code b}. */
    private boolean earlier(int a, int b) {
        return lessThan(a, keys[b * STRIDE], keys[b * STRIDE + 1]);
    }

    private void move(int from, int to) {
        int f = from * STRIDE;
        set(to, items[from], keys[f], keys[f + 1], keys[f + 2]);
    }

    private void set(int i, Object item, long deadline, long sequence, long tag) {
        items[i] = item;
        int k = i * STRIDE;
        keys[k] = deadline;
        keys[k + 1] = sequence;
        keys[k + 2] = tag;
    }
}
