package io.symphra.cluster.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One replica of a service as a process of its own, started by {@link SeparateProcessesIT}: a real scheduler in
 * cluster mode on its own pool, running {@code tasks} fixed-rate tasks whose runs each insert their fire into the
 * test's {@code runs} table (primary key task and planned instant, so a fire that ran twice cannot be hidden). It
 * prints {@code READY} once started, one line per event the test checks, and on the end of its standard input
 * (the test closing it) shuts down and prints its totals. Arguments are {@code key=value}.
 */
public final class ReplicaProcess {

    /** The fire the current worker runs: the listener hears its start on the worker, just before its action. */
    private static final ThreadLocal<ExecutionEvent> FIRE = new ThreadLocal<>();

    private ReplicaProcess() {}

    public static void main(String[] args) throws IOException, SQLException {
        Map<String, String> arg = new HashMap<>();
        for (String a : args) {
            arg.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        String instance = arg.get("instance");
        String runsTable = arg.get("runs");
        long workNanos =
                Duration.ofMillis(Long.parseLong(arg.get("workMillis"))).toNanos();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(arg.get("url"));
        config.setUsername(DatabaseServer.USER);
        config.setPassword(DatabaseServer.PASSWORD);
        config.setMaximumPoolSize(6);
        config.setPoolName(instance);
        HikariDataSource pool = new HikariDataSource(config);
        ClaimStoreSettings settings = ClaimStoreSettings.builder()
                .table(arg.get("fires"))
                .createTable(true)
                .queryTimeout(Duration.ofSeconds(5))
                .lease(Duration.ofMillis(Long.parseLong(arg.get("leaseMillis"))))
                .heartbeat(Duration.ofMillis(Long.parseLong(arg.get("heartbeatMillis"))))
                .build();
        JdbcFireCoordinator coordinator = JdbcFireCoordinator.builder(JdbcClaimStore.start(pool, settings))
                .scanInterval(Duration.ofMillis(Long.parseLong(arg.get("heartbeatMillis"))))
                .build();
        Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .instance(instance)
                .coordinator(coordinator)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(arg.get("clockOffsetMillis")))))
                .workerThreads(4)
                .shutdownTimeout(Duration.ofSeconds(10))
                .discoverExporters(false)
                .listener(new TaskListener() {
                    @Override
                    public void onStart(ExecutionEvent event) {
                        FIRE.set(event);
                    }

                    @Override
                    public void onAbandoned(ExecutionEvent event, String formerOwner) {
                        out.println("ABANDONED " + Replica.key(event) + " " + formerOwner + " "
                                + System.currentTimeMillis());
                    }
                })
                .build();
        Duration period = Duration.ofMillis(Long.parseLong(arg.get("periodMillis")));
        int tasks = Integer.parseInt(arg.get("tasks"));
        for (int i = 0; i < tasks; i++) {
            String name = "task-" + i;
            scheduler.schedule(Task.builder(name)
                    .trigger(Triggers.every(period))
                    .recoverAbandoned(true)
                    .run(() -> {
                        work(workNanos);
                        insertRun(pool, runsTable, instance, out);
                    })
                    .build());
        }
        scheduler.start();
        out.println("READY " + System.currentTimeMillis());
        while (System.in.read() >= 0) {
            // The test ends this replica by closing its standard input.
        }
        scheduler.close();
        out.println("SUCCESSES " + scheduler.snapshot().totals().successes());
        long claimed = scheduler.snapshot().tasks().values().stream()
                .mapToLong(t -> t.cluster().claimed())
                .sum();
        out.println("CLAIMED " + claimed);
        pool.close();
        out.println("STOPPED");
    }

    /** Simulated work, on the worker as a task's own would be. */
    private static void work(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void insertRun(HikariDataSource pool, String table, String instance, PrintStream out) {
        ExecutionEvent fire = FIRE.get();
        try (Connection c = pool.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO " + table + " (task_name, planned_nanos, instance_id) VALUES (?, ?, ?)")) {
            insert.setString(1, fire.taskName());
            insert.setLong(2, fire.scheduledEpochNanos());
            insert.setString(3, instance);
            insert.executeUpdate();
        } catch (SQLException e) {
            // A duplicate key is a fire that ran twice; the test fails on any such line.
            out.println(
                    "INSERT-FAILED " + Replica.key(fire.taskName(), fire.scheduledEpochNanos()) + " " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }
}
