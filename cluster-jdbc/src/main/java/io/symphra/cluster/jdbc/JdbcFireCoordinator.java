package io.symphra.cluster.jdbc;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.cluster.CoordinationContext;
import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.cluster.FireCoordinator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode over a {@link JdbcClaimStore}: replicas whose schedulers share one database run each fire once. Give
 * one to each replica's {@code Scheduler.Builder.coordinator(...)}; the scheduler starts and closes it.
 *
 * <p>Before each fire, on the worker that would run it, {@link #claim} is one insert (the store's claim, bounded by
 * its query timeout); a store error comes out of it, and the fire then follows its task's {@code
 * whenCoordinatorUnavailable} choice. One daemon thread per coordinator, {@code symphra-cluster-<instance>}, does
 * the rest: every {@code heartbeat} it renews, in one statement, the leases of the fires this instance runs; every
 * {@code scan-interval} it looks for claims of other instances whose lease ran out, takes each over (exactly one
 * instance wins) and hands it to the scheduler as abandoned; once an hour it deletes rows older than {@code
 * retention}, in bounded batches. Its errors are logged, a few lines per outage, and never stop it.
 *
 * <p>An instance that dies stops renewing: its fires are found by another instance at most {@code lease} plus
 * {@code scan-interval} after its last heartbeat. {@link #close()} stops the thread and forgets the claims it holds
 * without finishing them; their leases simply run out, and another instance reports them abandoned.
 */
public final class JdbcFireCoordinator implements FireCoordinator {
    private static final Logger log = LoggerFactory.getLogger(JdbcFireCoordinator.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** How often the retention delete runs: rows live for days, so an hour's delay costs nothing. */
    static final Duration RETENTION_EVERY = Duration.ofHours(1);
    /** The most expired fires one scan takes over; the next scan takes the rest. */
    static final int SCAN_LIMIT = 100;
    /** The most batches one retention run deletes, so that a large backlog never holds the thread for long. */
    static final int RETENTION_BATCHES = 10;

    private static final FireClaim NOT_OWNED = new FireClaim() {
        @Override
        public boolean owned() {
            return false;
        }

        @Override
        public void ended(ExecutionOutcome outcome) {}
    };

    private final JdbcClaimStore store;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration scanInterval;
    private final Duration retention;
    /** The fires this instance runs under a claim, renewed by each heartbeat. */
    private final Map<FireKey, Held> held = new ConcurrentHashMap<>();

    private final ThrottledLog beatFailures = ThrottledLog.every(log, LOG_INTERVAL);
    private final ThrottledLog scanFailures = ThrottledLog.every(log, LOG_INTERVAL);
    private final ThrottledLog retentionFailures = ThrottledLog.every(log, LOG_INTERVAL);
    private final ThrottledLog finishFailures = ThrottledLog.every(log, LOG_INTERVAL);
    private final ThrottledLog lostLeases = ThrottledLog.every(log, LOG_INTERVAL);

    private volatile String instance;
    private volatile CoordinationContext context;
    private volatile ScheduledExecutorService thread;
    private volatile boolean closed;

    private JdbcFireCoordinator(
            JdbcClaimStore store, Duration lease, Duration heartbeat, Duration scanInterval, Duration retention) {
        this.store = store;
        this.lease = lease;
        this.heartbeat = heartbeat;
        this.scanInterval = scanInterval;
        this.retention = retention;
    }

    /**
     * A coordinator over {@code store}, whose settings give the defaults of lease, heartbeat and retention (30 s,
     * 10 s and 7 days unless set there); the scan interval defaults to the heartbeat.
     */
    public static Builder builder(JdbcClaimStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /** A coordinator over {@code store} with every default. */
    public static JdbcFireCoordinator of(JdbcClaimStore store) {
        return builder(store).build();
    }

    /** How long a claim stays this instance's without a heartbeat. */
    public Duration lease() {
        return lease;
    }

    /** How often the leases of running fires are renewed. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** How often expired claims of other instances are looked for. */
    public Duration scanInterval() {
        return scanInterval;
    }

    /** How long a finished row is kept before the retention delete removes it. */
    public Duration retention() {
        return retention;
    }

    /** Remembers the instance's name and starts the background thread. */
    @Override
    public synchronized void start(CoordinationContext context) {
        Objects.requireNonNull(context, "context");
        if (closed) {
            throw new IllegalStateException("the coordinator is closed");
        }
        if (this.context != null) {
            throw new IllegalStateException("the coordinator was already started, as instance " + instance);
        }
        String name = context.instance();
        FireKey.checkName("instance", name);
        this.instance = name;
        this.context = context;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "symphra-cluster-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.scheduleWithFixedDelay(
                guarded(this::beat), heartbeat.toNanos(), heartbeat.toNanos(), TimeUnit.NANOSECONDS);
        executor.scheduleWithFixedDelay(
                guarded(this::scan), scanInterval.toNanos(), scanInterval.toNanos(), TimeUnit.NANOSECONDS);
        executor.scheduleWithFixedDelay(
                guarded(this::deleteOld), scanInterval.toNanos(), RETENTION_EVERY.toNanos(), TimeUnit.NANOSECONDS);
        this.thread = executor;
        log.info(
                "Cluster coordinator of instance {} started on {} (lease {}, heartbeat {}, scan every {})",
                name,
                store.product(),
                lease,
                heartbeat,
                scanInterval);
    }

    /**
     * Claims the fire for this instance: one insert.
     *
     * @throws ClaimStoreException when the database cannot be reached or the statement timed out
     * @throws IllegalStateException before {@link #start} or after {@link #close}
     */
    @Override
    public FireClaim claim(String taskName, long plannedEpochNanos) {
        String name = instance;
        if (name == null || closed) {
            throw new IllegalStateException(closed ? "the coordinator is closed" : "the coordinator is not started");
        }
        if (!store.claim(taskName, plannedEpochNanos, name, lease).owned()) {
            return NOT_OWNED;
        }
        return hold(new FireKey(taskName, plannedEpochNanos));
    }

    /** Stops the background thread and forgets the held claims: their leases run out, unfinished. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScheduledExecutorService executor = thread;
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(
                        store.settings().queryTimeout().plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("The cluster thread of instance {} did not stop in time", instance);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = held.size();
        held.clear();
        if (left > 0) {
            log.info("Coordinator of instance {} closed holding {} fire(s): their leases run out", instance, left);
        }
    }

    /** How many fires this instance holds now, for tests. */
    int heldCount() {
        return held.size();
    }

    private Held hold(FireKey key) {
        Held claim = new Held(key);
        held.put(key, claim);
        return claim;
    }

    /** One statement for every fire this instance runs. */
    private void beat() {
        if (held.isEmpty()) {
            return;
        }
        List<FireKey> fires = List.copyOf(held.keySet());
        try {
            int renewed = store.renew(instance, fires);
            beatFailures.recovered("Heartbeat of instance " + instance + " works again");
            // A run that ended between the copy and the statement is not a lost lease: count only those still held.
            long stillHeld = renewed < fires.size()
                    ? fires.stream().filter(held::containsKey).count()
                    : renewed;
            if (renewed < stillHeld) {
                lostLeases.warn("Heartbeat of instance " + instance + " renewed " + renewed + " of " + stillHeld
                        + " lease(s): the others ran out or were taken over");
            }
        } catch (RuntimeException e) {
            beatFailures.warn("Heartbeat of instance " + instance + " failed for " + fires.size() + " fire(s)", e);
        }
    }

    /** Takes over the fires of instances that stopped renewing, and hands each to the scheduler. */
    private void scan() {
        List<ExpiredFire> expired;
        try {
            expired = store.expired(SCAN_LIMIT);
            scanFailures.recovered("Scan for abandoned fires by instance " + instance + " works again");
        } catch (RuntimeException e) {
            scanFailures.warn("Scan for abandoned fires by instance " + instance + " failed", e);
            return;
        }
        for (ExpiredFire fire : expired) {
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            // Still running here, only late in renewing: another instance may take it, this one does not.
            if (held.containsKey(fire.key())) {
                continue;
            }
            // Busy with the task here: another instance, or the next scan, takes it and can run it again.
            if (!context.canTakeOver(fire.key().task())) {
                continue;
            }
            try {
                if (store.takeOver(fire, instance)) {
                    log.info(
                            "Instance {} took over fire {}@{} of instance {}, whose lease ran out at {}",
                            instance,
                            fire.key().task(),
                            fire.key().plannedEpochNanos(),
                            fire.instance(),
                            fire.leaseUntil());
                    handOver(fire);
                }
            } catch (RuntimeException e) {
                scanFailures.warn("Taking over fire " + fire.key() + " by instance " + instance + " failed", e);
            }
        }
    }

    private void handOver(ExpiredFire fire) {
        Held claim = hold(fire.key());
        try {
            context.abandoned(fire.key().task(), fire.key().plannedEpochNanos(), fire.instance(), claim);
        } catch (RuntimeException e) {
            scanFailures.warn("The scheduler failed to take abandoned fire " + fire.key(), e);
            claim.ended(ExecutionOutcome.NONE);
        }
    }

    private void deleteOld() {
        try {
            int batch = store.settings().deleteBatch();
            for (int i = 0; i < RETENTION_BATCHES && !closed; i++) {
                if (store.deleteOlderThan(retention) < batch) {
                    break;
                }
            }
            retentionFailures.recovered("Retention delete by instance " + instance + " works again");
        } catch (RuntimeException e) {
            retentionFailures.warn("Retention delete by instance " + instance + " failed", e);
        }
    }

    private void finish(Held claim, ExecutionOutcome outcome) {
        held.remove(claim.key, claim);
        String recorded = outcome == ExecutionOutcome.NONE
                ? FireState.ABANDONED.column()
                : outcome.name().toLowerCase(Locale.ROOT);
        try {
            if (!store.finish(claim.key, instance, recorded)) {
                finishFailures.warn("Fire " + claim.key + " ended (" + recorded + ") after instance " + instance
                        + " had lost it: its lease ran out and another instance took it over");
            }
        } catch (RuntimeException e) {
            finishFailures.warn("Recording the end of fire " + claim.key + " (" + recorded + ") failed", e);
        }
    }

    /** Never lets an exception end the periodic task: the executor would not run it again. */
    private Runnable guarded(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                log.warn("Unexpected error in the cluster thread of instance {}", instance, e);
            }
        };
    }

    @Override
    public String toString() {
        return "JdbcFireCoordinator[" + store.product() + ", instance=" + instance + ", lease=" + lease + ", heartbeat="
                + heartbeat + ", scan-interval=" + scanInterval + ", retention=" + retention + "]";
    }

    /** A claim this instance holds: renewed until its run ends. */
    private final class Held implements FireClaim {
        final FireKey key;
        private final AtomicBoolean ended = new AtomicBoolean();

        Held(FireKey key) {
            this.key = key;
        }

        @Override
        public boolean owned() {
            return true;
        }

        @Override
        public void ended(ExecutionOutcome outcome) {
            if (ended.compareAndSet(false, true)) {
                finish(this, outcome);
            }
        }
    }

    /** Collects the settings; {@link #build()} checks them, naming the setting that is wrong. */
    public static final class Builder {
        private final JdbcClaimStore store;
        private Duration lease;
        private Duration heartbeat;
        private Duration scanInterval;
        private Duration retention;

        private Builder(JdbcClaimStore store) {
            this.store = store;
            this.lease = store.settings().lease();
            this.heartbeat = store.settings().heartbeat();
            this.retention = store.settings().retention();
        }

        /** How long a claim stays this instance's without a heartbeat; default the store's (30 s). */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** How often the leases of running fires are renewed; default the store's (10 s); shorter than the lease. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** How often expired claims are looked for; default the heartbeat. */
        public Builder scanInterval(Duration scanInterval) {
            this.scanInterval = scanInterval;
            return this;
        }

        /** How long finished rows are kept; default the store's (7 days). */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** Checks every setting. */
        public JdbcFireCoordinator build() {
            ClaimStoreSettings.positive("heartbeat", heartbeat);
            ClaimStoreSettings.checkLease(lease, heartbeat);
            // The store checks each claim's lease against its own heartbeat too: fail here, not at the first fire.
            store.settings().checkLease(lease);
            Duration scan =
                    ClaimStoreSettings.positive("scan-interval", scanInterval != null ? scanInterval : heartbeat);
            ClaimStoreSettings.positive("retention", retention);
            return new JdbcFireCoordinator(store, lease, heartbeat, scan, retention);
        }
    }
}
