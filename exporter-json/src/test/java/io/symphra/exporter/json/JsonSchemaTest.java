package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    private static final Path DOCS_COPY = Path.of("..", "docs", "json", "metrics.schema.json");
    private final JsonMetricsFormat format = new JsonMetricsFormat();

    @Test
    void theSchemaInTheJarAndTheOneInTheDocsAreIdentical() throws IOException {
        byte[] shipped;
        try (InputStream in = JsonMetricsFormat.class.getResourceAsStream(JsonMetricsFormat.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource in the jar").isNotNull();
            shipped = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(DOCS_COPY)).isEqualTo(shipped);
    }

    @Test
    void theSchemaNamesDraft202012AndTheCurrentVersion() {
        JsonNode schema = JsonSchemaCheck.schemaNode();
        assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("properties").get("schema_version").get("const").intValue())
                .isEqualTo(JsonMetricsFormat.SCHEMA_VERSION);
    }

    @Test
    void aDocumentWithEveryHostileNameIsValid() throws IOException {
        SnapshotBuilder builder = SnapshotBuilder.snapshot();
        int i = 0;
        for (String name : HostileNames.CORPUS) {
            builder.task(name, new long[] {1, 30, 3_000}, new long[] {70_000}, 1, 1, 1, 1);
            builder.signals(
                    name,
                    new ScheduleSignals(i % 2 == 0 ? null : Instant.parse("2026-01-01T00:02:00.5Z"), i, i * 1000L),
                    new ClusterClaims(i, 1, 0, 1, 0, i + 2, 3_000_000L, 2_000_000L));
            builder.label(name, name);
            builder.exporter(new ExporterStats(name + (i++), 1, 1, 1, Instant.EPOCH, null));
        }
        builder.scheduler(new SchedulerState("1.0 \"rc\"\n", 2, 5, false));
        JsonNode doc = MAPPER.readTree(format.render(builder.build()));
        assertThat(doc.get("task_stats").size()).isEqualTo(HostileNames.CORPUS.size());
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    @Test
    void aDocumentWithZeroTasksIsValid() throws IOException {
        JsonNode doc = MAPPER.readTree(format.render(MetricsSnapshot.empty(Instant.parse("2026-03-01T10:00:00Z"))));
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    @Test
    void timestampsWithFractionsAreValid() throws IOException {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(Instant.parse("2026-01-01T00:00:00.123Z"))
                .timestamp(Instant.parse("2026-01-01T00:00:10.123456789Z"))
                .task("t", 2, 1)
                .build();
        JsonNode doc = MAPPER.readTree(format.render(snapshot));
        assertThat(doc.get("timestamp").textValue()).isEqualTo("2026-01-01T00:00:10.123456789Z");
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    @Test
    void theValidatorRejectsDocumentsThatBreakTheSchema() throws IOException {
        String valid = format.render(SnapshotBuilder.snapshot().task("t", 2, 1).build());

        ObjectNode missing = (ObjectNode) MAPPER.readTree(valid);
        missing.remove("timestamp");
        assertThat(JsonSchemaCheck.errors(missing)).isNotEmpty();

        ObjectNode badRate = (ObjectNode) MAPPER.readTree(valid);
        badRate.put("success_rate", 1.5);
        assertThat(JsonSchemaCheck.errors(badRate)).isNotEmpty();

        ObjectNode badTime = (ObjectNode) MAPPER.readTree(valid);
        badTime.put("start_time", "2026-01-01 00:00:00");
        assertThat(JsonSchemaCheck.errors(badTime)).isNotEmpty();

        ObjectNode badTask = (ObjectNode) MAPPER.readTree(valid);
        ((ObjectNode) badTask.get("task_stats").get("t")).put("executions", -1);
        assertThat(JsonSchemaCheck.errors(badTask)).isNotEmpty();

        ObjectNode badOutcome = (ObjectNode) MAPPER.readTree(valid);
        ((ObjectNode) badOutcome.get("task_stats").get("t")).put("last_outcome", "SUCCESS");
        assertThat(JsonSchemaCheck.errors(badOutcome)).isNotEmpty();
    }

    /** The schema lets consumers ignore new keys, so this is what keeps it from missing one we write. */
    @Test
    void theSchemaDeclaresEveryKeyTheWriterEmits() throws IOException {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .label("service", "s")
                .task("t", 2, 1)
                .exporter(new ExporterStats("e", 1, 0, 0, null, null))
                .build();
        JsonNode doc = MAPPER.readTree(format.render(snapshot));
        JsonNode schema = JsonSchemaCheck.schemaNode();
        JsonNode defs = schema.get("$defs");

        assertDeclared(doc, schema);
        JsonNode task = doc.get("task_stats").get("t");
        assertDeclared(task, defs.get("task"));
        assertDeclared(task.get("duration_histogram"), defs.get("histogram"));
        assertDeclared(
                task.get("duration_histogram").get("buckets").get(0),
                defs.get("histogram").get("properties").get("buckets").get("items"));
        assertDeclared(task.get("lateness"), defs.get("lateness"));
        assertDeclared(doc.get("exporters").get(0), defs.get("exporter"));
    }

    private static void assertDeclared(JsonNode object, JsonNode schema) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        JsonNode required = schema.get("required");
        int count = 0;
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            count++;
            assertThat(schema.get("properties").has(key))
                    .as("schema declares '" + key + "'")
                    .isTrue();
        }
        assertThat(required.size()).as("every key is required").isEqualTo(count);
    }
}
