package io.symphra.exporter.statsd;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The validated configuration of the StatsD exporter.
 *
 * @param host          where the daemon listens: a host name or an IP literal, resolved when the exporter connects
 * @param port          the daemon's UDP port, 1 to 65535
 * @param prefix        the first segments of every metric name, such as {@code symphra.scheduler}
 * @param flavor        the dialect written
 * @param maxPacketSize the largest datagram sent, in bytes
 */
record StatsdSettings(String host, int port, String prefix, Flavor flavor, int maxPacketSize) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8125;
    static final String DEFAULT_PREFIX = "symphra.scheduler";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Fits an Ethernet MTU of 1500 minus IPv6 and UDP headers, so datagrams are never fragmented. */
    static final int DEFAULT_MAX_PACKET_SIZE = 1432;
    /** Large enough for the longest line the exporter writes with the longest prefix and task key allowed. */
    static final int MIN_PACKET_SIZE = 512;
    /** The largest UDP payload over IPv4. */
    static final int MAX_PACKET_SIZE = 65_507;

    static final int MAX_PREFIX_BYTES = 128;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");

    /**
     * Reads and validates every key.
     *
     * @throws InvalidConfigException naming the key and value of the first bad setting
     */
    static StatsdSettings from(ExporterConfig config) {
        String host = config.string("host", DEFAULT_HOST);
        if (!isHost(host)) {
            throw config.invalid("host", "expected a host name or an IP address, such as 127.0.0.1 or statsd.local");
        }
        int port = config.port("port", DEFAULT_PORT);
        if (port == 0) {
            throw config.invalid("port", "expected a port from 1 to 65535: the daemon's port cannot be 0");
        }
        String prefix = config.string("prefix", DEFAULT_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            throw config.invalid(
                    "prefix",
                    "expected dot-separated segments of ASCII letters, digits, '_' and '-',"
                            + " such as symphra.scheduler");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw config.invalid("prefix", "expected at most " + MAX_PREFIX_BYTES + " characters");
        }
        Flavor flavor = config.enumValue("flavor", Flavor.class, Flavor.ETSY);
        int maxPacketSize =
                config.integer("max-packet-size", DEFAULT_MAX_PACKET_SIZE, MIN_PACKET_SIZE, MAX_PACKET_SIZE);
        return new StatsdSettings(host, port, prefix, flavor, maxPacketSize);
    }

    private static boolean isHost(String host) {
        if (host.length() > 253) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return isIpv6Literal(host);
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean isIpv6Literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            // The URI parser checks IPv6 literal syntax without any name lookup.
            return new URI(null, null, "[" + bare + "]", -1, null, null, null).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host as {@link java.net.InetAddress#getByName} takes it: an IPv6 literal without brackets. */
    String resolvableHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
