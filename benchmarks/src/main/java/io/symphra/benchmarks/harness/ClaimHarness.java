package io.symphra.benchmarks.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.symphra.cluster.jdbc.ClaimStoreSettings;
import io.symphra.cluster.jdbc.JdbcClaimStore;
import io.symphra.cluster.jdbc.JdbcFireCoordinator;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.cluster.CoordinationContext;
import io.symphra.scheduler.cluster.FireClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster mode's cost on a real database: {@code instances} replicas (each its own HikariCP pool and
 * {@link JdbcFireCoordinator}, as separate processes would have) decide the same stream of fires as fast as
 * {@code threads} workers each let them: every fire is claimed by every replica, the winner records its end. It
 * reports the latency of one claim (p50, p99) and the fires decided per second, and the same for the peer: the bare
 * statements a claim and an end come down to (the dialect's conditional insert and the finishing update, through
 * the same pools, without the store), so the ratio says what the store adds over the database's own cost.
 *
 * <p>Options: {@code --url=jdbc:postgresql://... --user=U --instances=3 --threads=4 --warmup=3s --measure=10s
 * --rounds=2}; the password is read from {@code SYMPHRA_BENCH_DB_PASSWORD}. {@code scripts/bench-cluster.sh} starts a
 * throwaway PostgreSQL and runs it.
 */
public final class ClaimHarness {

    private static final Set<String> OPTIONS =
            Set.of("url", "user", "instances", "threads", "warmup", "measure", "rounds");
    private static final int TASKS = 50;

    private ClaimHarness() {}

