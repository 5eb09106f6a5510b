package io.symphra.cluster.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One replica of a service in cluster mode, as a test plays it in this JVM: its own HikariCP pool, claim store,
 * {@link JdbcFireCoordinator} and real {@link Scheduler}, with a listener that records what it heard of each fire
 * (named {@code task@plannedEpochNanos}).
 */
final class Replica implements AutoCloseable {
    final String name;
    final HikariDataSource pool;
    final JdbcClaimStore store;
    final JdbcFireCoordinator coordinator;
    final Scheduler scheduler;
    /** Fires this replica started a run of. */
    final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    /** Fires this replica heard another instance claimed. */
    final Map<String, AtomicInteger> elsewhere = new ConcurrentHashMap<>();
    /** Fires this replica could not claim, with whether it ran them anyway: {@code fire=true}. */
    final List<String> unavailable = new CopyOnWriteArrayList<>();
    /** Fires this replica took over from a dead instance: {@code fire from instance}. */
    final List<String> abandoned = new CopyOnWriteArrayList<>();

    /**
     * @param runs where every replica of the test records each run it starts, by fire: a count above 1 is a fire
     *     that ran twice
     */
    Replica(
            Fixture fixture,
            String name,
            ClaimStoreSettings settings,
            UnaryOperator<JdbcFireCoordinator.Builder> coordinatorSettings,
            Map<String, AtomicInteger> runs) {
        this.name = name;
        this.pool = fixture.pool(null);
        this.store = JdbcClaimStore.start(pool, settings);
        this.coordinator =
                coordinatorSettings.apply(JdbcFireCoordinator.builder(store)).build();
        this.scheduler = Scheduler.builder()
                .instance(name)
                .enableMetrics(true)
                .coordinator(coordinator)
                .workerThreads(4)
                .shutdownTimeout(Duration.ofSeconds(2))
                .discoverExporters(false)
                .listener(new TaskListener() {
                    @Override
                    public void onStart(ExecutionEvent event) {
                        record(started, key(event));
                        record(runs, key(event));
                    }

                    @Override
                    public void onRanElsewhere(ExecutionEvent event) {
                        record(elsewhere, key(event));
                    }

                    @Override
                    public void onCoordinatorUnavailable(ExecutionEvent event, Throwable error, boolean ranHere) {
                        unavailable.add(key(event) + "=" + ranHere);
                    }

                    @Override
                    public void onAbandoned(ExecutionEvent event, String formerOwner) {
                        abandoned.add(key(event) + " from " + formerOwner);
                    }
                })
                .build();
    }

    static String key(ExecutionEvent event) {
        return key(event.taskName(), event.scheduledEpochNanos());
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static String key(String task, long plannedEpochNanos) {
        return task + "@" + plannedEpochNanos;
    }

    private static void record(Map<String, AtomicInteger> counts, String fire) {
        counts.computeIfAbsent(fire, k -> new AtomicInteger()).incrementAndGet();
    }

    static int count(Map<String, AtomicInteger> counts, String fire) {
        AtomicInteger n = counts.get(fire);
        return n == null ? 0 : n.get();
    }

    Replica schedule(Task task) {
        scheduler.schedule(task);
        return this;
    }

    Replica start() {
        scheduler.start();
        return this;
    }

    /** Whether this replica heard of {@code fire}: ran it, or heard it ran elsewhere. */
    boolean handled(String fire) {
        return count(started, fire) + count(elsewhere, fire) > 0;
    }

    /** The fires of {@code fires} this replica heard it could not claim, with {@code ranHere}. */
    Set<String> unavailable(boolean ranHere) {
        Set<String> fires = ConcurrentHashMap.newKeySet();
        for (String line : unavailable) {
            if (line.endsWith("=" + ranHere)) {
                fires.add(line.substring(0, line.lastIndexOf('=')));
            }
        }
        return fires;
    }

    /** Whether the coordinator's thread, {@code symphra-cluster-<name>}, is alive, and only one of them. */
    boolean clusterThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("symphra-cluster-" + name) && t.isAlive())
                        .count()
                == 1;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
