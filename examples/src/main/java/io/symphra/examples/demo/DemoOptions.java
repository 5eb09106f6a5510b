package io.symphra.examples.demo;

import io.symphra.metrics.config.WholeNumber;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The demo's command line: {@code --port N} (0 picks a free port), {@code --duration S} (run S seconds, then
 * shut down; default: until Ctrl-C), {@code --tasks N} (extra synthetic interval tasks), {@code --report S}
 * (seconds between console tables), and cluster mode ({@link ClusterOptions}): {@code --cluster-url JDBC-URL},
 * {@code --cluster-user U}, {@code --instance NAME}, {@code --clock-offset MILLIS}.
 */
record DemoOptions(
        int port, Optional<Duration> duration, int extraTasks, Duration reportEvery, Optional<ClusterOptions> cluster) {

    static final int DEFAULT_PORT = 9464;
    static final String PASSWORD_VARIABLE = "SYMPHRA_CLUSTER_PASSWORD";

    DemoOptions(int port, Optional<Duration> duration, int extraTasks, Duration reportEvery) {
        this(port, duration, extraTasks, reportEvery, Optional.empty());
    }

    static DemoOptions parse(String... args) {
        return parse(System.getenv(), args);
    }

    static DemoOptions parse(Map<String, String> environment, String... args) {
        int port = DEFAULT_PORT;
        Optional<Duration> duration = Optional.empty();
        int tasks = 0;
        Duration report = Duration.ofSeconds(5);
        String url = null;
        String user = null;
        String instance = null;
        Duration clockOffset = Duration.ZERO;
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
                case "--cluster-url" -> url = jdbcUrl(value);
                case "--cluster-user" -> user = value;
                case "--instance" -> instance = value;
                case "--clock-offset" -> clockOffset = Duration.ofMillis(signedNumber(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }
        if (url == null && (user != null || instance != null || !clockOffset.isZero())) {
            throw new IllegalArgumentException(
                    "--cluster-user, --instance and --clock-offset need --cluster-url\n" + usage());
        }
        Optional<ClusterOptions> cluster = url == null
                ? Optional.empty()
                : Optional.of(new ClusterOptions(url, user, environment.get(PASSWORD_VARIABLE), instance, clockOffset));
        return new DemoOptions(port, duration, tasks, report, cluster);
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")
                && !value.startsWith("jdbc:mariadb:")
                && !value.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("--cluster-url takes a jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:"
                    + " URL, got '" + value + "'");
        }
        return value;
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

    private static long signedNumber(String flag, String value) {
        boolean negative = value.startsWith("-");
        OptionalLong n = WholeNumber.parse(negative ? value.substring(1) : value);
        long limit = Duration.ofDays(1).toMillis();
        if (n.isPresent() && n.getAsLong() <= limit) {
            return negative ? -n.getAsLong() : n.getAsLong();
        }
        throw new IllegalArgumentException(
                flag + " takes milliseconds from -" + limit + " to " + limit + ", got '" + value + "'");
    }

    static String usage() {
        return "usage: java -jar symphra-demo.jar [--port N] [--duration SECONDS] [--tasks N] [--report SECONDS]\n"
                + "       [--cluster-url JDBC-URL [--cluster-user USER] [--instance NAME] [--clock-offset MILLIS]]\n"
                + "       (cluster mode reads the database password from " + PASSWORD_VARIABLE + ")";
    }
}
