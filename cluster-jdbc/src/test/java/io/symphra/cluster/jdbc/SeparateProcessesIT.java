package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replicas as separate JVM processes on one real database ({@link ReplicaProcess}), each run inserting its fire into
 * a table whose primary key is the fire: every planned fire runs exactly once across them, with one replica's clock
 * 2 s ahead, and a replica killed with {@code kill -9} leaves fires that the others report abandoned and run again.
 */
@ExtendWith(Servers.class)
class SeparateProcessesIT {
    private static final long MILLI = 1_000_000L;
    private static final AtomicInteger TABLES = new AtomicInteger();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    /** Fifty tasks every 200 ms for 30 s on three processes, one of them with its clock 2 s ahead. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void threeProcessesRunEveryPlannedFireExactlyOnce(Db db) throws Exception {
        DatabaseServer server = Servers.get(db);
        Tables tables = tables(server);
        long period = 200;
        List<Child> children = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            children.add(start(server, tables, name, 50, period, 0, name.equals("c") ? 2_000 : 0, 30_000, 1_000));
        }
        long firstReady = children.stream().mapToLong(Child::ready).min().orElseThrow();
        long allReady = children.stream().mapToLong(Child::ready).max().orElseThrow();
        long until = firstReady + 30_000;
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> System.currentTimeMillis() >= until);
        long stoppedAt = System.currentTimeMillis();
        children.forEach(Child::stop);
        long successes = 0;
        long claimed = 0;
        for (Child child : children) {
            child.awaitExit();
            assertThat(child.lines("INSERT-FAILED"))
                    .as("fires %s ran twice or failed", child.name)
                    .isEmpty();
            successes += Long.parseLong(child.lines("SUCCESSES").get(0).split(" ")[1]);
            claimed += Long.parseLong(child.lines("CLAIMED").get(0).split(" ")[1]);
        }

        Set<String> ran = runs(server, tables.runs);
        assertThat(successes).as("summed successes of the three").isEqualTo(ran.size());
        assertThat(claimed).as("summed claimed fires of the three").isEqualTo(ran.size());
        // From the first grid point all three replicas plan (c, 2 s ahead, plans from 2 s after its start) to 2 s
        // before they were stopped (runs due then may have been cut short by the shutdown): every point of every
        // task, no gap. Before it fewer replicas cover a point: one stalled longer than the period (a loaded
        // machine) skips it, as the no-catch-up rule says, with no other to run it.
        long from = ceil(allReady + 2_000, period) * MILLI;
        long to = (stoppedAt - 2_000) * MILLI;
        List<String> missing = new ArrayList<>();
        int planned = 0;
        for (int task = 0; task < 50; task++) {
            for (long t = from; t <= to; t += period * MILLI) {
                planned++;
                if (!ran.contains(Replica.key("task-" + task, t))) {
                    missing.add(Replica.key("task-" + task, t));
                }
            }
        }
        assertThat(planned).isGreaterThan(50 * 80);
        assertThat(missing)
                .as(
                        "planned fires that ran on no replica (%d of %d); the replicas' output ends:%n%s",
                        missing.size(), planned, tails(children))
                .isEmpty();
    }

    /** A replica killed during runs: the others keep firing, report its fires abandoned and run them again. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aKilledProcessesFiresAreReportedAbandonedAndRunOnceElsewhere(Db db) throws Exception {
        DatabaseServer server = Servers.get(db);
        Tables tables = tables(server);
        long lease = 2_000;
        long heartbeat = 250;
        List<Child> children = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            // Runs of 1.5 s every 2 s: at any moment most tasks have a run in progress somewhere.
            children.add(start(server, tables, name, 6, 2_000, 1_500, 0, lease, heartbeat));
        }
        Child victim = children.get(0);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !running(server, tables.fires, victim.name).isEmpty());
        victim.kill();
        long killedAt = System.currentTimeMillis();
        // A dead process renews nothing: what it held at its death is what is still running under its name.
        Set<String> held = running(server, tables.fires, victim.name);
        assertThat(held).isNotEmpty();
        List<Child> survivors = children.subList(1, 3);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> runs(server, tables.runs).containsAll(held));
        // The survivors kept firing meanwhile: every task ran a fire planned after the death.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Set<String> after = runsPlannedAfter(server, tables.runs, killedAt * MILLI);
                    return after.stream()
                                    .map(f -> f.substring(0, f.indexOf('@')))
                                    .distinct()
                                    .count()
                            == 6;
                });
        survivors.forEach(Child::stop);
        List<String> reports = new ArrayList<>();
        for (Child child : survivors) {
            child.awaitExit();
            assertThat(child.lines("INSERT-FAILED"))
                    .as("fires %s ran twice", child.name)
                    .isEmpty();
            reports.addAll(child.lines("ABANDONED"));
        }
        Set<String> reported = new HashSet<>();
        for (String line : reports) {
            String[] part = line.split(" ");
            assertThat(part[2]).as("former owner in %s", line).isEqualTo(victim.name);
            assertThat(reported.add(part[1])).as("reported once: %s", line).isTrue();
            // Within the documented bound: the lease, a scan, and generous room for a loaded machine.
            assertThat(Long.parseLong(part[3]) - killedAt)
                    .as("reported after the death: %s", line)
                    .isLessThan(lease + heartbeat + 10_000);
        }
        assertThat(reported).containsAll(held);
        for (String fire : held) {
            assertThat(instanceOf(server, tables.runs, fire))
                    .as("re-run of %s", fire)
                    .isNotEqualTo(victim.name);
        }
    }

    private static String tails(List<Child> children) {
        StringBuilder text = new StringBuilder();
        for (Child child : children) {
            List<String> lines = child.text().lines().toList();
            text.append("--- ").append(child.name).append('\n');
            lines.subList(Math.max(0, lines.size() - 40), lines.size())
                    .forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    record Tables(String fires, String runs) {}

    private Tables tables(DatabaseServer server) throws SQLException {
        int n = TABLES.incrementAndGet();
        Tables tables = new Tables("proc_fires_" + n, "proc_runs_" + n);
        try (Connection c = connect(server);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + tables.runs + " (task_name VARCHAR(64) NOT NULL, planned_nanos BIGINT NOT NULL,"
                    + " instance_id VARCHAR(64) NOT NULL, PRIMARY KEY (task_name, planned_nanos))");
        }
        return tables;
    }

    private Child start(
            DatabaseServer server,
            Tables tables,
            String name,
            int tasks,
            long periodMillis,
            long workMillis,
            long clockOffsetMillis,
            long leaseMillis,
            long heartbeatMillis)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                ReplicaProcess.class.getName(),
                "url=" + server.url(),
                "fires=" + tables.fires,
                "runs=" + tables.runs,
                "instance=" + name,
                "tasks=" + tasks,
                "periodMillis=" + periodMillis,
                "workMillis=" + workMillis,
                "clockOffsetMillis=" + clockOffsetMillis,
                "leaseMillis=" + leaseMillis,
                "heartbeatMillis=" + heartbeatMillis));
        Path out = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        processes.add(process);
        Child child = new Child(name, process, out);
        child.awaitReady();
        return child;
    }

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private static Connection connect(DatabaseServer server) throws SQLException {
        return DriverManager.getConnection(server.url(), DatabaseServer.USER, DatabaseServer.PASSWORD);
    }

    private static Set<String> runs(DatabaseServer server, String table) throws SQLException {
        return fires(server, "SELECT task_name, planned_nanos FROM " + table);
    }

    private static Set<String> runsPlannedAfter(DatabaseServer server, String table, long nanos) throws SQLException {
        return fires(server, "SELECT task_name, planned_nanos FROM " + table + " WHERE planned_nanos > " + nanos);
    }

    private static Set<String> running(DatabaseServer server, String table, String instance) throws SQLException {
        return fires(
                server,
                "SELECT task_name, planned_nanos FROM " + table + " WHERE state = 'claimed' AND instance_id = '"
                        + instance + "'");
    }

    private static String instanceOf(DatabaseServer server, String table, String fire) throws SQLException {
        String task = fire.substring(0, fire.indexOf('@'));
        long planned = Long.parseLong(fire.substring(fire.indexOf('@') + 1));
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance_id FROM " + table + " WHERE task_name = '" + task
                        + "' AND planned_nanos = " + planned)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Set<String> fires(DatabaseServer server, String query) throws SQLException {
        Set<String> fires = new HashSet<>();
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                fires.add(Replica.key(rs.getString(1), rs.getLong(2)));
            }
        } catch (SQLException e) {
            // The fires table is created by the first replica's start: absent before it, nothing runs yet.
            if (!query.contains("proc_fires_")) {
                throw e;
            }
        }
        return fires;
    }

    private static long ceil(long millis, long period) {
        return (millis + period - 1) / period * period;
    }

    /** One replica process, read through its output file. */
    static final class Child {
        final String name;
        private final Process process;
        private final Path out;

        Child(String name, Process process, Path out) {
            this.name = name;
            this.process = process;
            this.out = out;
        }

        void awaitReady() {
            await("replica " + name + " started; its output: " + out)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !lines("READY").isEmpty() || !process.isAlive());
            assertThat(lines("READY"))
                    .as("replica %s started: %s", name, text())
                    .isNotEmpty();
        }

        long ready() {
            return Long.parseLong(lines("READY").get(0).split(" ")[1]);
        }

        void stop() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void kill() {
            // destroyForcibly is SIGKILL on Linux: no shutdown hook, no release of its claims.
            process.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }

        void awaitExit() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("replica %s stopped: %s", name, out)
                    .isTrue();
            assertThat(lines("STOPPED"))
                    .as("replica %s stopped cleanly: %s", name, text())
                    .isNotEmpty();
        }

        List<String> lines(String prefix) {
            return text().lines()
                    .filter(l -> l.startsWith(prefix + " ") || l.equals(prefix))
                    .toList();
        }

        private String text() {
            try {
                return Files.exists(out) ? Files.readString(out) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
