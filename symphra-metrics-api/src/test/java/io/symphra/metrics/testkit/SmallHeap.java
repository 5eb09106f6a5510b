package io.symphra.metrics.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} of the test class path in a JVM of its own with a small heap, for tests that a hostile peer
 * cannot make the heap grow: the child measures its work with {@link #measure}, the test reads the line it printed.
 */
public final class SmallHeap {

    /** What the child printed (stdout and stderr) and its exit code, or {@code -1} if it did not end in time. */
    public record Outcome(String output, int exitCode) {}

    private SmallHeap() {}

    /** Runs {@code main} with {@code -Xmx<maxHeap>} and waits for it, at most two minutes. */
    public static Outcome run(String maxHeap, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean ended = child.waitFor(2, TimeUnit.MINUTES);
            String output = ended ? new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            return new Outcome(output, ended ? child.exitValue() : -1);
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * In the child: runs {@code work}, prints {@code <its result> heapBefore=.. heapAfter=.. heapPeak=..} (bytes in
     * use after a GC before and after, and the peak of the heap pools in between) and exits, 0 when the work
     * returned {@code expected}.
     */
    public static void measure(String expected, Callable<String> work) {
        long before = heapAfterGc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        String outcome;
        try {
            outcome = work.call();
        } catch (Exception | OutOfMemoryError e) {
            outcome = "failed: " + e;
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.println(outcome + " heapBefore=" + before + " heapAfter=" + heapAfterGc() + " heapPeak=" + peak);
        System.exit(outcome.equals(expected) ? 0 : 1);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
