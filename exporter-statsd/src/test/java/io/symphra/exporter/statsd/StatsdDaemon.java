package io.symphra.exporter.statsd;

import static org.awaitility.Awaitility.await;

import io.symphra.metrics.testkit.RequiredProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference StatsD daemon (npm package {@code statsd} 0.9.0), run with node on free loopback ports with no
 * backend and a flush interval of an hour, so whatever it received stays in its counters and gauges, which the
 * test reads through its management port. Public for the tests of other modules that push to StatsD too (the
 * module's test jar).
 */
public final class StatsdDaemon implements AutoCloseable {

    static final String HOME_PROPERTY = "symphra.statsd.home";
    private static final Pattern ENTRY = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)': (-?[0-9][0-9.e+-]*)");

    private final Process process;
    private final Path log;
    private final int port;
    private final int mgmtPort;

    private StatsdDaemon(Process process, Path log, int port, int mgmtPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.mgmtPort = mgmtPort;
    }

    /**
     * Starts the daemon with its data in {@code dir}.
     *
     * @param keyNameSanitize the daemon's own option: true (its default) strips from names every character but
     *                        ASCII letters, digits, {@code _ - . ; =}
     */
    public static StatsdDaemon start(Path dir, boolean keyNameSanitize) throws IOException {
        return start(dir, keyNameSanitize, freeUdpPort());
    }

    /** Starts the daemon on a given UDP port, so that a test can stop it and start it again where a sender points. */
    static StatsdDaemon start(Path dir, boolean keyNameSanitize, int port) throws IOException {
        Path home = home();
        int mgmtPort = freeTcpPort();
        Path config = dir.resolve("config.js");
        Files.writeString(
                config,
                "{\n"
                        + "  address: \"127.0.0.1\", port: " + port + ",\n"
                        + "  mgmt_address: \"127.0.0.1\", mgmt_port: " + mgmtPort + ",\n"
                        + "  flushInterval: 3600000,\n"
                        + "  backends: [],\n"
                        + "  keyNameSanitize: " + keyNameSanitize + "\n"
                        + "}\n");
        Path log = dir.resolve("statsd.log");
        Process process;
        try {
            process = new ProcessBuilder(
                            RequiredProgram.require("node", "the Debian package nodejs"),
                            home.resolve("stats.js").toString(),
                            config.toString())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run node, which the StatsD daemon needs: install Node.js", e);
        }
        StatsdDaemon daemon = new StatsdDaemon(process, log, port, mgmtPort);
        try {
            await("StatsD daemon answering on 127.0.0.1:" + mgmtPort)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(
                                    "StatsD daemon exited with " + process.exitValue() + ":\n" + daemon.log());
                        }
                        return daemon.query("health", "\n").startsWith("health: up");
                    });
        } catch (RuntimeException | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private static Path home() {
        String value = System.getProperty(HOME_PROPERTY);
        Path home = value == null ? null : Path.of(value);
        if (home == null || !Files.isRegularFile(home.resolve("stats.js"))) {
            throw RequiredProgram.missing(
                    "The reference StatsD daemon is not installed at " + value + " (system property " + HOME_PROPERTY
                            + ", set by the module's pom)",
                    "the npm package statsd 0.9.0, installed into .tools/statsd");
        }
        return home;
    }

    public int port() {
        return port;
    }

    /** The daemon's counters, by key. */
    public Map<String, Double> counters() throws IOException {
        return entries(query("counters", "END\n\n"));
    }

    /** The daemon's gauges, by key. */
    Map<String, Double> gauges() throws IOException {
        return entries(query("gauges", "END\n\n"));
    }

    /** Lines rejected by the daemon's parser since it started, from the {@code stats} command. */
    long badLinesSeen() throws IOException {
        Matcher m = Pattern.compile("messages\\.bad_lines_seen: (\\d+)").matcher(query("stats", "END\n\n"));
        if (!m.find()) {
            throw new AssertionError("no bad_lines_seen in the daemon's stats");
        }
        return Long.parseLong(m.group(1));
    }

    /** StatsD lines received, from the daemon's own counter. */
    public long metricsReceived() throws IOException {
        return counters().getOrDefault("statsd.metrics_received", 0.0).longValue();
    }

    /** Datagrams received, from the daemon's own counter. */
    public long packetsReceived() throws IOException {
        return counters().getOrDefault("statsd.packets_received", 0.0).longValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Parses Node's util.inspect of an object of numbers: {@code { 'a.b': 1, 'c': 0.5 }}. */
    private static Map<String, Double> entries(String inspected) {
        Map<String, Double> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(inspected);
        while (m.find()) {
            String key = m.group(1).replace("\\'", "'").replace("\\\\", "\\");
            entries.put(key, Double.parseDouble(m.group(2)));
        }
        return entries;
    }

    private String query(String command, String terminator) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mgmtPort), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[65_536];
            int n;
            while (!answer.toString(StandardCharsets.UTF_8).endsWith(terminator) && (n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
