package io.symphra.cluster.jdbc;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real database server for the tests: its own data directory in a temporary folder, a free loopback port, a test
 * user with a password, started on demand and stopped (and its folder deleted) by {@link #close()}.
 */
abstract class DatabaseServer implements AutoCloseable {
    static final String USER = "symphra";
    static final String PASSWORD = "symphra-test-pw";
    private static final Duration READY = Duration.ofSeconds(60);

    final Path dir;
    final int port;
    private boolean running;
    /** Stops the server when the test JVM ends without closing it (Ctrl-C, a timeout of the build). */
    private final Thread stopAtExit =
            new Thread(this::stop, "stop " + getClass().getSimpleName());

    DatabaseServer(String name) {
        try {
            this.dir = Files.createTempDirectory("symphra-" + name + "-");
            this.port = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the test database, without credentials. */
    abstract String url();

    /** The statement that sets a session's time zone to {@code offset}, such as {@code +05:30}. */
    abstract String setTimeZone(String offset);

    /** Creates the data directory on the first call; starts the server and waits until it takes connections. */
    final synchronized void start() {
        if (running) {
            return;
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = true;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        await("%s accepts connections on 127.0.0.1:%d".formatted(getClass().getSimpleName(), port))
                .atMost(READY)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(this::accepts);
    }

    /** Stops the server the way an outage would, keeping its data for a later {@link #start()}. */
    final synchronized void stop() {
        if (running) {
            running = false;
            if (Thread.currentThread() != stopAtExit) {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            }
            try {
                halt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    abstract void launch() throws IOException;

    /** The server's processes, for {@link #freeze()}. */
    abstract List<Long> pids() throws IOException;

    /** Stops every process of the server with SIGSTOP: it keeps its sockets open and answers nothing. */
    final void freeze() throws IOException {
        signal("-STOP");
    }

    /** Lets a {@linkplain #freeze() frozen} server run again. */
    final void thaw() throws IOException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException {
        List<String> kill = command("kill", signal);
        for (long pid : pids()) {
            kill.add(Long.toString(pid));
        }
        run(kill, dir.resolve("kill.log"), Duration.ofSeconds(10));
    }

    /** A process and all that it started. */
    static List<Long> withDescendants(ProcessHandle process) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    abstract void halt() throws IOException;

    private boolean accepts() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), USER, PASSWORD)) {
            return connection.isValid(2);
        }
    }

    /** A pool as one instance of a service would have: its own connections, a short wait for a connection. */
    HikariDataSource pool(String name, int size) {
        return pool(name, size, null);
    }

    /** A pool whose connections each run {@code initSql} first, such as setting the session's time zone. */
    HikariDataSource pool(String name, int size, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setPoolName(name);
        config.setJdbcUrl(url());
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        return new HikariDataSource(config);
    }

    @Override
    public final void close() {
        try {
            stop();
        } finally {
            deleteTree(dir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command to its end within a bound, its output into {@code log}; fails with that log otherwise. */
    static void run(List<String> command, Path log, Duration bound) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        command.get(0) + " did not finish within " + bound + ": " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    String.join(" ", command) + " exited with " + process.exitValue() + ": " + Files.readString(log));
        }
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    static Path binary(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", candidates)
                + " is installed: scripts/test.sh installs the Debian packages postgresql and mariadb-server");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
