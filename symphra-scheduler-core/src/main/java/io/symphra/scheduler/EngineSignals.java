package io.symphra.scheduler;

import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.internal.LiveSignals;
import io.symphra.scheduler.internal.SchedulerVersion;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/** Reads next fires, runs in progress and the workers' load when a snapshot is taken; O(tasks + threads). */
final class EngineSignals implements LiveSignals {

    private final NavigableMap<String, RegisteredTask> tasks;
    private final TimerQueue fireQueue;
    private final RunsInFlight runs;
    private final boolean clustered;

    EngineSignals(
            NavigableMap<String, RegisteredTask> tasks, TimerQueue fireQueue, RunsInFlight runs, boolean clustered) {
        this.tasks = tasks;
        this.fireQueue = fireQueue;
        this.runs = runs;
        this.clustered = clustered;
    }

    @Override
    public void readTasks(String[] sortedNames, long[] nextFire, long[] oldestStart, RunPolicy[] policy) {
        RegisteredTask[] found = new RegisteredTask[sortedNames.length];
        // The registry and the names are both in name order: one walk, not a lookup per name.
        Iterator<Map.Entry<String, RegisteredTask>> registered =
                tasks.entrySet().iterator();
        Map.Entry<String, RegisteredTask> entry = registered.hasNext() ? registered.next() : null;
        for (int i = 0; i < sortedNames.length; i++) {
            while (entry != null && entry.getKey().compareTo(sortedNames[i]) < 0) {
                entry = registered.hasNext() ? registered.next() : null;
            }
            RegisteredTask t = entry != null && entry.getKey().equals(sortedNames[i]) ? entry.getValue() : null;
            found[i] = t;
            oldestStart[i] = t == null ? EpochNanos.NONE : t.oldestRunStart();
            policy[i] = t == null ? RunPolicy.ANY : t.runPolicy;
        }
        fireQueue.dueOf(found, nextFire);
    }

    @Override
    public SchedulerState scheduler() {
        int[] busy = {0};
        runs.forEach(run -> {
            if (run.isExecuting()) {
                busy[0]++;
            }
        });
        long waiting = fireQueue.dueFires() + Math.max(0, runs.waitingForAWorker());
        return new SchedulerState(SchedulerVersion.get(), busy[0], waiting, clustered);
    }
}
