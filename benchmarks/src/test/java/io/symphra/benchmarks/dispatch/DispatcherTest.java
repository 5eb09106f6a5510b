package io.symphra.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each contender of the dispatch benchmark really fires its tasks, and stops when closed. */
class DispatcherTest {

    @ParameterizedTest
    @ValueSource(strings = {"symphra", "symphra-inline", "stpe", "quartz"})
    void firesEveryTaskRepeatedly(String name) throws Exception {
        LongAdder runs = new LongAdder();
        try (Dispatcher dispatcher = Dispatcher.named(name)) {
            dispatcher.start(10, runs);
            // 10 tasks every millisecond: well over 100 runs come within a second even on a loaded machine.
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.sum() > 100);
            if (name.startsWith("symphra")) {
                assertThat(dispatcher.summary()).startsWith("symphra recorded ");
            }
        }
        long afterClose = runs.sum();
        assertThat(afterClose).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron4j", ""})
    void anUnknownSchedulerIsNamedInTheError(String name) {
        assertThatThrownBy(() -> Dispatcher.named(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }
}
