package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.config.ConfigSource;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.spi.MetricsFormat;
import io.symphra.metrics.spi.RunObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduler's exporters. Built with the scheduler (discovery and configuration, so bad settings fail
 * early), started and closed with it. Used by {@code Scheduler}; not meant to be used on its own.
 *
 * <p>Each push exporter gets a single-threaded executor of its own; one shared ticker thread only decides when a
 * push is due, so a slow or broken backend delays neither tasks nor other exporters. The first push comes at a
 * random point within the first interval, so that many schedulers started together do not push in step.
 */
public final class ExporterRuntime implements AutoCloseable {

    /**
     * The logger of the exporter runtime, named apart from this package so that a logging configuration written for
     * it does not depend on where the runtime's classes live.
     */
    static final String LOGGER = "io.symphra.scheduler.exporter";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final List<ExporterSlot> slots;
    private final Clock clock;
    private final ClassLoader classLoader;
    /**
     * Held by a reset while it zeroes the counters and hands the ended period to the exporters, and by a push
     * while it takes its snapshot: no push sees the new period before the reset's handover is queued for it.
     */
    private final Object cut = new Object();

    private ScheduledExecutorService ticker;
    private Supplier<MetricsSnapshot> snapshots;
    private boolean startCalled;
    private volatile boolean closed;

    private ExporterRuntime(List<ExporterSlot> slots, Clock clock, ClassLoader classLoader) {
        this.slots = List.copyOf(slots);
        this.clock = clock;
        this.classLoader = classLoader;
    }

    /** A runtime with no exporters, for a scheduler whose metrics are off. */
    public static ExporterRuntime none(Clock clock) {
        return new ExporterRuntime(List.of(), clock, ExporterRuntime.class.getClassLoader());
    }

