package io.symphra.exporter.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.snapshot.Totals;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a snapshot as the JSON document with Jackson's {@link JsonGenerator}, without building a tree.
 * The key order here is the document's key order; {@code metrics.schema.json} lists the same keys.
 */
final class DocumentWriter {

    private static final DocumentWriter SHARED = new DocumentWriter();

    // Repeated once per task or bucket: pre-encoded once.
    private static final SerializableString EXECUTIONS = new SerializedString("executions");
    private static final SerializableString SUCCESSES = new SerializedString("successes");
    private static final SerializableString FAILURES = new SerializedString("failures");
    private static final SerializableString SUCCESS_RATE = new SerializedString("success_rate");
    private static final SerializableString TOTAL_DURATION = new SerializedString("total_duration");
    private static final SerializableString AVERAGE_DURATION = new SerializedString("average_duration");
    private static final SerializableString MIN_DURATION = new SerializedString("min_duration");
    private static final SerializableString MAX_DURATION = new SerializedString("max_duration");
    private static final SerializableString TIMEOUTS = new SerializedString("timeouts");
    private static final SerializableString SKIPPED = new SerializedString("skipped");
    private static final SerializableString RETRIES = new SerializedString("retries");
    private static final SerializableString RUNNING = new SerializedString("running");
    private static final SerializableString LAST_SUCCESS = new SerializedString("last_success");
    private static final SerializableString LAST_FAILURE = new SerializedString("last_failure");
    private static final SerializableString LAST_OUTCOME = new SerializedString("last_outcome");
    private static final SerializableString DURATION_HISTOGRAM = new SerializedString("duration_histogram");
    private static final SerializableString BUCKETS = new SerializedString("buckets");
    private static final SerializableString LE = new SerializedString("le");
    private static final SerializableString COUNT = new SerializedString("count");
    private static final SerializableString SUM = new SerializedString("sum");
    private static final SerializableString LATENESS = new SerializedString("lateness");
    private static final SerializableString AVERAGE = new SerializedString("average");
    private static final SerializableString MAX = new SerializedString("max");
    private static final SerializableString LAST = new SerializedString("last");
    private static final SerializableString NEXT_FIRE = new SerializedString("next_fire");
    private static final SerializableString MISSED_FIRES = new SerializedString("missed_fires");
    private static final SerializableString OLDEST_RUN_AGE = new SerializedString("oldest_run_age");
    private static final SerializableString CLUSTER = new SerializedString("cluster");
    private static final String POSITIVE_INFINITY = "+Inf";

    private final JsonFactory factory;

    private DocumentWriter() {
        this.factory = JsonFactory.builder()
                // The SPI says write() never closes the caller's stream.
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                // A failure half way must not be "repaired" into a short document that parses.
                .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                // Without it Jackson 2 writes characters beyond the BMP as escaped surrogate pairs
                // (backslash-u escapes): valid, but unreadable; with it, as the 4-byte UTF-8 sequence.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                // Never reached (see number()), but a bare NaN token must be impossible.
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
    }

    static DocumentWriter shared() {
        return SHARED;
    }

