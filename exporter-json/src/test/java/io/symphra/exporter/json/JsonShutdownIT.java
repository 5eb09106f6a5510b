package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing the scheduler loses nothing: after N one-shot runs, the last document the JSON receiver got says N,
 * whether the final push is the only one (an hour's interval) or the last of many (20 ms).
 */
class JsonShutdownIT {

    private static final int RUNS = 60;

    @ParameterizedTest
    @ValueSource(strings = {"1h", "20ms"})
    void theLastDocumentSaysEveryRunAfterClose(String interval) throws Exception {
        JsonReceiver.Tally tally = new JsonReceiver.Tally();
        try (JsonReceiver receiver = JsonReceiver.start(0, tally)) {
            try (Scheduler scheduler = OneShotRuns.pushingTo("json", interval, Map.of("push.url", receiver.url()))
                    .build()) {
                OneShotRuns.runAll(scheduler, RUNS);
            }
            // close() returned after the final push was answered: nothing to wait for.
            assertThat(tally.lastTotal()).isEqualTo(RUNS);
            assertThat(tally.lastTasks())
                    .hasSize(RUNS)
                    .allSatisfy((task, executions) ->
                            assertThat(executions).as(task).isEqualTo(1L));
            assertThat(tally.wentDown()).isFalse();
            System.out.printf(
                    "[shutdown] json interval %s: %d documents, the last says %d of %d%n",
                    interval, tally.documents(), tally.lastTotal(), RUNS);
        }
    }
}
