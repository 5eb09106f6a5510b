package io.symphra.exporter.prometheus;

import io.symphra.metrics.testkit.RequiredProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP benchmarking tool {@code wrk} (Debian package, {@code /usr/bin/wrk}) run as a process against one URL,
 * bounded in time and killed if it overruns, with its report parsed.
 */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+\\w+), ([\\d.]+\\w*B) read");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {}

    /**
     * What one run reported.
     *
     * @param socketErrors connect, read, write and timeout errors summed (0 when wrk printed no such line)
     * @param non2xx       responses other than 2xx or 3xx (0 when wrk printed no such line)
     */
    record Result(
            long requests,
            String elapsed,
            String read,
            double requestsPerSecond,
            double p50Millis,
            double p75Millis,
            double p90Millis,
            double p99Millis,
            long socketErrors,
            long non2xx,
            String output) {

        String summary() {
            return String.format(
                    "%d requests in %s (%s read), %.0f requests/s; latency p50 %.2f ms, p75 %.2f ms,"
                            + " p90 %.2f ms, p99 %.2f ms; socket errors %d, non-2xx/3xx %d",
                    requests,
                    elapsed,
                    read,
                    requestsPerSecond,
                    p50Millis,
                    p75Millis,
                    p90Millis,
                    p99Millis,
                    socketErrors,
                    non2xx);
        }
    }

    /** Runs {@code wrk -t<threads> -c<connections> -d<seconds>s --latency [-H header] url}. */
    static Result run(String url, int threads, int connections, Duration duration, List<String> headers, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                RequiredProgram.require("wrk", "the Debian package wrk"),
                "-t" + threads,
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(duration.toSeconds() + 15, TimeUnit.SECONDS)) {
                throw new AssertionError("wrk did not end within its duration + 15 s: " + read(log));
            }
            String output = read(log);
            if (process.exitValue() != 0) {
                throw new AssertionError("wrk exited with " + process.exitValue() + ": " + output);
            }
            return parse(output);
        } finally {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Result parse(String output) {
        Matcher requests = find(REQUESTS, output);
        Matcher rate = find(RATE, output);
        double[] percentiles = new double[4];
        Matcher percentile = PERCENTILE.matcher(output);
        int found = 0;
        while (percentile.find()) {
            int index = switch (percentile.group(1)) {
                case "50" -> 0;
                case "75" -> 1;
                case "90" -> 2;
                default -> 3;
            };
            percentiles[index] = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            found++;
        }
        if (found != 4) {
            throw new AssertionError("no latency distribution in wrk's output: " + output);
        }
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        return new Result(
                Long.parseLong(requests.group(1)),
                requests.group(2),
                requests.group(3),
                Double.parseDouble(rate.group(1)),
                percentiles[0],
                percentiles[1],
                percentiles[2],
                percentiles[3],
                socketErrors,
                bad,
                output);
    }

    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new AssertionError("no match for " + pattern + " in wrk's output: " + output);
        }
        return matcher;
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1_000;
            case "ms" -> value;
            case "s" -> value * 1_000;
            default -> value * 60_000;
        };
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
