package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real {@link StatsdExporter}, registered in the scheduler under its own name, that also notes the cumulative
 * executions of every push it handed to the UDP sender. A daemon that missed some pushes (UDP to nowhere) must hold
 * exactly {@code total - sent(k)} for some push k: a lost prefix, never a count twice or a hole in the middle.
 *
 * <p>Once {@link #throttleAt(int) told} the daemon's port, it also keeps the daemon's receive buffer from
 * overflowing: before each push it waits (on the push thread, with a bound) until the daemon has read every datagram
 * sent so far and the sender holds none, so at most one push is on its way at a time. UDP has no flow
 * control, so without this a daemon that is not scheduled for a few tens of milliseconds while pushes go out every
 * 2 ms loses datagrams in the kernel, a hole the test would rightly count as lost. The exporter meanwhile sees
 * nothing but a slow push: its skipped ticks carry their counts into the next push, as in production.
 */
final class SentCounts implements MetricsExporter {

    /** How long a push may wait for the daemon to read; longer is reported by {@link #throttleTimeouts()}. */
    private static final Duration THROTTLE_BOUND = Duration.ofSeconds(30);

    private final StatsdExporter delegate = new StatsdExporter();
    private final List<Long> sentExecutions = new CopyOnWriteArrayList<>();
    private final AtomicLong datagramsHanded = new AtomicLong();
    private final AtomicLong throttleTimeouts = new AtomicLong();
    private final Set<Thread> threadsBefore = Footprint.liveThreads();
    private volatile int throttlePort = -1;

    /** An exporter that does not throttle (yet). */
    SentCounts() {}

    /** An exporter that throttles its pushes to what the daemon on {@code port} has read. */
    SentCounts(int port) {
        throttleAt(port);
    }

    /**
     * From now on, hold each push until the socket bound to {@code 127.0.0.1:port} (if any) has room for it. Not
     * while a test's never-read socket holds the port: that one is meant to fill up.
     */
    void throttleAt(int port) {
        throttlePort = port;
    }

    StatsdExporter exporter() {
        return delegate;
    }

    /** The snapshot's total executions at every push whose datagrams were handed to the sender, in order. */
    List<Long> sentExecutions() {
        return List.copyOf(sentExecutions);
    }

    /** Datagrams handed to the sender by all pushes so far. */
    long datagramsHanded() {
        return datagramsHanded.get();
    }

    /** Pushes that went out without room at the daemon, after {@link #THROTTLE_BOUND}: must be none. */
    long throttleTimeouts() {
        return throttleTimeouts.get();
    }

    /**
     * Whether the library's sender thread is gone, so every datagram handed to it has been written (its
     * executor is shut down, and ends once its queue is empty, when the exporter closes).
     */
    boolean senderStopped() {
        return Footprint.liveThreads().stream()
                .noneMatch(t -> !threadsBefore.contains(t) && t.getName().startsWith("StatsD-") && t.isAlive());
    }

    /**
     * Once the exporter is closed: waits until the sender has written every datagram and the daemon has read all
     * of them from its socket (so that its counters, read after this, include them), then checks that none was
     * lost on the way.
     */
    void awaitAllReadBy(StatsdDaemon daemon) {
        await("the sender wrote every datagram and the daemon read them")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> senderStopped() && daemonSocket(daemon).waitingBytes() == 0);
        assertNoneDropped(daemon);
    }

    /** Checks that the kernel dropped no datagram at the daemon's socket and that no push went out without room. */
    void assertNoneDropped(StatsdDaemon daemon) {
        assertThat(daemonSocket(daemon).drops())
                .as("datagrams the kernel dropped at the daemon's socket, its receive buffer full")
                .isZero();
        assertThat(throttleTimeouts())
                .as("pushes that went out without room at the daemon")
                .isZero();
    }

    static UdpSocketQueue daemonSocket(StatsdDaemon daemon) {
        return UdpSocketQueue.of(daemon.port())
                .orElseThrow(() -> new AssertionError("no socket bound to the daemon's port " + daemon.port()));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean enabledByDefault() {
        return delegate.enabledByDefault();
    }

    @Override
    public Optional<Duration> defaultInterval() {
        return delegate.defaultInterval();
    }

    @Override
    public void configure(ExporterConfig config) {
        delegate.configure(config);
    }

    @Override
    public void start(ExporterContext context) {
        delegate.start(context);
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        awaitRoomAtTheDaemon();
        StatsdExporter.PushResult before = delegate.lastPush();
        delegate.export(snapshot);
        StatsdExporter.PushResult push = delegate.lastPush();
        if (push != null && push != before && push.sent()) {
            datagramsHanded.addAndGet(push.packets());
            sentExecutions.add(snapshot.totals().executions());
        }
    }

    private void awaitRoomAtTheDaemon() {
        int port = throttlePort;
        if (port < 0 || delegate.transport() == null || roomAtTheDaemon(port)) {
            return;
        }
        try {
            await("room in the receive buffer of the daemon on port " + port)
                    .atMost(THROTTLE_BOUND)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> roomAtTheDaemon(port));
        } catch (ConditionTimeoutException e) {
            throttleTimeouts.incrementAndGet();
        }
    }

    /**
     * Whether the daemon on {@code port} has read every datagram sent so far and the sender holds none: each push
     * waits for an empty receive buffer, so at most one push (which fits in it) is ever on its way. A looser rule,
     * room for one more push of the last push's size, still overflowed the buffer with two busy loops competing for
     * the cores: the daemon then reads in bursts, and a push can be larger than the one before it.
     */
    private boolean roomAtTheDaemon(int port) {
        Optional<UdpSocketQueue> socket = UdpSocketQueue.of(port);
        if (socket.isEmpty()) {
            return true; // nothing bound there: nothing can overflow
        }
        return socket.get().waitingBytes() == 0 && delegate.transport().queued() == 0;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
