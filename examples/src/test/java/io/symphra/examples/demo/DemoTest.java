package io.symphra.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void parsesOptionsWithDefaults() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(9464, Optional.empty(), 0, Duration.ofSeconds(5)));
        assertThat(DemoOptions.parse("--port", "0", "--duration", "3", "--tasks", "100"))
                .isEqualTo(new DemoOptions(0, Optional.of(Duration.ofSeconds(3)), 100, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageContaining("'70000'");
        assertThatThrownBy(() -> DemoOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> DemoOptions.parse("--tasks")).hasMessageContaining("missing value after --tasks");
    }

    @Test
    void tableShowsRunsSuccessRateDurationsAndLastOutcome() {
        String table = StatsTable.render(
                SnapshotBuilder.snapshot()
                        .task("flaky", 7, 3)
                        .task("fast", 4, 0)
                        .build(),
                10);
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("14 executions, success rate 78.6%");
        assertThat(table.lines().filter(l -> l.startsWith("flaky")).findFirst().orElseThrow())
                .contains("10", "70.0%", "13.0ms", "10.0ms", "20.0ms", "success");
    }

    @Test
    void runsForItsDurationAndShutsDownGracefully() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"--port", "0", "--duration", "2", "--tasks", "20", "--report", "1"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("Prometheus metrics: http://127.0.0.1:")
                .contains("/metrics.json")
                .contains("Stopped after 2 s.")
                .contains("synthetic-00000")
                .contains("fast");
    }
}
