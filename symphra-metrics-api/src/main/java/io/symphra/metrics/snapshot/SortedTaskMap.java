package io.symphra.metrics.snapshot;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * An immutable map from task name to statistics over two parallel arrays in ascending name order: a snapshot of
 * 100,000 tasks costs two arrays instead of 100,000 tree nodes, is built without comparisons, iterates in array
 * order and finds a name by binary search. The key array may be shared with other maps (it is never changed);
 * the value array is owned by this map. Every mutator throws {@link UnsupportedOperationException}; the rarely
 * used range views are answered by a sorted copy.
 */
final class SortedTaskMap extends AbstractMap<String, TaskStats> implements SortedMap<String, TaskStats> {

    private final String[] names;
    private final TaskStats[] stats;

    /** {@code names} strictly ascending, {@code stats[i].name()} equal to {@code names[i]}: checked by the caller. */
    SortedTaskMap(String[] names, TaskStats[] stats) {
        this.names = names;
        this.stats = stats;
    }

    @Override
    public int size() {
        return stats.length;
    }

    @Override
    public boolean isEmpty() {
        return stats.length == 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            if (key == null) {
                throw new NullPointerException("task name");
            }
            return -1;
        }
        int index = Arrays.binarySearch(names, 0, stats.length, name);
        return index >= 0 ? index : -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public TaskStats get(Object key) {
        int index = indexOf(key);
        return index >= 0 ? stats[index] : null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super TaskStats> action) {
        for (int i = 0; i < stats.length; i++) {
            action.accept(names[i], stats[i]);
        }
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public String firstKey() {
        if (stats.length == 0) {
            throw new NoSuchElementException();
        }
        return names[0];
    }

    @Override
    public String lastKey() {
        if (stats.length == 0) {
            throw new NoSuchElementException();
        }
        return names[stats.length - 1];
    }

    @Override
    public SortedMap<String, TaskStats> subMap(String fromKey, String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
    }

    @Override
    public SortedMap<String, TaskStats> headMap(String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
    }

    @Override
    public SortedMap<String, TaskStats> tailMap(String fromKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new ArrayIterator<>(names, stats.length);
            }

            @Override
            public int size() {
                return stats.length;
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Collection<TaskStats> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<TaskStats> iterator() {
                return new ArrayIterator<>(stats, stats.length);
            }

            @Override
            public int size() {
                return stats.length;
            }

            @Override
            public Object[] toArray() {
                return Arrays.copyOf(stats, stats.length, Object[].class);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T[] toArray(T[] a) {
                if (a.length < stats.length) {
                    return (T[]) Arrays.copyOf(stats, stats.length, a.getClass());
                }
                System.arraycopy(stats, 0, a, 0, stats.length);
                if (a.length > stats.length) {
                    a[stats.length] = null;
                }
                return a;
            }

            @Override
            public <T> T[] toArray(IntFunction<T[]> generator) {
                return toArray(generator.apply(0));
            }
        };
    }

    @Override
    public Set<Entry<String, TaskStats>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, TaskStats>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < stats.length;
                    }

                    @Override
                    public Entry<String, TaskStats> next() {
                        if (next >= stats.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], stats[i]);
                    }
                };
            }

            @Override
            public int size() {
                return stats.length;
            }
        };
    }

    /** Iterates the first {@code length} elements of an array, read-only. */
    private static final class ArrayIterator<E> implements Iterator<E> {
        private final E[] elements;
        private final int length;
        private int next;

        ArrayIterator(E[] elements, int length) {
            this.elements = elements;
            this.length = length;
        }

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public E next() {
            if (next >= length) {
                throw new NoSuchElementException();
            }
            return elements[next++];
        }
    }
}
