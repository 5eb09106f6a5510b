package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushes through the 1.x API ({@code /write}) to a real InfluxDB 1.6 with authentication on, as a user allowed to
 * write and nothing else, and reads every point back through its {@code /query} API: measurement, every tag, every
 * field with its value and its stored type, and the timestamp. The oracle is the exporter's own text read by an
 * independent reader of the protocol ({@link ParsedPoint}).
 */
class InfluxDb1IT {

    private static final String WRITER = "writer";
    private static final String WRITER_PASSWORD = "w-secret-1";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path temp;

    private static InfluxDb1 influx;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startInflux() throws Exception {
        influx = new InfluxDb1(temp);
        influx.start();
        influx.execute(null, "CREATE USER " + WRITER + " WITH PASSWORD '" + WRITER_PASSWORD + "'");
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A new database the writer may write to, with a name that needs quoting in InfluxQL and encoding in a URL. */
    private static String database() throws Exception {
        String db = "symphra it&" + DATABASES.incrementAndGet();
        influx.execute(null, "CREATE DATABASE \"" + db + "\"");
        influx.execute(null, "GRANT WRITE ON \"" + db + "\" TO " + WRITER);
        return db;
    }

    private InfluxExporter exporter(String... keyValues) {
        Map<String, String> defaults =
                Map.of("url", influx.url(), "username", WRITER, "password", WRITER_PASSWORD, "timeout", "10s");
        return StartedExporter.start(defaults, keyValues, toClose);
    }

    @Test
    void everyFieldAndTagOfEveryPointReadsBackWithHostileNamesAndARetentionPolicy() throws Exception {
        String db = database();
        String rp = "two days, \"quoted\"";
        influx.execute(
                db, "CREATE RETENTION POLICY \"two days, \\\"quoted\\\"\" ON \"" + db + "\" DURATION 2d REPLICATION 1");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        SnapshotBuilder builder = InfluxVictoriaMetricsIT.everyHostileName(at, "host \"1\"");
        builder.task("never ran", new long[0], new long[0], 0, 0, 0, 0);
        MetricsSnapshot snapshot = builder.build();
        InfluxExporter exporter = exporter("database", db, "retention-policy", rp);

        exporter.export(snapshot);

        List<ParsedPoint> expected =
                ParsedPoint.parseAll(asInfluxDb1ReadsIt(new InfluxLineProtocolFormat().render(snapshot)));
        Set<String> measurements = new HashSet<>();
        expected.forEach(p -> measurements.add(p.measurement()));
        assertThat(measurements)
                .contains("symphra_scheduler", "symphra_scheduler_task", "symphra_scheduler_task_duration_seconds");
        List<ParsedPoint> stored = new ArrayList<>();
        for (String measurement : measurements) {
            stored.addAll(readBack(db, rp, measurement, fieldTypesOf(expected, measurement)));
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(stored).anySatisfy(p -> assertThat(p.tags()).containsEntry("task", "new\\nline"));
        assertThat(stored).anySatisfy(p -> assertThat(p.tags()).containsEntry("task", "back\\\\slash"));
        assertThat(exporter.bufferedPoints()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TimestampPrecision.class)
    void theTimestampArrivesInTheConfiguredPrecision(TimestampPrecision precision) throws Exception {
        String db = database();
        Instant at =
                Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        InfluxExporter exporter =
                exporter("database", db, "precision", precision.name().toLowerCase());

        exporter.export(SnapshotBuilder.snapshot()
                .startTime(at.minusSeconds(60))
                .timestamp(at)
                .task("t", 1, 0)
                .build());

        JsonNode series = influx.select(db, "SELECT * FROM symphra_scheduler")
                .path("series")
                .path(0);
        long stored = series.path("values").path(0).path(0).asLong();
        long expectedNanos = switch (precision) {
            case NS -> TimestampPrecision.NS.convert(at);
            case US -> TimestampPrecision.US.convert(at) * 1_000L;
            case MS -> TimestampPrecision.MS.convert(at) * 1_000_000L;
            case S -> TimestampPrecision.S.convert(at) * 1_000_000_000L;
        };
        assertThat(stored).isEqualTo(expectedNanos);
    }

    @Test
    void aWrongPasswordIsRefusedWith401NamesTheKeysAndIsNeverShown() throws Exception {
        String db = database();
        String wrong = "not-the-password-42";
        InfluxExporter exporter = exporter("database", db, "password", wrong);

        assertThatThrownBy(() -> exporter.export(SnapshotBuilder.snapshot()
                        .timestamp(Instant.now())
                        .task("t", 1, 0)
                        .build()))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("refused the credentials with HTTP 401")
                .hasMessageContaining("symphra.exporter.influx.username and symphra.exporter.influx.password")
                .hasMessageNotContaining(wrong);
        assertThat(exporter.bufferedPoints()).isZero();
        assertThat(influx.select(db, "SHOW MEASUREMENTS").has("series")).isFalse();
    }

    @Test
    void aUserWithoutWritePermissionIsRefusedNotRetried() throws Exception {
        String db = "not granted " + DATABASES.incrementAndGet();
        influx.execute(null, "CREATE DATABASE \"" + db + "\"");
        InfluxExporter exporter = exporter("database", db, "max-attempts", "3");

        assertThatThrownBy(() -> exporter.export(SnapshotBuilder.snapshot()
                        .timestamp(Instant.now())
                        .task("t", 1, 0)
                        .build()))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("refused the credentials with HTTP 403")
                .hasMessageNotContaining(WRITER_PASSWORD);
    }

    /**
     * The text as InfluxDB 1.x reads it, for the strict reader: 1.x unescapes only {@code \,}, {@code \=} and
     * {@code \ } in names and tag values and keeps an escaped backslash as the two characters it was written as.
     * InfluxDB 2 and VictoriaMetrics read {@code \\} as one backslash.
     */
    private static String asInfluxDb1ReadsIt(String text) {
        return text.replace("\\\\", "\\\\\\\\");
    }

    /** The Java type each field has in the expected points of a measurement: Long, Double or String. */
    private static Map<String, Class<?>> fieldTypesOf(List<ParsedPoint> points, String measurement) {
        Map<String, Class<?>> types = new TreeMap<>();
        for (ParsedPoint p : points) {
            if (p.measurement().equals(measurement)) {
                p.fields().forEach((k, v) -> types.put(k, v.getClass()));
            }
        }
        return types;
    }

    /**
     * Every point of a measurement as InfluxDB returns it, each field read with the type InfluxDB says it stored
     * (SHOW FIELD KEYS), which must be the type the line protocol gave it.
     */
    private static List<ParsedPoint> readBack(String db, String rp, String measurement, Map<String, Class<?>> types)
            throws Exception {
        String from = quote(db) + "." + quote(rp) + "." + quote(measurement);
        Map<String, Class<?>> storedTypes = new TreeMap<>();
        for (JsonNode row : influx.select(db, "SHOW FIELD KEYS FROM " + from)
                .path("series")
                .path(0)
                .path("values")) {
            storedTypes.put(
                    row.get(0).asText(),
                    switch (row.get(1).asText()) {
                        case "integer" -> Long.class;
                        case "float" -> Double.class;
                        case "string" -> String.class;
                        default -> throw new AssertionError("unexpected field type " + row);
                    });
        }
        assertThat(storedTypes).as("field types of %s", measurement).isEqualTo(types);

        List<ParsedPoint> points = new ArrayList<>();
        for (JsonNode series :
                influx.select(db, "SELECT * FROM " + from + " GROUP BY *").path("series")) {
            Map<String, String> tags = new TreeMap<>();
            series.path("tags").properties().forEach(e -> {
                // GROUP BY * reports a tag key this series lacks with an empty value.
                if (!e.getValue().asText().isEmpty()) {
                    tags.put(e.getKey(), e.getValue().asText());
                }
            });
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(c -> columns.add(c.asText()));
            for (JsonNode row : series.path("values")) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    JsonNode value = row.get(c);
                    if (!value.isNull()) {
                        Class<?> type = storedTypes.get(columns.get(c));
                        fields.put(columns.get(c), typed(type, value));
                    }
                }
                points.add(new ParsedPoint(
                        series.path("name").asText(), tags, fields, row.get(0).asLong()));
            }
        }
        return points;
    }

    private static Object typed(Class<?> type, JsonNode value) {
        if (type == Long.class) {
            return value.asLong();
        }
        if (type == Double.class) {
            return value.asDouble();
        }
        return value.asText();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
