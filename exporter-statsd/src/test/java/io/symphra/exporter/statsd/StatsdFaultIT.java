package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.testkit.SchedulerUnderLoad;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Lateness;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Measured;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StatsD exporter, driven by a real scheduler, while the daemon is not there, swallows every datagram, or is
 * stopped and started again on the same port. Tasks must keep their timing, threads and heap must not grow with
 * the number of pushes, delivery must resume, and the reference daemon's counters must add up with no count
 * twice. UDP has no answer: "accepting and never answering" is a bound socket that is never read, and HTTP
 * statuses do not apply. The numbers each run prints go to docs/RELIABILITY.md.
 *
 * <p>UDP has no flow control either: with a push every 2 ms, a daemon not scheduled for some 100 ms would find its
 * receive buffer full and the kernel would drop datagrams, a loss that is not the exporter's. So every push waits
 * until the daemon's socket has room for it ({@link SentCounts}), which makes the exact comparisons hold whatever
 * the machine's load, and each check also reads the kernel's drop count for that socket, which must be zero.
 */
class StatsdFaultIT {

    /** Push every 2 ms, so that a run of a few seconds makes thousands of pushes. */
    private static final String INTERVAL = "2ms";
    /** A whole push in one datagram on the loopback, so a datagram lost is a whole push lost, never half of one. */
    private static final String PACKET = "8932";

    private static final long EARLY_PUSHES = 300;
    private static final long PUSHES = 1_500;
    private static final Duration RUN_BOUND = Duration.ofSeconds(20);

    private static Lateness healthy;

    @TempDir
    Path dir;

    private static Set<Thread> threadsBeforeAll;

    /** Every scheduler, exporter and daemon of the class is closed: none may have left a thread behind. */
    @AfterAll
    static void noThreadLeft() {
        if (threadsBeforeAll != null) {
            Footprint.awaitThreadsEndedSince(threadsBeforeAll);
        }
    }

    private static String global(String metric) {
        return "symphra.scheduler." + metric;
    }

