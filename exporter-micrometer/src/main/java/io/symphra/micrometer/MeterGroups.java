package io.symphra.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters registered for each subject of one kind (tasks, exporters) in one registry, kept in step with the
 * subjects of the latest snapshot: a new subject gets its meters, a vanished one has them removed. Changed only
 * under {@link SchedulerMeterBinder}'s lock; {@link #get} may be called from any thread.
 */
final class MeterGroups {

    /**
     * One subject's meters and the reader they share. Micrometer's function meters hold their object weakly, so the
     * reader is held here as long as the meters are registered.
     *
     * @param durations the task's timer fed per run (it is one of {@code meters}), or {@code null}
     */
    record Group(List<Meter> meters, Object reader, Timer durations) {}

    private final MeterRegistry registry;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    MeterGroups(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of subjects not seen before and removes those of subjects no longer present. */
    void sync(Set<String> present, Function<String, Group> register) {
        for (Iterator<Map.Entry<String, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Group> group = it.next();
            if (!present.contains(group.getKey())) {
                group.getValue().meters().forEach(registry::remove);
                it.remove();
            }
        }
        for (String name : present) {
            groups.computeIfAbsent(name, register);
        }
    }

    /** Removes every meter of every subject. */
    void clear() {
        groups.values().forEach(group -> group.meters().forEach(registry::remove));
        groups.clear();
    }

    /** The meters of that subject, or {@code null}. */
    Group get(String name) {
        return groups.get(name);
    }

    Set<String> names() {
        return groups.keySet();
    }
}
