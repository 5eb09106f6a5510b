package io.symphra.examples.demo;

import io.symphra.metrics.config.WholeNumber;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The demo's command line: {@code --port N} (0 picks a free port), {@code --duration S} (run S seconds, then
 * shut down; default: until Ctrl-C), {@code --tasks N} (extra synthetic interval tasks), {@code --report S}
 * (seconds between console tables).
 */
record DemoOptions(int port, Optional<Duration> duration, int extraTasks, Duration reportEvery) {

    static final int DEFAULT_PORT = 9464;

    static DemoOptions parse(String... args) {
        int port = DEFAULT_PORT;
        Optional<Duration> duration = Optional.empty();
        int tasks = 0;
        Duration report = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = number(flag, value, 0, 65535);
                case "--duration" ->
                    duration = Optional.of(Duration.ofSeconds(number(flag, value, 1, Integer.MAX_VALUE)));
                case "--tasks" -> tasks = number(flag, value, 0, 1_000_000);
                case "--report" -> report = Duration.ofSeconds(number(flag, value, 1, 3600));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }
        return new DemoOptions(port, duration, tasks, report);
    }

    private static int number(String flag, String value, int min, int max) {
        // ASCII digits only, as in the scheduler's configuration: Integer.parseInt would take other digits too.
        OptionalLong n = WholeNumber.parse(value);
        if (n.isPresent() && n.getAsLong() >= min && n.getAsLong() <= max) {
            return (int) n.getAsLong();
        }
        throw new IllegalArgumentException(
                flag + " takes a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    static String usage() {
        return "usage: java -jar symphra-demo.jar [--port N] [--duration SECONDS] [--tasks N] [--report SECONDS]";
    }
}
