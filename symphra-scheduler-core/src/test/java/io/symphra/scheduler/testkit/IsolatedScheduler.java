package io.symphra.scheduler.testkit;

import io.symphra.scheduler.Scheduler;
import java.util.Map;
import java.util.Properties;

/** A scheduler builder that sees nothing of the machine: metrics on, no discovered exporters, no system
 * properties and no environment, so that only what the test sets configures it. */
public final class IsolatedScheduler {

    private IsolatedScheduler() {}

    public static Scheduler.Builder builder() {
        return Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .systemProperties(new Properties())
                .environment(Map.of());
    }
}
