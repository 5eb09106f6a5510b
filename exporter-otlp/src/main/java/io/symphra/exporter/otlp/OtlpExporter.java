package io.symphra.exporter.otlp;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes metrics snapshots to an OpenTelemetry collector (or any OTLP receiver) over OTLP/HTTP with protobuf, or
 * over gRPC when a gRPC sender is on the class path.
 *
 * <p>Each push sends every task's counters as monotonic sums, its levels as gauges and its durations as an
 * explicit-bucket histogram, with the task's exact name in the {@code task} attribute and the scheduler's
 * common labels as resource attributes. Cumulative points start at the snapshot's start time, so a metrics reset
 * shows as a new start time, never as a counter going down; with {@code temporality=delta} each point covers the
 * time since the last push the receiver accepted.
 *
 * <p>Disabled unless {@code symphra.exporter.otlp.enabled=true}; pushes every 60 seconds by default, the
 * OpenTelemetry SDK's default export interval. Each attempt is bounded by {@code timeout} (10 s by default) and
 * retried under the retry policy every Symphra HTTP exporter shares ({@code max-attempts}, {@code backoff},
 * {@code max-backoff}), so a push returns or throws within a known bound and a slow or silent collector delays
 * nothing else. Settings are read from {@code symphra.exporter.otlp.*} and
 * from the standard {@code OTEL_EXPORTER_OTLP_*}, {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}
 * environment variables, the {@code symphra} keys winning. See {@code docs/otlp.md}.
 */
public final class OtlpExporter extends ConfiguredExporter<OtlpSettings> {

    /** The exporter's name and configuration prefix: {@code symphra.exporter.otlp.*}. */
    public static final String NAME = "otlp";

    /** How often to push when {@code interval} is not set: the OpenTelemetry SDK's default, 60 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(OtlpExporter.class);

    private final AtomicReference<MetricsSnapshot> delivered = new AtomicReference<>();
    private volatile OtlpTransport transport;
    private SnapshotTranslator translator;
    private ResourceFactory resources;

    /** The instance {@link java.util.ServiceLoader} creates; configured and started by the scheduler. */
    public OtlpExporter() {
        this(Map.of());
    }

    /** The exporter made by {@link OtlpExporterBuilder}, with the settings it recorded. */
    OtlpExporter(Map<String, String> settingsInCode) {
        super(NAME, Optional.of(DEFAULT_INTERVAL), settingsInCode);
    }

    /** A builder that configures the exporter in code, without string keys. */
    public static OtlpExporterBuilder builder() {
        return new OtlpExporterBuilder();
    }

    /** {@code OTEL_METRIC_EXPORT_INTERVAL} when set (the {@code interval} key still wins), else 60 s. */
    @Override
    public Optional<Duration> defaultInterval(ExporterConfig config) {
        return Optional.of(OtlpSettingsReader.exportInterval(config));
    }

    /** {@code OTEL_SDK_DISABLED=true} switches the exporter off, even with {@code enabled=true}. */
    @Override
    public Optional<String> disabledBy(ExporterConfig config) {
        return OtlpSettingsReader.disabledBy(config);
    }

    @Override
    protected OtlpSettings read(ExporterConfig config) {
        return OtlpSettingsReader.read(config);
    }

    @Override
    public void start(ExporterContext context) {
        OtlpSettings s = settings();
        translator = new SnapshotTranslator(s.temporality());
        resources = new ResourceFactory(s.resource());
        transport = OtlpTransport.open(s);
        LOG.info(
                "OTLP exporter pushing {} metrics to {} over {}",
                s.temporality().name().toLowerCase(java.util.Locale.ROOT),
                s.endpointForLogs(),
                s.protocol().wireName());
    }

    /**
     * Sends the snapshot and waits for the receiver's answer, at most the longest a push can take.
     *
     * @throws java.util.concurrent.TimeoutException when the receiver did not answer in time
     * @throws java.io.IOException                   when it refused the data, or the previous push is still in
     *                                               flight inside the OTLP client
     */
    @Override
    public void export(MetricsSnapshot snapshot) throws Exception {
        OtlpTransport t = transport;
        if (t == null) {
            throw new IllegalStateException("OTLP exporter is not started");
        }
        MetricsSnapshot baseline = settings().temporality() == Temporality.DELTA ? delivered.get() : null;
        List<MetricData> metrics =
                translator.translate(snapshot, resources.resourceFor(snapshot.commonLabels()), baseline);
        t.send(metrics, () -> delivered.set(snapshot));
    }

    @Override
    public void close() {
        OtlpTransport t = transport;
        transport = null;
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("OTLP exporter: closing the OTLP client failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "OtlpExporter[" + (isConfigured() ? settings().toString() : "not configured") + "]";
    }
}