    /** A healthy run against the daemon: the lateness every fault run is compared with. */
    @BeforeAll
    static void healthyBaseline(@TempDir Path dir) throws Exception {
        threadsBeforeAll = Footprint.liveThreads();
        // Warm the JIT up first (pushing to a port nothing listens on), so that the baseline measures the same
        // steady state as every later run.
        try (SchedulerUnderLoad warmUp = SchedulerUnderLoad.start("statsd", settings(StatsdDaemon.freeUdpPort()))) {
            warmUp.awaitPushes(PUSHES, RUN_BOUND);
        }
        int port = StatsdDaemon.freeUdpPort();
        try (StatsdDaemon daemon = StatsdDaemon.start(dir, true, port)) {
            Measured run;
            long total;
            SentCounts sent = new SentCounts(port);
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start("statsd", settings(port), sent)) {
                run = measure(load);
                total = load.quiesce();
            }
            assertThat(awaitDelivered(daemon, sent, total)).isEqualTo((double) total);
            assertThat(daemon.packetsReceived())
                    .as("datagrams the daemon read: every one the sender was handed")
                    .isEqualTo(sent.datagramsHanded());
            healthy = run.lateness();
            report("healthy daemon", run, "daemon executions = snapshot = " + total);
            run.assertTimingLike(healthy);
            run.assertFlat();
        }
    }

    @Test
    void nothingListeningThenTheDaemonStartsOnThatPort() throws Exception {
        int port = StatsdDaemon.freeUdpPort();
        SentCounts sent = new SentCounts(port);
        try (SchedulerUnderLoad load = SchedulerUnderLoad.start("statsd", settings(port), sent)) {
            Measured run = measure(load);
            UdpTransport transport = (UdpTransport) sent.exporter().transport();
            long errors = transport.errors();
            run.assertTimingLike(healthy);
            run.assertFlat();
            assertThat(errors).as("PortUnreachable errors seen by the sender").isPositive();
            assertThat(load.exporterStats().failures())
                    .as("UDP pushes never fail")
                    .isZero();

            try (StatsdDaemon daemon = StatsdDaemon.start(daemonDir("after"), true, port)) {
                await("delivery resumes")
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> executions(daemon) > 0);
                long total = load.quiesce();
                load.close();
                double received = awaitDelivered(daemon, sent, total);
                assertIsTotalMinusAPushedPrefix(received, total, sent.sentExecutions());
                report(
                        "nothing listening (ICMP port unreachable), then daemon started",
                        run,
                        "sender errors " + errors + "; daemon holds " + (long) received + " of " + total
                                + " = total minus the pushes sent before it listened");
            }
        }
    }

    @Test
    void aSocketThatNeverReadsThenTheDaemon() throws Exception {
        int port;
        SentCounts sent = new SentCounts();
        try (DatagramSocket blackHole =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = blackHole.getLocalPort();
            try (SchedulerUnderLoad load = SchedulerUnderLoad.start("statsd", settings(port), sent)) {
                Measured run = measure(load);
                run.assertTimingLike(healthy);
                run.assertFlat();
                long errors = ((UdpTransport) sent.exporter().transport()).errors();
                assertThat(errors)
                        .as("a bound socket gives the sender no error")
                        .isZero();
                blackHole.close();
                sent.throttleAt(port); // the daemon's socket, unlike the black hole's, must not overflow
                try (StatsdDaemon daemon = StatsdDaemon.start(daemonDir("after"), true, port)) {
                    await("delivery resumes")
                            .atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> executions(daemon) > 0);
                    long total = load.quiesce();
                    load.close();
                    double received = awaitDelivered(daemon, sent, total);
                    assertIsTotalMinusAPushedPrefix(received, total, sent.sentExecutions());
                    report(
                            "datagrams go nowhere (bound socket never read), then daemon",
                            run,
                            "sender errors 0; daemon holds " + (long) received + " of " + total);
                }
            }
        }
    }

    @Test
    void theDaemonStopsAndStartsAgainOnTheSamePort() throws Exception {
        int port = StatsdDaemon.freeUdpPort();
        SentCounts sent = new SentCounts(port);
        StatsdDaemon firstDaemon = StatsdDaemon.start(daemonDir("first"), true, port);
        try (firstDaemon;
                SchedulerUnderLoad load = SchedulerUnderLoad.start("statsd", settings(port), sent)) {
            load.awaitPushes(200, RUN_BOUND);
            // Hold the tasks so that the first daemon's share is known exactly before it goes away.
            long beforeStop = load.quiesce();
            await("the first daemon holds the count at stop and has read every datagram")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> executions(firstDaemon) >= beforeStop
                            && SentCounts.daemonSocket(firstDaemon).waitingBytes() == 0);
            double first = checkedCounts(firstDaemon, sent, beforeStop);
            assertThat(first).as("the first daemon got every push").isEqualTo((double) beforeStop);
            firstDaemon.close();
            load.scheduler().resumeAll();

            Measured run = measure(load);
            run.assertTimingLike(healthy);
            run.assertFlat();
            try (StatsdDaemon daemon = StatsdDaemon.start(daemonDir("second"), true, port)) {
                await("delivery resumes")
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> executions(daemon) > 0);
                long total = load.quiesce();
                load.close();
                double second = awaitDelivered(daemon, sent, total - beforeStop);
                assertIsTotalMinusAPushedPrefix(second, total, sent.sentExecutions());
                report(
                        "daemon stopped and restarted on the same port",
                        run,
                        "first daemon " + (long) first
                                + " (= snapshot at stop), second " + (long) second
                                + " (= total minus a pushed prefix), total "
                                + total + "; lost while down " + (total - (long) first - (long) second));
            }
        }
    }

    private Path daemonDir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static Map<String, String> settings(int port) {
        return Map.of("port", "" + port, "interval", INTERVAL, "max-packet-size", PACKET);
    }

    private static double executions(StatsdDaemon daemon) throws IOException {
        return daemon.counters().getOrDefault(global("executions"), 0.0);
    }

    /** Once the exporter is closed: waits until the daemon read every datagram, then checks as checkedCounts. */
    private static double awaitDelivered(StatsdDaemon daemon, SentCounts sent, long atMost) throws IOException {
        sent.awaitAllReadBy(daemon);
        return checkedCounts(daemon, sent, atMost);
    }

    /**
     * The daemon's executions, after checking that the kernel dropped none of its datagrams (a UDP loss, not the
     * exporter's) and that its counters agree with each other and hold no more than {@code atMost}.
     */
    private static double checkedCounts(StatsdDaemon daemon, SentCounts sent, long atMost) throws IOException {
        sent.assertNoneDropped(daemon);
        Map<String, Double> counters = daemon.counters();
        double global = counters.getOrDefault(global("executions"), 0.0);
        double perTask = SchedulerUnderLoad.TASKS.keySet().stream()
                .mapToDouble(task -> counters.getOrDefault(global("task." + task + ".executions"), 0.0))
                .sum();
        assertThat(perTask).as("task counters add up to the global one").isEqualTo(global);
        assertThat(counters.get(global("successes"))).isEqualTo(global);
        assertThat(global).isLessThanOrEqualTo(atMost);
        assertThat(daemon.badLinesSeen()).isZero();
        return global;
    }

    /**
     * What a daemon that came up during the run holds must be the whole count minus what the pushes sent before it
     * listened carried: {@code total - sent(k)} for one push k. Anything else is a count lost in the middle of its
     * life or counted twice.
     */
    private static void assertIsTotalMinusAPushedPrefix(double received, long total, List<Long> sentExecutions) {
        assertThat(received).isPositive();
        assertThat(sentExecutions.stream().map(e -> (double) (total - e)).toList())
                .as("daemon holds %s of %s", received, total)
                .contains(received);
    }

    private static Measured measure(SchedulerUnderLoad load) {
        return load.measure(EARLY_PUSHES, PUSHES, load::pushesDone, RUN_BOUND);
    }

    private static void report(String fault, Measured run, String delivery) {
        System.out.printf(
                "[fault-matrix] statsd | %s | %s | healthy lateness %s | %s%n", fault, run, healthy, delivery);
    }
}
