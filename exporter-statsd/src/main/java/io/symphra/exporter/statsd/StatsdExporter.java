package io.symphra.exporter.statsd;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the scheduler's metrics to a StatsD daemon over UDP, named {@code statsd}, off unless
 * {@code symphra.exporter.statsd.enabled=true}, every 10 seconds by default.
 *
 * <p>Counters (executions, successes, failures, timeouts, skipped, retries, total duration) are sent as the
 * change since the last push, which is what a StatsD counter expects; after a reset of the metrics (a snapshot
 * with a new start time) they count from zero again. Levels (success rate, runs in progress, durations, lateness,
 * uptime) are gauges, sent at every push whether or not they changed. Task names are sanitized so that no name can
 * break a line. The configuration keys, metric names and sanitizing rule are described in {@code docs/statsd.md}.
 *
 * <p>A push never throws for a delivery problem: UDP gives no answer, an unreachable daemon or an unresolvable host
 * is logged at most once a minute, and the counts not sent are carried into the next push. At most about 4096
 * datagrams (or one push, if larger) ever wait to be written.
 */
public final class StatsdExporter extends ConfiguredExporter<StatsdSettings> {

    /** The exporter's name and configuration prefix: {@code symphra.exporter.statsd.*}. */
    public static final String NAME = "statsd";

    static final int QUEUE_LIMIT = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(StatsdExporter.class);

    private final LongSupplier nanoTime;
    private final CounterDeltas deltas = new CounterDeltas();
    private final TaskKeys taskKeys = new TaskKeys();
    private final ThrottledLog backlogWarning;
    private final ThrottledLog oversizeWarning;
    private PacketPacker packer;
    private PacketTransport transport;
    private volatile boolean closed;
    private volatile PushResult lastPush;

    /** The exporter as {@link java.util.ServiceLoader} creates it; it reads its settings in {@link #configure}. */
    public StatsdExporter() {
        this(Map.of(), System::nanoTime);
    }

    /** The exporter made by {@link StatsdExporterBuilder}, with the settings it recorded. */
    StatsdExporter(Map<String, String> settingsInCode) {
        this(settingsInCode, System::nanoTime);
    }

    StatsdExporter(LongSupplier nanoTime) {
        this(Map.of(), nanoTime);
    }

    private StatsdExporter(Map<String, String> settingsInCode, LongSupplier nanoTime) {
        super(NAME, Optional.of(StatsdSettings.DEFAULT_INTERVAL), settingsInCode);
        this.nanoTime = nanoTime;
        this.backlogWarning = ThrottledLog.every(LOG, UdpTransport.WARNING_PERIOD, nanoTime);
        this.oversizeWarning = ThrottledLog.every(LOG, UdpTransport.WARNING_PERIOD, nanoTime);
    }

    /** A builder that configures the exporter in code, without string keys. */
    public static StatsdExporterBuilder builder() {
        return new StatsdExporterBuilder();
    }

    @Override
    protected StatsdSettings read(ExporterConfig config) {
        return StatsdSettings.from(config);
    }

    @Override
    public void start(ExporterContext context) {
        start(new UdpTransport(settings().resolvableHost(), settings().port(), context.threadFactory(), nanoTime));
        transport.connect(); // an early warning if the host does not resolve; the first push tries again
    }

    void start(PacketTransport transport) {
        packer = new PacketPacker(settings().maxPacketSize());
        this.transport = transport;
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        if (closed || transport == null) {
            return;
        }
        lastPush = push(snapshot);
    }

    private PushResult push(MetricsSnapshot snapshot) {
        CounterDeltas.Deltas pushDeltas = deltas.compute(snapshot);
        MetricNaming naming = MetricNaming.of(settings().flavor(), settings().prefix(), snapshot.commonLabels());
        Map<String, String> keys = taskKeys.keysOf(snapshot.tasks().keySet(), naming.taskSanitizer());
        List<String> lines = SnapshotLines.render(snapshot, pushDeltas, naming, keys);
        PacketPacker.Packed packed = packer.pack(lines);
        if (packed.linesOversize() > 0) {
            oversizeWarning.warn(
                    packed.linesOversize() + " StatsD lines are longer than max-packet-size "
                            + settings().maxPacketSize() + " bytes and were left out, such as "
                            + TaskKeys.quoted(packed.firstOversize()),
                    null);
        }
        if (!transport.connect()) {
            return new PushResult(lines.size(), packed.packets().size(), packed.linesOversize(), false);
        }
        long queued = transport.queued();
        if (queued > 0 && queued + packed.packets().size() > QUEUE_LIMIT) {
            backlogWarning.warn(
                    queued + " StatsD datagrams are still waiting to be written; this push is held"
                            + " back and its counts go out with a later one",
                    null);
            return new PushResult(lines.size(), packed.packets().size(), packed.linesOversize(), false);
        }
        for (String packet : packed.packets()) {
            transport.send(packet);
        }
        deltas.commit(pushDeltas);
        return new PushResult(lines.size(), packed.packets().size(), packed.linesOversize(), true);
    }

    /** What the last push did, for tests; {@code null} before the first. */
    PushResult lastPush() {
        return lastPush;
    }

    /** The transport, for tests. */
    PacketTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        closed = true;
        PacketTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    /**
     * One push.
     *
     * @param entries       StatsD entries written (a negative gauge is one entry of two lines)
     * @param packets       datagrams they were packed into
     * @param linesOversize entries left out for not fitting in a datagram
     * @param sent          whether the datagrams were handed to the sender (false: counts carried to the next push)
     */
    record PushResult(int entries, int packets, int linesOversize, boolean sent) {}
}
