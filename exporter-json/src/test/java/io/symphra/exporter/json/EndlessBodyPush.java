package io.symphra.exporter.json;

import io.symphra.metrics.config.ExporterConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.Map;
import org.slf4j.helpers.NOPLogger;

/**
 * One real push to the URL in {@code args[0]}, run in its own JVM with a small heap by {@link HttpPushSinkTest}:
 * prints {@code delivered} or the failure, and the heap in use (after a GC) before and after, and its peak.
 */
final class EndlessBodyPush {

    private EndlessBodyPush() {}

    public static void main(String[] args) throws Exception {
        ExporterConfig config =
                ExporterConfig.of("json", Map.of("push.url", args[0], "push.max-attempts", "1", "push.timeout", "30s"));
        JsonExporterSettings.PushSettings settings =
                JsonExporterSettings.read(config).push().orElseThrow();
        long before = heapAfterGc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        String outcome;
        try (HttpPushSink sink = HttpPushSink.create(
                settings,
                r -> {
                    Thread t = new Thread(r, "endless-body-push");
                    t.setDaemon(true);
                    return t;
                },
                Clock.systemUTC(),
                new RateLimitedWarnings(NOPLogger.NOP_LOGGER, Clock.systemUTC()),
                null)) {
            sink.accept(new byte[] {'{', '}'});
            outcome = "delivered";
        } catch (Exception | OutOfMemoryError e) {
            outcome = "failed: " + e;
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.println(outcome + " heapBefore=" + before + " heapAfter=" + heapAfterGc() + " heapPeak=" + peak);
        System.exit(outcome.equals("delivered") ? 0 : 1);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
