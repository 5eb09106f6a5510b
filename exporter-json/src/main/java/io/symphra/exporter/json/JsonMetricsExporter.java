package io.symphra.exporter.json;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code json} exporter: at every push (every {@code interval}, 10 s by default) it renders the snapshot once
 * with {@link JsonMetricsFormat} and hands the document to each sink that is on:
 * <ul>
 *   <li>a file ({@code symphra.exporter.json.file.path}), replaced atomically so readers never see half a
 *       document;</li>
 *   <li>a log line at INFO ({@code symphra.exporter.json.log.enabled}, logger {@code log.logger});</li>
 *   <li>an HTTP POST ({@code symphra.exporter.json.push.url}) with timeouts and bounded retries.</li>
 * </ul>
 * Off unless {@code symphra.exporter.json.enabled=true}. A sink that fails does not stop the others; the push then
 * throws an {@link IOException} naming every failed sink, so the scheduler counts it as a failed export. Its own
 * warnings are rate-limited. Serving the document over HTTP ({@code /metrics.json}) is the Prometheus exporter's
 * job, through the {@code json} format.
 */
public final class JsonMetricsExporter extends ConfiguredExporter<JsonExporterSettings> {

    /** The exporter's name and configuration prefix: {@code symphra.exporter.json.*}. */
    public static final String NAME = "json";

    /** How often it pushes when {@code interval} is not set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Function<String, Logger> loggers;
    private final JsonMetricsFormat format = new JsonMetricsFormat();

    private List<DocumentSink> sinks = List.of();

    /** The exporter, as {@link java.util.ServiceLoader} creates it. */
    public JsonMetricsExporter() {
        this(LoggerFactory::getLogger);
    }

    /** For tests: where loggers come from. */
    JsonMetricsExporter(Function<String, Logger> loggers) {
        this(Map.of(), loggers);
    }

    /** The exporter made by {@link JsonMetricsExporterBuilder}, with the settings it recorded. */
    JsonMetricsExporter(Map<String, String> settingsInCode) {
        this(settingsInCode, LoggerFactory::getLogger);
    }

    private JsonMetricsExporter(Map<String, String> settingsInCode, Function<String, Logger> loggers) {
        super(NAME, Optional.of(DEFAULT_INTERVAL), settingsInCode);
        this.loggers = loggers;
    }

    /** A builder that configures the exporter in code, without string keys. */
    public static JsonMetricsExporterBuilder builder() {
        return new JsonMetricsExporterBuilder();
    }

    @Override
    protected JsonExporterSettings read(ExporterConfig config) {
        return JsonExporterSettings.read(config);
    }

    @Override
    public void start(ExporterContext context) {
        JsonExporterSettings settings = settings();
        Logger own = loggers.apply(JsonMetricsExporter.class.getName());
        List<DocumentSink> started = new ArrayList<>(3);
        settings.file().ifPresent(file -> started.add(new FileSink(file.path(), own)));
        settings.log().ifPresent(log -> started.add(new LogSink(loggers.apply(log.loggerName()))));
        settings.push().ifPresent(push -> started.add(HttpPushSink.create(push, context.clock(), own)));
        sinks = List.copyOf(started);
        if (sinks.isEmpty()) {
            own.warn("JSON exporter is enabled but has no sink: set symphra.exporter.json.file.path,"
                    + " symphra.exporter.json.log.enabled=true or symphra.exporter.json.push.url");
        } else {
            own.info(
                    "JSON exporter writes to {}",
                    sinks.stream().map(DocumentSink::describe).toList());
        }
    }

    /** Renders the snapshot once and gives it to every sink; throws after trying them all if any failed. */
    @Override
    public void export(MetricsSnapshot snapshot) throws IOException, InterruptedException {
        if (sinks.isEmpty()) {
            return;
        }
        byte[] document = format.toBytes(snapshot);
        List<String> failures = new ArrayList<>(0);
        IOException first = null;
        for (DocumentSink sink : sinks) {
            try {
                sink.accept(document);
            } catch (IOException | RuntimeException e) {
                failures.add(sink.describe() + ": " + e.getMessage());
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            IOException failure = new IOException(
                    "JSON export failed for " + failures.size() + " of " + sinks.size() + " sink(s): "
                            + String.join("; ", failures),
                    first);
            throw failure;
        }
    }

    @Override
    public void close() {
        for (DocumentSink sink : sinks) {
            sink.close();
        }
    }

    /** The sinks started, for tests. */
    List<DocumentSink> sinks() {
        return sinks;
    }

    @Override
    public String toString() {
        return "JsonMetricsExporter[" + (isConfigured() ? settings() : "not configured") + "]";
    }
}
