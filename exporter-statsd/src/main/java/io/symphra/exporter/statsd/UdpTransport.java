package io.symphra.exporter.statsd;

import com.timgroup.statsd.NonBlockingUdpSender;
import io.symphra.exporter.support.ThrottledLog;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends datagrams to the daemon through java-statsd-client's {@link NonBlockingUdpSender}: its own thread writes
 * them, so a send never waits for the network, and its errors come to an error handler instead of the caller.
 *
 * <p>The host is resolved here rather than by the library: the library resolves inside its constructor and, when
 * that fails, leaves the socket it opened behind. A host that does not resolve is tried again at the next push; the
 * address found is kept until the exporter closes.
 */
final class UdpTransport implements PacketTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    static final Duration WARNING_PERIOD = Duration.ofMinutes(1);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final String host;
    private final int port;
    private final ThreadFactory threadFactory;
    private final ThrottledLog deliveryWarning;
    private final ThrottledLog connectWarning;
    private final CountingCharset charset = new CountingCharset();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final HostResolver resolver;
    private volatile NonBlockingUdpSender sender;
    private volatile boolean closed;

    /** Looks a host up; {@link InetAddress#getByName} in production. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress resolve(String host) throws IOException;
    }

    UdpTransport(String host, int port, ThreadFactory threadFactory, LongSupplier nanoTime) {
        this(host, port, threadFactory, nanoTime, InetAddress::getByName);
    }

    UdpTransport(String host, int port, ThreadFactory threadFactory, LongSupplier nanoTime, HostResolver resolver) {
        this.host = host;
        this.port = port;
        this.threadFactory = threadFactory;
        this.resolver = resolver;
        this.deliveryWarning = ThrottledLog.every(LOG, WARNING_PERIOD, nanoTime);
        this.connectWarning = ThrottledLog.every(LOG, WARNING_PERIOD, nanoTime);
    }

    @Override
    public boolean connect() {
        if (sender != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            InetAddress address = resolver.resolve(host);
            NonBlockingUdpSender created =
                    new NonBlockingUdpSender(address.getHostAddress(), port, charset, this::onSendError);
            synchronized (this) {
                if (!closed) {
                    sender = created;
                    LOG.debug("Sending StatsD metrics to {} ({}) port {}", host, address.getHostAddress(), port);
                    connectWarning.recovered("The StatsD host '" + host + "' port " + port + " can be reached"
                            + " again; sending the metrics kept");
                    return true;
                }
            }
            created.stop(); // closed while connecting: nothing was queued, so this returns at once
            return false;
        } catch (Exception e) {
            connectWarning.warn(
                    "Cannot reach the StatsD host '" + host + "' port " + port
                            + "; metrics are kept and sent once it can be reached",
                    e);
            return false;
        }
    }

    @Override
    public long queued() {
        return handed.get() - charset.encoded() - rejected.get();
    }

    @Override
    public void send(String packet) {
        handed.incrementAndGet();
        sender.send(packet);
    }

    /** Errors the library's sender met, counted for tests and logged at most once per {@link #WARNING_PERIOD}. */
    long errors() {
        return errors.get();
    }

    private void onSendError(Exception e) {
        errors.incrementAndGet();
        if (e instanceof RejectedExecutionException) {
            rejected.incrementAndGet(); // never queued, so never encoded
        }
        deliveryWarning.warn("StatsD packets to " + host + " port " + port + " are not being delivered", e);
    }

    @Override
    public void close() {
        NonBlockingUdpSender s;
        synchronized (this) {
            closed = true;
            s = sender;
        }
        if (s == null) {
            return;
        }
        // stop() lets queued packets go out but may wait up to 30 s for that; close() must not block that long.
        Thread stopper = threadFactory.newThread(s::stop);
        stopper.start();
        try {
            stopper.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
