package io.symphra.benchmarks.harness;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.symphra.benchmarks.Workload;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory of one registered task with metrics, against one Micrometer {@code Timer} with a histogram of the same
 * 13 bounds. Each figure is the growth of the whole reachable graph ({@link GraphLayout#parseInstance}) of a
 * started scheduler (or a meter registry) when tasks (or timers) are added: the task definition, its registry
 * entry, its queued timer job, its metrics cell and histogram, its name. Names are counted on both sides.
 *
 * Both graphs include the JVM-wide objects reachable from the scheduler's threads (class loaders, caches); they
 * are the same before and after, and averaging over many tasks makes what little moves among them negligible.
 *
 * <p>Option: {@code --tasks=2000}.
 */
public final class FootprintHarness {

    private static final Duration FAR = Duration.ofHours(1);

    private FootprintHarness() {}

    public static void main(String[] args) {
        List<FootprintResult> results = run(args);
        results.forEach(System.out::println);
        FootprintResult ours = results.get(0);
        System.out.printf(
                Locale.ROOT,
                "footprint target for symphra, <= 1024 B per task: %s (%.2fx a Micrometer "
                        + "Timer with histogram in a Prometheus registry)%n",
                ours.bytesPerTask() <= 1024 ? "MET" : "MISSED",
                ours.bytesPerTask() / results.get(1).bytesPerTask());
    }

    /** Measures and returns one result per subject. */
    public static List<FootprintResult> run(String[] args) {
        int tasks = HarnessArgs.parse(args, Set.of("tasks")).integer("tasks", 2_000);
        // Lambdas are hidden classes and records forbid Unsafe offsets; JOL then reads offsets its own way.
        System.setProperty("jol.magicFieldOffset", "true");
        return List.of(
                measure(
                        "symphra task (scheduler started, metrics on)",
                        tasks,
                        FootprintHarness::scheduler,
                        FootprintHarness::addTask,
                        Scheduler::close),
                measure(
                        "micrometer Timer+SLO histogram (Prometheus)",
                        tasks,
                        () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        FootprintHarness::addTimer,
                        MeterRegistry::close),
                measure(
                        "micrometer Timer+SLO histogram (Simple)",
                        tasks,
                        SimpleMeterRegistry::new,
                        FootprintHarness::addTimer,
                        MeterRegistry::close));
    }

    private static Scheduler scheduler() {
        return Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .build()
                .start();
    }

    /** A task that fires in an hour: registered, planned on the timer, never run during the measurement. */
    private static Object addTask(Scheduler scheduler, int i) {
        return scheduler.schedule(Task.builder(Workload.taskName(i))
                .trigger(Triggers.fixedRate(FAR, FAR))
                .run(FootprintHarness::noOp)
                .build());
    }

    private static Object addTimer(MeterRegistry registry, int i) {
        return Timer.builder("task.duration")
                .tag("task", Workload.taskName(i))
                .serviceLevelObjectives(Workload.boundsAsDurations())
                .register(registry);
    }

    private static void noOp() {}

    private interface Adder<T> {
        Object add(T root, int i);
    }

    private interface Closer<T> {
        void close(T root);
    }

    private static <T> FootprintResult measure(
            String subject, int tasks, Supplier<T> create, Adder<T> add, Closer<T> close) {
        growth(create, add, close, tasks); // loads classes and fills reflection caches that the graph reaches
        Growth g = growth(create, add, close, tasks);
        Map<String, Double> byClass = new LinkedHashMap<>();
        g.after.getClassSizes().keys().stream()
                .map(c -> Map.entry(
                        shortName(c),
                        (double) (g.after.getClassSizes().count(c)
                                        - g.before.getClassSizes().count(c))
                                / tasks))
                .filter(e -> e.getValue() >= 8)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> byClass.merge(e.getKey(), e.getValue(), Double::sum));
        return new FootprintResult(
                subject, tasks, (double) (g.after.totalSize() - g.before.totalSize()) / tasks, byClass);
    }

    /** {@code ConcurrentHashMap$Node}, {@code long[]}: short, and arrays readable. */
    private static String shortName(Class<?> c) {
        return c.isArray()
                ? c.getSimpleName()
                : c.getName().substring(c.getName().lastIndexOf('.') + 1);
    }

    private record Growth(GraphLayout before, GraphLayout after) {}

    private static <T> Growth growth(Supplier<T> create, Adder<T> add, Closer<T> close, int count) {
        T root = create.get();
        try {
            GraphLayout before = GraphLayout.parseInstance(root);
            for (int i = 0; i < count; i++) {
                add.add(root, i);
            }
            return new Growth(before, GraphLayout.parseInstance(root));
        } finally {
            close.close(root);
        }
    }
}
