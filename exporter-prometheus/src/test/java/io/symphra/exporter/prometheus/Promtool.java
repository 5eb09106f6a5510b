package io.symphra.exporter.prometheus;

import io.symphra.metrics.testkit.RequiredProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool check metrics} on an exposition fed through its standard input; shared with
 * symphra-tracing-otel's tests. */
public final class Promtool {

    /**
     * What promtool said: its exit code (0 clean, 3 lint problems, 1 a parse error) and its output lines.
     */
    public record Result(int exitCode, List<String> lines) {

        /** Lines that report that the text could not be read at all. */
        public List<String> parseErrors() {
            return lines.stream()
                    .filter(l -> l.contains("error while linting") || l.contains("parsing error"))
                    .toList();
        }
    }

    private Promtool() {}

    public static Result checkMetrics(byte[] exposition, Path workDir) throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDir, "promtool", ".out");
        Process process = new ProcessBuilder(
                        RequiredProgram.require("promtool", "the Debian package prometheus"), "check", "metrics")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(exposition);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("promtool did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
    }
}
