package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.testkit.CapturedStderr;
import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real scheduler pushing JSON every 20 ms to a real endpoint that answers 500 to every POST: each push fails
 * after its retries, and the log shows one WARN for the whole run (it lasts less than the one-minute interval),
 * with the stack trace of the first failure, naming the target and the status. Before the change the exporter
 * warned too (for each retry and each failure, up to 3 a minute), so a failure was logged twice.
 */
class JsonPushFailureLogIT {

    private static final int FAILED_PUSHES = 30;

    @Test
    void manyFailedPushesWithinAnIntervalLogOneWarn() throws Exception {
        List<String> lines;
        String url;
        try (FaultyEndpoint endpoint = FaultyEndpoint.answering(0, 500);
                CapturedStderr log = new CapturedStderr()) {
            url = "http://127.0.0.1:" + endpoint.port() + "/ingest";
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start(
                    "json",
                    Map.of(
                            "push.url", url,
                            "interval", "20ms",
                            "max-attempts", "2",
                            "backoff", "1ms",
                            "timeout", "5s"))) {
                await("failed pushes")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> load.exporterStats().failures() >= FAILED_PUSHES);
            }
            assertThat(endpoint.requests()).isGreaterThanOrEqualTo(2L * FAILED_PUSHES);
            lines = log.lines();
        }

        // A push that overruns its 20 ms interval makes the next one be skipped: a condition of its own, logged apart.
        List<String> warnings = lines.stream()
                .filter(l -> l.contains(" WARN ") && !l.contains("push skipped"))
                .toList();
        assertThat(warnings)
                .as("WARN lines for %s failed pushes within one interval", FAILED_PUSHES)
                .singleElement()
                .asString()
                .contains("Exporter 'json' push failed");
        List<String> causes = lines.stream()
                .filter(l -> l.startsWith(java.io.IOException.class.getName() + ": "))
                .toList();
        assertThat(causes)
                .as("the first failure's stack trace, once")
                .singleElement()
                .asString()
                .contains(url)
                .contains("failed after 2 attempt(s): HTTP 500");
    }
}