    void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8);
        try {
            writeDocument(g, snapshot);
        } finally {
            g.close();
        }
    }

    private static void writeDocument(JsonGenerator g, MetricsSnapshot s) throws IOException {
        Totals totals = s.totals();
        g.writeStartObject();
        g.writeNumberField("schema_version", JsonMetricsFormat.SCHEMA_VERSION);
        g.writeStringField("timestamp", iso(s.timestamp()));
        g.writeStringField("start_time", iso(s.startTime()));
        g.writeFieldName("uptime_seconds");
        number(g, s.uptimeSeconds());
        g.writeNumberField("total_executions", totals.executions());
        g.writeNumberField("successful_executions", totals.successes());
        g.writeNumberField("failed_executions", totals.failures());
        g.writeFieldName("success_rate");
        number(g, totals.successRate());
        g.writeFieldName("total_duration");
        number(g, totals.totalDurationSeconds());
        g.writeFieldName("average_duration");
        number(g, totals.averageDurationSeconds());
        g.writeFieldName("executions_per_second");
        number(g, s.executionsPerSecond());

        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : s.commonLabels().entrySet()) {
            g.writeFieldName(UnicodeText.wellFormed(label.getKey()));
            g.writeString(UnicodeText.wellFormed(label.getValue()));
        }
        g.writeEndObject();

        g.writeObjectFieldStart("scheduler");
        g.writeStringField("version", UnicodeText.wellFormed(s.scheduler().version()));
        g.writeNumberField("workers_busy", s.scheduler().busyWorkers());
        g.writeNumberField("fires_waiting", s.scheduler().waitingFires());
        g.writeEndObject();

        g.writeObjectFieldStart("task_stats");
        for (TaskStats task : s.tasks().values()) {
            g.writeFieldName(UnicodeText.wellFormed(task.name()));
            writeTask(g, task);
        }
        g.writeEndObject();

        g.writeArrayFieldStart("exporters");
        for (ExporterStats exporter : s.exporters()) {
            writeExporter(g, exporter);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeTask(JsonGenerator g, TaskStats t) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EXECUTIONS);
        g.writeNumber(t.executions());
        g.writeFieldName(SUCCESSES);
        g.writeNumber(t.successes());
        g.writeFieldName(FAILURES);
        g.writeNumber(t.failures());
        g.writeFieldName(SUCCESS_RATE);
        number(g, t.successRate());
        g.writeFieldName(TOTAL_DURATION);
        number(g, t.totalDurationSeconds());
        g.writeFieldName(AVERAGE_DURATION);
        number(g, t.averageDurationSeconds());
        g.writeFieldName(MIN_DURATION);
        number(g, t.minDurationSeconds());
        g.writeFieldName(MAX_DURATION);
        number(g, t.maxDurationSeconds());
        g.writeFieldName(TIMEOUTS);
        g.writeNumber(t.timeouts());
        g.writeFieldName(SKIPPED);
        g.writeNumber(t.skipped());
        g.writeFieldName(RETRIES);
        g.writeNumber(t.retries());
        g.writeFieldName(RUNNING);
        g.writeNumber(t.running());
        g.writeFieldName(LAST_SUCCESS);
        instantOrNull(g, t.lastSuccess());
        g.writeFieldName(LAST_FAILURE);
        instantOrNull(g, t.lastFailure());
        g.writeFieldName(LAST_OUTCOME);
        g.writeString(t.lastOutcome().name().toLowerCase(Locale.ROOT));
        g.writeFieldName(DURATION_HISTOGRAM);
        writeHistogram(g, t.durations());
        g.writeFieldName(LATENESS);
        writeLateness(g, t.lateness());
        g.writeFieldName(NEXT_FIRE);
        instantOrNull(g, t.schedule().nextFire());
        g.writeFieldName(MISSED_FIRES);
        g.writeNumber(t.schedule().missedFires());
        g.writeFieldName(OLDEST_RUN_AGE);
        number(g, t.schedule().oldestRunAgeSeconds());
        g.writeFieldName(CLUSTER);
        writeClaims(g, t.cluster());
        g.writeEndObject();
    }

    private static void writeClaims(JsonGenerator g, ClusterClaims c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("claimed", c.claimed());
        g.writeNumberField("ran_elsewhere", c.ranElsewhere());
        g.writeNumberField("abandoned", c.abandoned());
        g.writeObjectFieldStart("claim_errors");
        g.writeNumberField("skipped", c.claimErrorsSkipped());
        g.writeNumberField("ran_here", c.claimErrorsRanHere());
        g.writeEndObject();
        g.writeObjectFieldStart("claim_latency");
        g.writeFieldName(COUNT);
        g.writeNumber(c.claimLatencyCount());
        g.writeFieldName(SUM);
        number(g, c.claimLatencyTotalSeconds());
        g.writeFieldName(MAX);
        number(g, c.claimLatencyMaxSeconds());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Buckets are cumulative, as Prometheus' {@code le}: each counts every duration up to its bound. */
    private static void writeHistogram(JsonGenerator g, DurationHistogram h) throws IOException {
        g.writeStartObject();
        g.writeFieldName(BUCKETS);
        g.writeStartArray();
        long cumulative = 0;
        int buckets = h.bucketCount();
        for (int i = 0; i < buckets; i++) {
            cumulative += h.bucketCount(i);
            g.writeStartObject();
            g.writeFieldName(LE);
            double bound = h.upperBound(i);
            if (bound == Double.POSITIVE_INFINITY) {
                g.writeString(POSITIVE_INFINITY);
            } else {
                number(g, bound);
            }
            g.writeFieldName(COUNT);
            g.writeNumber(cumulative);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(COUNT);
        g.writeNumber(h.count());
        g.writeFieldName(SUM);
        number(g, h.sumSeconds());
        g.writeEndObject();
    }

    private static void writeLateness(JsonGenerator g, Lateness l) throws IOException {
        g.writeStartObject();
        g.writeFieldName(COUNT);
        g.writeNumber(l.count());
        g.writeFieldName(AVERAGE);
        number(g, l.averageSeconds());
        g.writeFieldName(MAX);
        number(g, l.maxSeconds());
        g.writeFieldName(LAST);
        number(g, l.lastSeconds());
        g.writeEndObject();
    }

    private static void writeExporter(JsonGenerator g, ExporterStats e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", UnicodeText.wellFormed(e.name()));
        g.writeNumberField("exports", e.exports());
        g.writeNumberField("failures", e.failures());
        g.writeNumberField("skipped", e.skipped());
        g.writeFieldName(LAST_SUCCESS);
        instantOrNull(g, e.lastSuccess());
        g.writeFieldName(LAST_FAILURE);
        instantOrNull(g, e.lastFailure());
        g.writeEndObject();
    }

    /** JSON has no NaN or infinity: such a value is written as {@code null}. */
    private static void number(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
    }

    private static void instantOrNull(JsonGenerator g, Instant instant) throws IOException {
        if (instant == null) {
            g.writeNull();
        } else {
            g.writeString(iso(instant));
        }
    }

    /** ISO-8601 in UTC with a {@code Z}, with as many fraction digits as needed (none, 3, 6 or 9). */
    private static String iso(Instant instant) {
        return instant.toString();
    }
}