    /** One measured phase: who, claims measured, claim latency percentiles, fires decided per second. */
    record Result(String contender, int claims, long p50Nanos, long p99Nanos, double firesPerSecond) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "claim %-6s claims=%d p50=%.3fms p99=%.3fms fires/s=%.0f",
                    contender,
                    claims,
                    p50Nanos / 1e6,
                    p99Nanos / 1e6,
                    firesPerSecond);
        }
    }

    /** What one contender does for one fire on one replica: claim it, and end it when won. */
    private interface Decider {
        void decide(int instance, String task, long planned) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        HarnessArgs a = HarnessArgs.parse(args, OPTIONS);
        String url = a.string("url", null);
        if (url == null) {
            throw new IllegalArgumentException("--url=jdbc:postgresql://... (or jdbc:mariadb://...) is required");
        }
        int instances = a.integer("instances", 3);
        int threads = a.integer("threads", 4);
        Duration warmup = a.duration("warmup", Duration.ofSeconds(3));
        Duration measure = a.duration("measure", Duration.ofSeconds(10));
        int rounds = a.integer("rounds", 2);
        String table = "bench_fires_" + ProcessHandle.current().pid();

        List<HikariDataSource> pools = new ArrayList<>();
        List<JdbcFireCoordinator> coordinators = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                pools.add(pool(url, a.string("user", null), threads + 2, "replica-" + i));
            }
            ClaimStoreSettings settings =
                    ClaimStoreSettings.builder().table(table).createTable(true).build();
            for (int i = 0; i < instances; i++) {
                JdbcFireCoordinator c = JdbcFireCoordinator.of(JdbcClaimStore.start(pools.get(i), settings));
                c.start(context("replica-" + i));
                coordinators.add(c);
            }
            Decider store = (instance, task, planned) -> {
                FireClaim claim = coordinators.get(instance).claim(task, planned);
                if (claim.owned()) {
                    claim.ended(ExecutionOutcome.SUCCESS);
                }
            };
            String peerTable = table + "_bare";
            createLike(pools.get(0), table, peerTable);
            boolean postgres = url.startsWith("jdbc:postgresql:");
            Decider bare = bareStatements(pools, peerTable, postgres);
            AtomicLong fires = new AtomicLong(System.currentTimeMillis() * 1_000_000L);
            System.out.printf(
                    Locale.ROOT,
                    "claim harness: %d replicas x %d threads, %s, warmup %s, measure %s, %d round(s) each%n",
                    instances,
                    threads,
                    url.replaceAll("\\?.*", ""),
                    warmup,
                    measure,
                    rounds);
            for (int round = 0; round < rounds; round++) {
                Result ours = phase("store", store, instances, threads, warmup, measure, fires);
                Result peer = phase("bare", bare, instances, threads, warmup, measure, fires);
                System.out.println(ours);
                System.out.println(peer);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: fires/s ratio store/bare %.2fx, p50 ratio %.2fx, p99 ratio %.2fx%n",
                        round + 1,
                        ours.firesPerSecond() / peer.firesPerSecond(),
                        (double) ours.p50Nanos() / peer.p50Nanos(),
                        (double) ours.p99Nanos() / peer.p99Nanos());
            }
            try (Connection c = pools.get(0).getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
                s.execute("DROP TABLE " + peerTable);
            }
        } finally {
            coordinators.forEach(JdbcFireCoordinator::close);
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * Every replica decides the same fires in the same order (task {@code k % 50}, planned {@code k}), each on
     * {@code threads} threads, first for {@code warmup}, then measured for {@code measure}.
     */
    private static Result phase(
            String name,
            Decider decider,
            int instances,
            int threads,
            Duration warmup,
            Duration measure,
            AtomicLong fires)
            throws InterruptedException {
        long base = fires.get();
        int capacity = (int) Math.min(20_000_000L, measure.toSeconds() * 200_000L + 1_000);
        LatenessRecorder latencies = new LatenessRecorder(capacity);
        AtomicLong[] next = new AtomicLong[instances];
        for (int i = 0; i < instances; i++) {
            next[i] = new AtomicLong(base);
        }
        long[] measuredFrom = new long[instances];
        long[] measuredTo = new long[instances];
        List<Thread> workers = new ArrayList<>();
        long openAt = System.nanoTime() + warmup.toNanos();
        long closeAt = openAt + measure.toNanos();
        for (int i = 0; i < instances; i++) {
            int instance = i;
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(
                        () -> {
                            try {
                                for (long now = System.nanoTime(); now < closeAt; now = System.nanoTime()) {
                                    long k = next[instance].getAndIncrement();
                                    long begin = System.nanoTime();
                                    decider.decide(instance, "task-" + (k % TASKS), k);
                                    if (begin >= openAt) {
                                        latencies.record(System.nanoTime() - begin);
                                    }
                                }
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        name + "-" + instance + "-" + t);
                workers.add(worker);
            }
        }
        workers.forEach(Thread::start);
        while (System.nanoTime() < openAt) {
            Thread.sleep(10);
        }
        for (int i = 0; i < instances; i++) {
            measuredFrom[i] = next[i].get();
        }
        latencies.open();
        while (System.nanoTime() < closeAt) {
            Thread.sleep(10);
        }
        latencies.close();
        for (int i = 0; i < instances; i++) {
            measuredTo[i] = next[i].get();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        fires.set(Math.max(fires.get(), maxOf(next)) + 1);
        // A fire counts as decided once the slowest replica has decided it too.
        long decided = Long.MAX_VALUE;
        for (int i = 0; i < instances; i++) {
            decided = Math.min(decided, measuredTo[i] - measuredFrom[i]);
        }
        LatenessResult r = latencies.result(name, instances, 0);
        return new Result(name, r.samples(), r.p50Nanos(), r.p99Nanos(), decided / (measure.toNanos() / 1e9));
    }

    private static long maxOf(AtomicLong[] counters) {
        long max = Long.MIN_VALUE;
        for (AtomicLong c : counters) {
            max = Math.max(max, c.get());
        }
        return max;
    }

    /** The peer: the claim's conditional insert and the winner's finishing update, as bare statements. */
    private static Decider bareStatements(List<HikariDataSource> pools, String table, boolean postgres) {
        String insert = (postgres ? "INSERT INTO " : "INSERT IGNORE INTO ") + table
                + " (task_name, planned_nanos, instance_id, state, attempt, lease_micros, claimed_at, lease_until)"
                + " VALUES (?, ?, ?, 'claimed', 1, 30000000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        String finish = "UPDATE " + table + " SET state = 'done', outcome = 'success', finished_at = CURRENT_TIMESTAMP"
                + " WHERE task_name = ? AND planned_nanos = ? AND instance_id = ?";
        return (instance, task, planned) -> {
            try (Connection c = pools.get(instance).getConnection()) {
                boolean won;
                try (PreparedStatement s = c.prepareStatement(insert)) {
                    s.setString(1, task);
                    s.setLong(2, planned);
                    s.setString(3, "replica-" + instance);
                    won = s.executeUpdate() == 1;
                }
                if (won) {
                    try (PreparedStatement s = c.prepareStatement(finish)) {
                        s.setString(1, task);
                        s.setLong(2, planned);
                        s.setString(3, "replica-" + instance);
                        s.executeUpdate();
                    }
                }
            }
        };
    }

    private static void createLike(HikariDataSource pool, String table, String copy) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            s.execute(
                    postgres
                            ? "CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING ALL)"
                            : "CREATE TABLE " + copy + " LIKE " + table);
        }
    }

    private static HikariDataSource pool(String url, String user, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        String password = System.getenv("SYMPHRA_BENCH_DB_PASSWORD");
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static CoordinationContext context(String instance) {
        return new CoordinationContext() {
            @Override
            public String instance() {
                return instance;
            }

            @Override
            public void abandoned(String taskName, long plannedEpochNanos, String formerOwner, FireClaim claim) {
                claim.ended(ExecutionOutcome.NONE);
            }

            @Override
            public boolean canTakeOver(String taskName) {
                return true;
            }
        };
    }
}
