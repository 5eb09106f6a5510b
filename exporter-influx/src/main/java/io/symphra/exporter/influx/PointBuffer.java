package io.symphra.exporter.influx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The points waiting to be written, oldest first, never more than a fixed number: when a new snapshot's points
 * would exceed the limit, the oldest points are dropped to make room, so memory stays bounded however long the
 * server is away.
 */
final class PointBuffer {

    private final int limit;
    private final ArrayDeque<String> points = new ArrayDeque<>();
    private long droppedTotal;

    PointBuffer(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
    }

    /** Appends the points and returns how many of the oldest buffered points were dropped to stay in the limit. */
    synchronized int addAll(List<String> newPoints) {
        int dropped = 0;
        int skip = Math.max(0, newPoints.size() - limit);
        // Points that cannot fit even in an empty buffer are dropped before they are stored.
        dropped += skip;
        int room = limit - points.size();
        int incoming = newPoints.size() - skip;
        for (int i = incoming - room; i > 0; i--) {
            points.pollFirst();
            dropped++;
        }
        points.addAll(newPoints.subList(skip, newPoints.size()));
        droppedTotal += dropped;
        return dropped;
    }

    /** Up to {@code max} of the oldest points, without removing them. */
    synchronized List<String> peek(int max) {
        List<String> batch = new ArrayList<>(Math.min(max, points.size()));
        Iterator<String> it = points.iterator();
        while (batch.size() < max && it.hasNext()) {
            batch.add(it.next());
        }
        return batch;
    }

    /** Removes the {@code n} oldest points, after they were written or rejected. */
    synchronized void removeFirst(int n) {
        for (int i = 0; i < n && !points.isEmpty(); i++) {
            points.pollFirst();
        }
    }

    synchronized int size() {
        return points.size();
    }

    /** Points dropped because the buffer was full, since it was created. */
    synchronized long droppedTotal() {
        return droppedTotal;
    }
}
