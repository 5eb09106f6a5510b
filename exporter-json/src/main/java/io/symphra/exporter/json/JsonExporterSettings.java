package io.symphra.exporter.json;

import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushHeaders;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.exporter.support.PushUrl;
import io.symphra.exporter.support.RenamedKeys;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import io.symphra.metrics.config.UrlRedaction;
import java.io.IOException;
import java.net.URI;
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
    static final String PUSH_HEADERS = "push.headers";

    /**
     * The push keys that became the unified keys of every HTTP exporter: {@code timeout} means one attempt, as
     * {@code push.timeout} did, and the retry keys mean what they meant, so failing names the new key.
     */
    static final Map<String, String> RENAMED = renamed();

    static final String DEFAULT_LOGGER = "io.symphra.metrics.json";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** @param path the absolute, normalized file the document is written to */
    record FileSettings(Path path) {}

    /** @param loggerName the SLF4J logger every document line goes to */
    record LogSettings(String loggerName) {}

    /**
     * @param url     where each document is POSTed
     * @param timeout bound on one attempt, from connecting to the end of the response
     * @param retry   attempts per push and the waits between them
     * @param headers extra request headers; values are secrets
     */
    record PushSettings(URI url, Duration timeout, PushRetryPolicy retry, Map<String, Secret> headers) {

        /** The URL without user info, query or fragment, which may hold credentials: safe to log. */
        String safeUrl() {
            return UrlRedaction.forLogs(url);
        }

        @Override
        public String toString() {
            return "PushSettings[url=" + safeUrl() + ", timeout=" + timeout + ", " + retry + ", headers="
                    + headers.keySet() + "]";
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
        RenamedKeys.reject(config, RENAMED);
        // Read every push key even when push.url is unset, so a typo there fails early rather than later.
        Optional<URI> url = PushUrl.read(
                config, PUSH_URL, config.key(PUSH_HEADERS) + " (Authorization=Basic <base64 of user:password>)");
        Duration timeout = HttpPushClient.timeout(config, DEFAULT_TIMEOUT);
        PushRetryPolicy retry = PushRetryPolicy.from(config);
        Map<String, Secret> headers = PushHeaders.read(config, PUSH_HEADERS);
        return url.map(u -> new PushSettings(u, timeout, retry, headers));
    }

    private static Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("push.timeout", HttpPushClient.TIMEOUT_KEY);
        renamed.put("push.max-attempts", PushRetryPolicy.MAX_ATTEMPTS_KEY);
        renamed.put("push.backoff", PushRetryPolicy.BACKOFF_KEY);
        renamed.put("push.max-backoff", PushRetryPolicy.MAX_BACKOFF_KEY);
        return Collections.unmodifiableMap(renamed);
    }
}
