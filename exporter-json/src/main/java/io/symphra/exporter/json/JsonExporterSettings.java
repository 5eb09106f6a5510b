package io.symphra.exporter.json;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import io.symphra.metrics.config.UrlRedaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSON exporter's validated configuration: which sinks are on and how each behaves.
 *
 * @param file where the file sink writes, if it is on
 * @param log  the logger of the log sink, if it is on
 * @param push the HTTP push settings, if pushing is on
 */
record JsonExporterSettings(Optional<FileSettings> file, Optional<LogSettings> log, Optional<PushSettings> push) {

    static final String FILE_PATH = "file.path";
    static final String LOG_ENABLED = "log.enabled";
    static final String LOG_LOGGER = "log.logger";
    static final String PUSH_URL = "push.url";
    static final String PUSH_TIMEOUT = "push.timeout";
    static final String PUSH_MAX_ATTEMPTS = "push.max-attempts";
    static final String PUSH_BACKOFF = "push.backoff";
    static final String PUSH_MAX_BACKOFF = "push.max-backoff";
    static final String PUSH_HEADERS = "push.headers";

    static final String DEFAULT_LOGGER = "io.symphra.metrics.json";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int MAX_ATTEMPTS_LIMIT = 100;
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** @param path the absolute, normalized file the document is written to */
    record FileSettings(Path path) {}

    /** @param loggerName the SLF4J logger every document line goes to */
    record LogSettings(String loggerName) {}

    /**
     * @param url         where each document is POSTed
     * @param timeout     bound on one attempt, from connecting to the end of the response
     * @param maxAttempts attempts per push, the first included
     * @param backoff     wait before the second attempt; doubles for each further one
     * @param maxBackoff  cap on any wait between attempts, a server's {@code Retry-After} included
     * @param headers     extra request headers; values are secrets
     */
    record PushSettings(
            URI url,
            Duration timeout,
            int maxAttempts,
            Duration backoff,
            Duration maxBackoff,
            Map<String, Secret> headers) {

        /** The longest one push can take: every attempt timing out, with the longest waits between them. */
        Duration bound() {
            return timeout.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
        }

        /** The URL without user info, query or fragment, which may hold credentials: safe to log. */
        String safeUrl() {
            return UrlRedaction.forLogs(url);
        }

        @Override
        public String toString() {
            return "PushSettings[url=" + safeUrl() + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts
                    + ", backoff=" + backoff + ", maxBackoff=" + maxBackoff + ", headers=" + headers.keySet() + "]";
        }
    }

    /**
     * Reads and checks every key; the first bad one fails with an
     * {@link io.symphra.metrics.config.InvalidConfigException} naming its key and value.
     */
    static JsonExporterSettings read(ExporterConfig config) {
        return new JsonExporterSettings(readFile(config), readLog(config), readPush(config));
    }

    /** True when no sink is on, so pushes would go nowhere. */
    boolean hasNoSink() {
        return file.isEmpty() && log.isEmpty() && push.isEmpty();
    }

    private static Optional<FileSettings> readFile(ExporterConfig config) {
        Optional<String> text = config.string(FILE_PATH);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(text.get()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw config.invalid(FILE_PATH, "not a valid file path: " + e.getReason());
        }
        Path directory = path.getParent();
        if (directory == null || path.getFileName() == null) {
            throw config.invalid(FILE_PATH, "expected the path of a file, not a root directory");
        }
        if (!Files.isDirectory(directory)) {
            throw config.invalid(FILE_PATH, "directory " + directory + " does not exist");
        }
        Optional<String> kind = FileSink.notARegularFile(path);
        if (kind.isPresent()) {
            throw config.invalid(
                    FILE_PATH, path + " is " + kind.get() + "; expected a regular file or a path that does not exist");
        }
        probeWritable(config, directory);
        return Optional.of(new FileSettings(path));
    }

    /** Files.isWritable says yes to root even where nothing can be created, so this creates a file for real. */
    private static void probeWritable(ExporterConfig config, Path directory) {
        Path probe = directory.resolve(".symphra-json-probe-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    .close();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw config.invalid(
                    FILE_PATH,
                    "cannot create files in directory " + directory + " ("
                            + e.getClass().getSimpleName() + ")");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // Could not create it in the first place, or it is gone: nothing is left behind either way.
            }
        }
    }

    private static Optional<LogSettings> readLog(ExporterConfig config) {
        boolean enabled = config.bool(LOG_ENABLED, false);
        String logger = config.string(LOG_LOGGER, DEFAULT_LOGGER);
        return enabled ? Optional.of(new LogSettings(logger)) : Optional.empty();
    }

    private static Optional<PushSettings> readPush(ExporterConfig config) {
        // Read every push key even when push.url is unset, so a typo there fails early rather than later.
        Optional<URI> url = config.httpUrl(PUSH_URL);
        if (url.isPresent() && url.get().getRawUserInfo() != null) {
            // The JDK client would drop them silently; the headers are the one place for secrets, masked in logs.
            throw config.invalid(
                    PUSH_URL,
                    "credentials in the URL are not allowed: set them in " + config.key(PUSH_HEADERS)
                            + " (Authorization=Basic <base64 of user:password>)");
        }
        Duration timeout = config.duration(PUSH_TIMEOUT, DEFAULT_TIMEOUT);
        int maxAttempts = config.integer(PUSH_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS_LIMIT);
        Duration backoff = config.duration(PUSH_BACKOFF, DEFAULT_BACKOFF);
        Duration maxBackoff = config.duration(PUSH_MAX_BACKOFF, DEFAULT_MAX_BACKOFF);
        if (maxBackoff.compareTo(backoff) < 0 && config.isSet(PUSH_MAX_BACKOFF)) {
            throw config.invalid(
                    PUSH_MAX_BACKOFF, "must not be shorter than " + config.key(PUSH_BACKOFF) + " (" + backoff + ")");
        }
        Map<String, Secret> headers = readHeaders(config);
        return url.map(u -> new PushSettings(
                u, timeout, maxAttempts, backoff, maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff, headers));
    }

    private static Map<String, Secret> readHeaders(ExporterConfig config) {
        Map<String, String> raw = config.map(PUSH_HEADERS, true);
        Map<String, Secret> headers = new LinkedHashMap<>();
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1/"));
        raw.forEach((name, value) -> {
            try {
                probe.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK's message may quote the value, which is secret: name the header only.
                throw config.invalid(
                        PUSH_HEADERS,
                        "header '" + name + "' is restricted by the JDK HTTP client"
                                + " or holds characters HTTP does not allow");
            }
            headers.put(name, Secret.of(value));
        });
        return Collections.unmodifiableMap(headers);
    }
}
