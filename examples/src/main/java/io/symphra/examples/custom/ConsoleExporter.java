package io.symphra.examples.custom;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A custom exporter written against {@code symphra-metrics-api} alone: every interval it prints one line per task
 * to standard output. It is listed in {@code META-INF/services/io.symphra.metrics.spi.MetricsExporter}, so adding
 * the jar is enough; it stays off until {@code symphra.exporter.console.enabled=true}
 * (or {@code SYMPHRA_EXPORTER_CONSOLE_ENABLED=true}).
 *
 * <p>Keys: {@code prefix} (default {@code symphra}), {@code interval} (default 30s), {@code failures-only}
 * (default false: print every task).
 */
public final class ConsoleExporter implements MetricsExporter {

    private final PrintStream out;
    private String prefix;
    private boolean failuresOnly;

    /** The ServiceLoader constructor: prints to {@link System#out}. */
    public ConsoleExporter() {
        this(System.out);
    }

    /** Prints to {@code out}; for tests and embedding. */
    public ConsoleExporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Optional<Duration> defaultInterval() {
        return Optional.of(Duration.ofSeconds(30));
    }

    @Override
    public void configure(ExporterConfig config) {
        prefix = config.string("prefix", "symphra");
        if (!prefix.matches("[A-Za-z0-9_.-]+")) {
            throw config.invalid("prefix", "expected letters, digits, '_', '.' or '-'");
        }
        failuresOnly = config.bool("failures-only", false);
    }

    @Override
    public void start(ExporterContext context) {
        // Nothing to open: standard output is always there.
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        for (TaskStats task : snapshot.tasks().values()) {
            if (failuresOnly && task.failures() == 0) {
                continue;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "%s task=%s executions=%d failures=%d avg=%.3fs max=%.3fs",
                    prefix,
                    quote(task.name()),
                    task.executions(),
                    task.failures(),
                    task.averageDurationSeconds(),
                    task.maxDurationSeconds()));
        }
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    /** Task names may hold any character: quote them so one name is one field of one line. */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