    /**
     * Discovers and configures exporters.
     *
     * @param registered    exporters passed in code; they replace discovered ones of the same name
     * @param discover      whether to look for exporters with {@link ServiceLoader}
     * @param classLoader   where to look
     * @param source        the layered configuration
     * @param explicitKeys  keys set on the builder; one naming an exporter that is not there is an error
     * @throws io.symphra.metrics.config.InvalidConfigException for a bad value
     * @throws IllegalArgumentException for a builder key that names no known exporter
     */
    public static ExporterRuntime configure(
            List<MetricsExporter> registered,
            boolean discover,
            ClassLoader classLoader,
            ConfigSource source,
            Iterable<String> explicitKeys,
            Clock clock) {
        Map<String, MetricsExporter> byName = new LinkedHashMap<>();
        if (discover) {
            for (MetricsExporter exporter : ServiceLoader.load(MetricsExporter.class, classLoader)) {
                byName.put(exporter.name(), exporter);
            }
        }
        for (MetricsExporter exporter : registered) {
            byName.put(exporter.name(), exporter);
        }
        for (String key : explicitKeys) {
            if (key.startsWith(ExporterConfig.PREFIX) && !key.equals(PushIntervals.FLOOR_KEY)) {
                String rest = key.substring(ExporterConfig.PREFIX.length());
                String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!byName.containsKey(name)) {
                    String hint = ClosestKey.to(name, byName.keySet())
                            .map(n -> "did you mean '" + n + "'? Otherwise add")
                            .orElse("add");
                    throw new IllegalArgumentException("configuration key " + key + " names exporter '" + name
                            + "', which is not on the classpath; " + hint + " the Maven artifact"
                            + " io.symphra:symphra-exporter-" + name
                            + " (version from io.symphra:symphra-bom) or register it on the builder");
                }
            }
        }
        PushIntervals intervals = PushIntervals.from(source);
        ExporterKeys keys = new ExporterKeys(byName.keySet());
        keys.noteUnclaimed(source, List.of(PushIntervals.FLOOR_KEY));
        List<ExporterSlot> slots = new ArrayList<>();
        for (MetricsExporter exporter : byName.values()) {
            ConfigSource exporterSource = CodeSettingsSource.over(source, exporter);
            ExporterConfig config = ExporterConfig.of(exporter.name(), exporterSource);
            if (!config.enabled(exporter.enabledByDefault())) {
                LOG.debug("Exporter '{}' is disabled", exporter.name());
                keys.noteDisabled(config, exporterSource);
                continue;
            }
            Optional<String> switchedOff = exporter.disabledBy(config);
            if (switchedOff.isPresent()) {
                LOG.info("Exporter '{}' is switched off by {}", exporter.name(), switchedOff.get());
                keys.noteDisabled(config, exporterSource);
                continue;
            }
            Optional<Duration> interval = intervals.of(exporter, config);
            exporter.configure(config);
            keys.checkAllRead(config, exporterSource);
            slots.add(new ExporterSlot(exporter, interval));
        }
        keys.warnIgnored(LOG);
        return new ExporterRuntime(slots, clock, classLoader);
    }

    /** Names of the exporters that will run, in order. */
    public List<String> exporterNames() {
        return slots.stream().map(ExporterSlot::name).toList();
    }

    /**
     * The exporters that will run and also implement {@link RunObserver}, in order: the scheduler's collector tells
     * them of every run.
     */
    public List<RunObserver> runObservers() {
        List<RunObserver> observers = new ArrayList<>();
        for (ExporterSlot slot : slots) {
            if (slot.exporter instanceof RunObserver observer) {
                observers.add(observer);
            }
        }
        return observers;
    }

    /** The configured exporter of that name, for callers that need its own API (a server's bound port). */
    public Optional<MetricsExporter> exporter(String name) {
        return slots.stream()
                .filter(s -> s.name().equals(name))
                .map(s -> s.exporter)
                .findFirst();
    }

    /**
     * Starts every exporter and the push schedule. If one fails to start, those already started are closed and
     * the failure is thrown. Only once.
     *
     * @throws IllegalStateException if called before, changing nothing, or if an exporter fails to start
     */
    public synchronized void start(Supplier<MetricsSnapshot> snapshotSupplier) {
        // Checked before any exporter is touched: starting one again would rebind or reset it.
        if (startCalled || closed) {
            throw new IllegalStateException(closed ? "the exporters are closed" : "the exporters were already started");
        }
        startCalled = true;
        this.snapshots = snapshotSupplier;
        List<ExporterSlot> started = new ArrayList<>();
        for (ExporterSlot slot : slots) {
            ThreadFactory threads = namedDaemonThreads("symphra-exporter-" + slot.name());
            slot.executor = Executors.newSingleThreadScheduledExecutor(threads);
            try {
                slot.exporter.start(new Context(slot, threads));
                slot.started = true;
                started.add(slot);
            } catch (Throwable e) {
                started.forEach(this::closeQuietly);
                closeQuietly(slot);
                Failures.rethrowIfFatal(e);
                throw new IllegalStateException("exporter '" + slot.name() + "' failed to start: " + e.getMessage(), e);
            }
        }
        if (slots.stream().anyMatch(s -> s.interval.isPresent())) {
            ticker = Executors.newSingleThreadScheduledExecutor(namedDaemonThreads("symphra-exporter-ticker"));
            for (ExporterSlot slot : slots) {
                slot.interval.ifPresent(interval -> {
                    long period = interval.toNanos();
                    long firstDelay = ThreadLocalRandom.current().nextLong(period);
                    ticker.scheduleAtFixedRate(
                            () -> slot.tick(snapshots, cut, clock), firstDelay, period, TimeUnit.NANOSECONDS);
                });
            }
        }
        LOG.info("Exporters started: {}", exporterNames());
    }

    /** Push health of every exporter, for the snapshot. */
    public List<ExporterStats> stats() {
        List<ExporterStats> stats = new ArrayList<>(slots.size());
        for (ExporterSlot slot : slots) {
            if (slot.interval.isPresent()) {
                stats.add(slot.stats());
            }
        }
        return stats;
    }

    /**
     * Resets the metrics without losing a run for a push exporter: runs {@code reset}, which zeroes the counters
     * and returns the last snapshot of the period it ended, and hands that snapshot to every started push
     * exporter, to be pushed on its own thread after any push already handed to it and before any snapshot of
     * the new period. Waits at most {@code bound} for those pushes together; one that takes longer still
     * goes out, before the exporter's next push. Before {@link #start} and after {@link #close} it only resets.
     *
     * @param reset zeroes the counters and returns the last snapshot of the period that ended
     * @return that snapshot
     */
    public MetricsSnapshot reset(Supplier<MetricsSnapshot> reset, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<ExporterSlot> handedTo = new ArrayList<>();
        List<CompletableFuture<Void>> delivered = new ArrayList<>();
        MetricsSnapshot last;
        synchronized (cut) {
            last = reset.get();
            if (!closed) {
                for (ExporterSlot slot : slots) {
                    if (slot.started && slot.interval.isPresent()) {
                        CompletableFuture<Void> pushed = new CompletableFuture<>();
                        slot.handOver(last, pushed);
                        handedTo.add(slot);
                        delivered.add(pushed);
                    }
                }
            }
        }
        for (int i = 0; i < handedTo.size(); i++) {
            ExporterSlot slot = handedTo.get(i);
            try {
                slot.executor.execute(() -> slot.pushHandovers(clock));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closed meanwhile: close's last push took the handover, or nothing pushes any more.
                delivered.get(i).complete(null);
            }
        }
        try {
            CompletableFuture.allOf(delivered.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn(
                    "The push of the metrics counted before the reset did not finish within {}; it goes out before"
                            + " the exporters' next push",
                    bound);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("The push of the metrics counted before the reset failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    /**
     * Stops the push schedule, gives every push exporter one last snapshot (waiting at most {@code bound} for
     * all of them together), then closes every exporter. The last push is each exporter's last: it is taken on the
     * exporter's own push thread, after any periodic push already handed to it. Idempotent.
     */
    public void close(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        ScheduledExecutorService stoppedTicker;
        Supplier<MetricsSnapshot> source;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedTicker = ticker;
            source = snapshots;
        }
        if (stoppedTicker != null) {
            stoppedTicker.shutdownNow();
            // A tick under way may still hand a push to an exporter's thread: let it, so none comes after the last.
            awaitTermination(stoppedTicker, Math.min(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
        }
        List<CompletableFuture<Void>> finals = new ArrayList<>();
        if (source != null) {
            for (ExporterSlot slot : slots) {
                if (slot.started && slot.interval.isPresent()) {
                    finals.add(CompletableFuture.runAsync(() -> slot.pushCurrent(source, cut, clock), slot.executor));
                }
            }
        }
        try {
            CompletableFuture.allOf(finals.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Final push did not finish within {}; closing exporters anyway", bound);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Final push failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.forEach(this::closeQuietly);
    }

    private static void awaitTermination(ScheduledExecutorService executor, long nanos) {
        try {
            if (!executor.awaitTermination(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
                LOG.warn("The exporters' ticker did not stop in time; a periodic push may follow the final one");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void closeQuietly(ExporterSlot slot) {
        try {
            slot.exporter.close();
        } catch (Throwable e) {
            LOG.warn("Exporter '{}' failed to close", slot.name(), e);
            Failures.rethrowIfFatal(e);
        }
        ScheduledExecutorService executor = slot.executor;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** What one exporter sees of the scheduler. */
    private final class Context implements ExporterContext {
        private final ExporterSlot slot;
        private final ThreadFactory threads;

        Context(ExporterSlot slot, ThreadFactory threads) {
            this.slot = slot;
            this.threads = threads;
        }

        @Override
        public Optional<Duration> pushInterval() {
            return slot.interval;
        }

        @Override
        public MetricsSnapshot snapshot() {
            return snapshots.get();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public ScheduledExecutorService executor() {
            return slot.executor;
        }

        @Override
        public ThreadFactory threadFactory() {
            return threads;
        }

        @Override
        public Optional<MetricsFormat> format(String name) {
            return MetricsFormat.find(name, classLoader);
        }
    }
}
