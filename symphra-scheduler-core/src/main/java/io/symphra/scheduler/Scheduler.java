package io.symphra.scheduler;

import io.symphra.metrics.config.DurationLimit;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.LayeredConfigSource;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.spi.MetricsFormat;
import io.symphra.scheduler.annotation.AnnotatedTasks;
import io.symphra.scheduler.cluster.FireCoordinator;
import io.symphra.scheduler.internal.exporter.ExporterRuntime;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Trigger;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * A task scheduler that measures every run and publishes the measurements through pluggable exporters.
 *
 * <pre>{@code
 * try (Scheduler scheduler = Scheduler.builder().enableMetrics(true).build()) {
 *     scheduler.schedule(Task.builder("heartbeat").trigger(Triggers.every(Duration.ofSeconds(10)))
 *             .run(() -> System.out.println("alive")).build());
 *     scheduler.start();
 *     ...
 *     Map<String, Object> metrics = scheduler.getMetrics();
 * }   // close(): stop firing, wait for running tasks, final push to exporters
 * }</pre>
 *
 * <p>One timer thread sleeps until the next fire time and hands due runs to the worker executor. Tasks may be
 * registered, removed, paused and resumed before or after {@link #start()}. All methods are thread-safe.
 *
 * <h2>Time</h2>
 * Fire times are planned on the {@link Builder#clock(Clock) clock}; waits are measured with
 * {@link System#nanoTime()}, and the clock is read at least once a second. When its advance between two readings
 * differs from {@code System.nanoTime()}'s by more than 100 ms (plus 0.1 % of the time between them), the clock
 * stepped (NTP, a VM resume) and the scheduler plans again: cron and once fires keep their wall-clock times, an
 * interval or fixed-delay fire that a backward step left further ahead than its period, delay or initial delay is
 * brought back to that distance from now, and timeouts and retry waits keep their length. A {@link ManualClock}
 * never steps: its advances are how time passes.
 *
 * <h2>Metrics</h2>
 * With {@link Builder#enableMetrics(boolean) enableMetrics(true)}, every run is recorded. {@link #getMetrics()}
 * returns the map the Python original's {@code get_metrics()} documents, {@link #snapshot()} the full immutable
 * {@link MetricsSnapshot}, {@link #resetMetrics()} starts counting afresh. With metrics off (the default),
 * {@link #metricsCollector()} is empty, {@link #getMetrics()} returns an empty map, {@link #snapshot()} a snapshot
 * with no tasks, {@link #resetMetrics()} does nothing, and no exporter runs.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** The common label that carries the instance name (see {@link Builder#instance}). */
    static final String INSTANCE_LABEL = "instance";

    private final Clock clock;
    private final Duration shutdownTimeout;
    private final MetricsCollector collector;
    private final ExporterRuntime exporters;
    private final TaskEngine engine;
    private final ExecutorService ownedWorkers;
    private final ClassLoader classLoader;
    private final Runnable clockWake;
    private final String instance;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    private Scheduler(Builder b, MetricsCollector collector, ExporterRuntime exporters, String instance) {
        this.clock = b.clock;
        this.shutdownTimeout = b.shutdownTimeout;
        this.collector = collector;
        this.exporters = exporters;
        this.classLoader = b.classLoader;
        // Null workers: the engine runs tasks on worker threads of its own, which take due fires themselves.
        Executor workers = b.workerExecutor;
        if (workers == null && b.virtualThreads) {
            ownedWorkers = VirtualThreads.perTaskExecutor().orElse(null);
            if (ownedWorkers == null) {
                LOG.info(
                        "Virtual threads are not available on Java {}; using {} platform worker threads",
                        Runtime.version().feature(),
                        b.workerThreads);
            }
            workers = ownedWorkers;
        } else {
            ownedWorkers = null;
        }
        this.instance = instance;
        this.engine = new TaskEngine(
                clock,
                b.zone,
                workers,
                b.workerThreads,
                collector,
                Listeners.of(b.listeners),
                b.coordinator,
                instance,
                b.gridAnchor,
                Interceptors.of(b.interceptorChain()));
        if (clock instanceof ManualClock manual) {
            clockWake = engine::wake;
            manual.onAdvance(clockWake);
        } else {
            clockWake = null;
        }
    }

    /** The host name (the {@code HOSTNAME} environment variable if set) and the process id: {@code host-1234}. */
    private static String defaultInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Starts configuring a scheduler. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Registers a task. It fires once the scheduler is started (at once if it already is).
     *
     * @throws IllegalArgumentException if a task of the same name is registered
     * @throws IllegalStateException    if the scheduler is closed
     */
    public Task schedule(Task task) {
        Objects.requireNonNull(task, "task");
        engine.register(task);
        return task;
    }

    /** Registers a task with the given name, trigger and action and default settings. */
    public Task schedule(String name, Trigger trigger, Runnable action) {
        return schedule(Task.builder(name).trigger(trigger).run(action).build());
    }

    /**
     * Registers every method of {@code bean} annotated with a trigger annotation of
     * {@link io.symphra.scheduler.annotation}. Nothing is registered if any method is invalid.
     *
     * @return the tasks registered, in method-name order
     * @throws IllegalArgumentException naming the class, method and reason for a bad method
     */
    public List<Task> register(Object bean) {
        List<Task> found = AnnotatedTasks.of(bean);
        for (Task task : found) {
            if (engine.task(task.name()).isPresent()) {
                throw new IllegalArgumentException("a task named '" + task.name() + "' is already registered");
            }
        }
        List<Task> done = new ArrayList<>();
        try {
            for (Task task : found) {
                engine.register(task);
                done.add(task);
            }
        } catch (RuntimeException e) {
            done.forEach(t -> engine.unregister(t.name()));
            throw e;
        }
        return found;
    }

    /** Removes a task; a run in progress finishes. Returns false if there was no such task. */
    public boolean unregister(String name) {
        return engine.unregister(name);
    }

    /** The task of that name, if registered. */
    public Optional<Task> task(String name) {
        return engine.task(name);
    }

    /** Every registered task, sorted by name. */
    public List<Task> tasks() {
        return engine.tasks();
    }

    /** When the task fires next; empty if it is paused, disabled, finished, or the scheduler is not started. */
    public Optional<Instant> nextFireTime(String name) {
        return engine.nextFireTime(name);
    }

    /** Stops firing one task until {@link #resume(String)}; a run in progress finishes. */
    public void pause(String name) {
        engine.pause(name);
    }

    /** Lets a paused task fire again, from its next planned time after now. */
    public void resume(String name) {
        engine.resume(name);
    }

    /**
     * Runs the task once now on a worker, outside its plan: its planned fires are not moved, and a paused task
     * runs too. The run is measured, retried and reported like any other; when the task already has
     * {@code maxInstances} runs in progress it is reported skipped instead. Returns without waiting for the run.
     *
     * @throws IllegalArgumentException naming the task when no task of that name is registered
     * @throws IllegalStateException    if the scheduler is not running
     */
    public void triggerNow(String name) {
        engine.triggerNow(name);
    }

    /** Whether a task is paused on its own. */
    public boolean isPaused(String name) {
        return engine.isPaused(name);
    }

    /** Stops firing every task until {@link #resumeAll()}. */
    public void pauseAll() {
        engine.pauseAll();
    }

    /** Lets every task fire again (except those paused on their own). */
    public void resumeAll() {
        engine.resumeAll();
    }

    /** Whether the whole scheduler is paused. */
    public boolean isPausedAll() {
        return engine.isPausedAll();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts the timer and the exporters.
     *
     * @throws IllegalStateException if already started (nothing is changed then) or closed, or if an exporter
     *     fails to start
     */
    public Scheduler start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            // Before anything starts: a second start() must not touch the exporters already running.
            if (started) {
                throw new IllegalStateException("the scheduler was already started");
            }
            started = true;
            exporters.start(this::snapshot);
            engine.start();
            LOG.info("Scheduler started with {} task(s)", engine.size());
        }
        return this;
    }

    /** Whether {@link #start()} was called and {@link #close()} was not. */
    public boolean isRunning() {
        return engine.isRunning();
    }

    /**
     * Shuts down gracefully: stops firing, waits for running tasks (and for listeners still hearing of a fire) up
     * to the shutdown timeout, interrupts those still running, gives every push exporter a last snapshot, and
     * stops the exporters. No run starts after it returns. Idempotent; never hangs longer than the shutdown
     * timeout plus short bounded grace periods.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long start = System.nanoTime();
        engine.shutdown(shutdownTimeout);
        if (ownedWorkers != null) {
            ownedWorkers.shutdownNow();
        }
        if (clock instanceof ManualClock manual) {
            manual.removeOnAdvance(clockWake);
        }
        Duration left = shutdownTimeout.minusNanos(System.nanoTime() - start);
        exporters.close(exporterBound(left));
        LOG.info("Scheduler stopped");
    }

    // ---------------------------------------------------------------- metrics

    /**
     * This instance's name: the one given to {@link Builder#instance}, else in cluster mode the default (host name
     * and process id); empty when neither.
     */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /** Whether metrics are collected. */
    public boolean metricsEnabled() {
        return collector != null;
    }

    /** The metrics collector, or empty when metrics are off (the original's {@code metrics_collector is None}). */
    public Optional<MetricsCollector> metricsCollector() {
        return Optional.ofNullable(collector);
    }

    /**
     * The metrics as the Python original's {@code get_metrics()} returns them: keys {@code uptime_seconds},
     * {@code total_executions}, {@code successful_executions}, {@code failed_executions}, {@code success_rate},
     * {@code total_duration}, {@code average_duration}, {@code executions_per_second} and {@code task_stats}
     * (per task {@code executions}, {@code successes}, {@code failures}, {@code success_rate},
     * {@code total_duration}, {@code average_duration}, {@code min_duration}, {@code max_duration}), durations in
     * seconds. An empty, unmodifiable map when metrics are off.
     */
    public Map<String, Object> getMetrics() {
        return collector == null ? Map.of() : snapshot().toMap();
    }

    /** The full immutable snapshot; one with no tasks when metrics are off. */
    public MetricsSnapshot snapshot() {
        if (collector == null) {
            return MetricsSnapshot.empty(clock.instant());
        }
        return collector.snapshot(exporters.stats(), engine.signals());
    }

    /**
     * Zeroes every counter and renews the start time (strictly later than the old one). Does nothing when metrics
     * are off.
     *
     * <p>No run is lost to a push exporter: before the counters are zeroed, the reset takes the last snapshot of
     * the period it ends, and every running push exporter is given that snapshot on its own push thread, after
     * any push already under way and before any snapshot with the new start time. Every run is counted exactly
     * once: a run recorded while the reset happens is either in that last snapshot or in the new period, never in
     * both and never in neither. This method waits for those pushes as long as {@link #close()} waits for the
     * final push (the shutdown timeout, at least 5 s); a push that takes longer still goes out, before the
     * exporter's next one. A push that fails is not retried, as any failed push. Pull exporters (Prometheus)
     * simply see the new period at their next scrape.
     */
    public void resetMetrics() {
        if (collector != null) {
            exporters.reset(() -> collector.reset(exporters.stats(), engine.signals()), exporterBound(shutdownTimeout));
        }
    }

    /** How long exporters get for a last push out of {@code left}: at least 5 s, so that a short timeout does not starve it. */
    private static Duration exporterBound(Duration left) {
        return left.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : left;
    }

    /**
     * Renders the current snapshot with the {@link MetricsFormat} of that name ({@code prometheus},
     * {@code openmetrics}, {@code json}, {@code influx}, or a custom one).
     *
     * @throws IllegalStateException naming the Maven artifact to add when no such format is on the classpath
     */
    public String exportMetrics(String format) {
        Objects.requireNonNull(format, "format");
        MetricsFormat found = MetricsFormat.find(format, classLoader)
                .orElseThrow(() -> new IllegalStateException(MissingFormat.message(format, classLoader)));
        return found.render(snapshot());
    }

    /** The Prometheus text exposition of the current metrics: {@code exportMetrics("prometheus")}. */
    public String exportPrometheusMetrics() {
        return exportMetrics("prometheus");
    }

    /** The exporter of that name if it is running, for its own API (such as the port a server bound). */
    public Optional<MetricsExporter> exporter(String name) {
        return exporters.exporter(name);
    }

    /** Names of the exporters this scheduler runs. */
    public List<String> exporterNames() {
        return exporters.exporterNames();
    }

    @Override
    public String toString() {
        return "Scheduler[tasks=" + engine.size() + ", running=" + engine.isRunning() + ", metrics=" + metricsEnabled()
                + ", exporters=" + exporters.exporterNames() + "]";
    }

    /** Creates virtual-thread executors on JDKs that have them, without requiring such a JDK to compile. */
    private static final class VirtualThreads {
        static Optional<ExecutorService> perTaskExecutor() {
            try {
                Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
                return Optional.of((ExecutorService) m.invoke(null));
            } catch (ReflectiveOperationException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Configures a {@link Scheduler}. Every setting has a default; {@link #build()} validates them and the
     * exporters' configuration, and throws naming the bad key and value.
     */
    public static final class Builder {
        private boolean metrics;
        private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Executor workerExecutor;
        private boolean virtualThreads;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private final Map<String, String> commonLabels = new LinkedHashMap<>();
        private final List<TaskListener> listeners = new ArrayList<>();
        private final List<RunInterceptor> interceptors = new ArrayList<>();
        private boolean mdc = true;
        private double[] histogramBuckets = DurationHistogram.DEFAULT_BOUNDS_SECONDS;
        private List<String> aggregatedTasks = List.of();
        private final List<MetricsExporter> exporters = new ArrayList<>();
        private final Map<String, String> exporterProperties = new LinkedHashMap<>();
        private boolean discoverExporters = true;
        private FireCoordinator coordinator;
        private String instance;
        private Instant gridAnchor = Instant.EPOCH;
        private Properties systemProperties;
        private Map<String, String> environment;
        private ClassLoader classLoader = Scheduler.class.getClassLoader();

        private Builder() {}

        /** Turns metrics collection on or off (default off). */
        public Builder enableMetrics(boolean enabled) {
            this.metrics = enabled;
            return this;
        }

        /** Worker threads of the default pool (default: processors, at least 2). */
        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("worker threads must be at least 1, got " + threads);
            }
            this.workerThreads = threads;
            return this;
        }

        /** Runs tasks on this executor instead of an own pool; the scheduler does not shut it down. */
        public Builder workerExecutor(Executor executor) {
            this.workerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Runs each task on a virtual thread where the JDK has them (21+); else falls back to the pool. */
        public Builder virtualThreads(boolean enabled) {
            this.virtualThreads = enabled;
            return this;
        }

        /**
         * The clock for fire times and timestamps (default UTC system clock); tests pass a {@link ManualClock}. See
         * the class description for what a step of the clock does.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The default zone for calendar triggers (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * How long {@link Scheduler#close()} waits for running tasks before interrupting them (default 30 s). After
         * it, close() allows up to one more second for interrupted runs and then gives the push exporters' final
         * push what is left of the timeout, but at least 5 seconds, so a short timeout does not lose the last
         * interval. At most {@link DurationLimit#MAX}, as every duration.
         */
        public Builder shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative, got " + timeout);
            }
            this.shutdownTimeout = DurationLimit.check("shutdownTimeout", timeout);
            return this;
        }

        /** A label that describes this scheduler (such as {@code service} or {@code instance}) on every metric. */
        public Builder commonLabel(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("label key must not be blank, got '" + key + "'");
            }
            commonLabels.put(key, Objects.requireNonNull(value, "value of label " + key));
            return this;
        }

        /** Several common labels. */
        public Builder commonLabels(Map<String, String> labels) {
            labels.forEach(this::commonLabel);
            return this;
        }

        /**
         * Cluster mode: replicas that share {@code coordinator} (such as {@code symphra-cluster-jdbc}'s, over one
         * database) run each fire once. Before each fire, on the thread that would run it, the scheduler asks the
         * coordinator whether this instance runs it; the scheduler starts and closes the coordinator with itself.
         *
         * <p>A fire is named by its task and its planned instant, so every instance must plan the same instants:
         * cron plans wall-clock instants; a fixed rate ({@code Triggers.every}) fires on the grid through
         * {@link #gridAnchor} (its first fire is the first grid point at or after its start plus its initial
         * delay); a one-shot keeps its instant even when it has passed, so an instance started later does not run it
         * again. A fixed-delay task cannot be coordinated and is refused when registered.
         */
        public Builder coordinator(FireCoordinator coordinator) {
            this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
            return this;
        }

        /**
         * This instance's name, which the coordinator records with its claims; default, in cluster mode, the host
         * name (the {@code HOSTNAME} environment variable if set) and the process id, as {@code host-1234}. When the
         * scheduler has a name (given here, or by default in cluster mode), every exporter carries it as the common
         * label {@code instance}, unless {@link #commonLabel} set that label already.
         */
        public Builder instance(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("instance name must not be null or blank, got " + name);
            }
            this.instance = name;
            return this;
        }

        /**
         * In cluster mode, the instant every fixed-rate task's grid goes through, default the epoch: a task every
         * {@code p} fires at {@code gridAnchor + k * p}, on every instance whenever it started. Ignored without a
         * {@link #coordinator}.
         */
        public Builder gridAnchor(Instant anchor) {
            this.gridAnchor = Objects.requireNonNull(anchor, "gridAnchor");
            return this;
        }

        /** Adds a listener that hears every fire of every task. */
        public Builder listener(TaskListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a run interceptor, which wraps every attempt of every task on the thread that runs it (see
         * {@link RunInterceptor}). Several are applied in the order they were added, nested: the first added enters
         * first and exits last, inside the scheduler's MDC interceptor.
         */
        public Builder interceptor(RunInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Whether every attempt runs with the {@link TaskMdc} keys (task, planned fire time, attempt, run id) in the
         * SLF4J MDC, the worker's earlier values restored after it (default true; nothing is done when the logging
         * backend keeps no MDC, as slf4j-simple). Off, and with no
         * {@link #interceptor(RunInterceptor) interceptor}, an attempt costs nothing for interceptors.
         */
        public Builder mdc(boolean enabled) {
            this.mdc = enabled;
            return this;
        }

        /**
         * The interceptors in the order they wrap an attempt: the MDC's first, when it is on and the logging backend
         * keeps an MDC (slf4j-simple and SLF4J without a backend drop every value, so the attempt need not make them).
         */
        private List<RunInterceptor> interceptorChain() {
            List<RunInterceptor> chain = new ArrayList<>();
            if (mdc && !(MDC.getMDCAdapter() instanceof NOPMDCAdapter)) {
                chain.add(new MdcInterceptor());
            }
            chain.addAll(interceptors);
            return chain;
        }

        /**
         * Records the tasks whose names match one of {@code taskNamePatterns} together, as the one task
         * {@code _aggregated} ({@link MetricsCollector#AGGREGATED_TASK}), in the metrics of every backend: a bound
         * on the series per task for schedulers with many similar tasks. A pattern matches a whole name, {@code *}
         * standing for any characters ({@code "report-*"}). Default: none, every task has its own series.
         *
         * <p>An empty or null pattern fails {@link #build()} with an {@link IllegalArgumentException} naming it.
         */
        public Builder aggregateMetrics(String... taskNamePatterns) {
            this.aggregatedTasks = new ArrayList<>(java.util.Arrays.asList(taskNamePatterns));
            return this;
        }

        /** Upper bounds in seconds of the duration histogram (default 5 ms to 60 s). */
        public Builder histogramBuckets(double... upperBoundsSeconds) {
            for (int i = 0; i < upperBoundsSeconds.length; i++) {
                double b = upperBoundsSeconds[i];
                if (!(b > 0) || Double.isInfinite(b) || (i > 0 && !(b > upperBoundsSeconds[i - 1]))) {
                    throw new IllegalArgumentException("histogram bucket bounds must be positive, finite and "
                            + "ascending; got " + java.util.Arrays.toString(upperBoundsSeconds));
                }
            }
            this.histogramBuckets = upperBoundsSeconds.clone();
            return this;
        }

        /**
         * Registers an exporter in code; it replaces a discovered exporter of the same name. An enabled exporter
         * that also implements {@link io.symphra.metrics.spi.RunObserver} (discovered or registered here) hears of
         * every run its metrics count.
         */
        public Builder exporter(MetricsExporter exporter) {
            exporters.add(Objects.requireNonNull(exporter, "exporter"));
            return this;
        }

        /** Sets an exporter configuration key, such as {@code symphra.exporter.statsd.host}; wins over all else. */
        public Builder exporterProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            exporterProperties.put(key, value);
            return this;
        }

        /** Sets several exporter configuration keys. */
        public Builder exporterProperties(Map<String, String> properties) {
            properties.forEach(this::exporterProperty);
            return this;
        }

        /** Whether to find exporters on the classpath with {@code ServiceLoader} (default true). */
        public Builder discoverExporters(boolean discover) {
            this.discoverExporters = discover;
            return this;
        }

        /** Replaces the system properties read for exporter keys (default {@link System#getProperties()}). */
        public Builder systemProperties(Properties properties) {
            this.systemProperties = Objects.requireNonNull(properties, "properties");
            return this;
        }

        /** Replaces the environment read for exporter keys (default {@link System#getenv()}); for tests. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Where exporters and formats are looked for (default: this library's class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Builds the scheduler: validates the settings, discovers and configures exporters.
         *
         * @throws io.symphra.metrics.config.InvalidConfigException naming the key and value of a bad setting
         */
        public Scheduler build() {
            String name = instance != null ? instance : coordinator != null ? defaultInstance() : null;
            LayeredConfigSource source = LayeredConfigSource.builder()
                    .add("builder", exporterProperties)
                    .addSystemProperties(systemProperties != null ? systemProperties : System.getProperties())
                    .addEnvironment(environment != null ? environment : System.getenv())
                    .build();
            ExporterRuntime runtime;
            if (metrics) {
                runtime = ExporterRuntime.configure(
                        exporters, discoverExporters, classLoader, source, exporterProperties.keySet(), clock);
            } else {
                warnIfExportersConfigured(source);
                runtime = ExporterRuntime.none(clock);
            }
            // After the exporters: those that observe runs are told of each by the collector.
            MetricsCollector collector = metrics
                    ? new MetricsCollector(
                            clock, labelsWithInstance(name), histogramBuckets, aggregatedTasks, runtime.runObservers())
                    : null;
            return new Scheduler(this, collector, runtime, name);
        }

        /**
         * The common labels, with {@code instance} set to this scheduler's instance name when it has one and the
         * labels do not name one already: how every exporter carries the instance.
         */
        private Map<String, String> labelsWithInstance(String name) {
            if (name == null || commonLabels.containsKey(INSTANCE_LABEL)) {
                return commonLabels;
            }
            Map<String, String> labels = new LinkedHashMap<>(commonLabels);
            labels.put(INSTANCE_LABEL, name);
            return labels;
        }

        /** One warning naming what would export if metrics were on, since nothing will. */
        private void warnIfExportersConfigured(LayeredConfigSource source) {
            List<String> named = new ArrayList<>();
            source.valuesUnder(ExporterConfig.PREFIX).forEach(value -> named.add(value.key()));
            exporters.forEach(exporter -> named.add("exporter '" + exporter.name() + "' passed to the builder"));
            if (!named.isEmpty()) {
                LOG.warn(
                        "Metrics are off, so nothing is exported and these settings are ignored: {}; turn metrics on"
                                + " with Scheduler.builder().enableMetrics(true)",
                        String.join(", ", named));
            }
        }
    }
}
