package io.symphra.benchmarks.harness;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What stays in memory after many tasks were registered and unregistered: a started scheduler with metrics on
 * schedules {@code tasks} daily tasks (200,000 by default), unregisters them all, then runs the JDK's
 * {@code jmap -histo:live} on its own process and prints the heap's totals and every {@code io.symphra} class in it.
 * Nothing of the tasks should be left: no {@code Task}, {@code RegisteredTask}, fire job or {@code TaskCell}.
 *
 * <p>Options: {@code --tasks=200000}. Needs {@code jmap} next to the running {@code java}.
 */
public final class UnregisterHarness {

    private static final Set<String> OPTIONS = Set.of("tasks");

    private UnregisterHarness() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int tasks = HarnessArgs.parse(args, OPTIONS).integer("tasks", 200_000);
        try (Scheduler scheduler =
                Scheduler.builder().enableMetrics(true).discoverExporters(false).build()) {
            scheduler.start();
            for (int i = 0; i < tasks; i++) {
                scheduler.schedule(Task.builder("daily-" + i)
                        .trigger(Triggers.daily(3, 0))
                        .run(() -> {})
                        .build());
            }
            for (int i = 0; i < tasks; i++) {
                scheduler.unregister("daily-" + i);
            }
            System.out.printf(
                    "registered and unregistered %,d daily tasks; tasks left: %d%n",
                    tasks, scheduler.tasks().size());
            String histogram = liveHistogram();
            histogram
                    .lines()
                    .filter(line -> line.contains("io.symphra") || line.startsWith("Total"))
                    .forEach(System.out::println);
        }
    }

    /** {@code jmap -histo:live} of this process: it collects garbage first, so only live objects are counted. */
    private static String liveHistogram() throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        Process jmap = new ProcessBuilder(
                        javaHome + "/bin/jmap",
                        "-histo:live",
                        Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .start();
        String out;
        try (InputStream in = jmap.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (jmap.waitFor() != 0) {
            throw new IOException("jmap failed: " + out);
        }
        return out;
    }
}
