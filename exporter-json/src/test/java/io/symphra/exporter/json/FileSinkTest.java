package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.RecordingLoggers;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    private static MetricsSnapshot snapshotWithTasks(int tasks) {
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60 + tasks));
        for (int i = 0; i < tasks; i++) {
            builder.task("task-" + i + "-" + "x".repeat(i * 7), i % 5, i % 3);
        }
        return builder.build();
    }

    @Test
    void eachPushReplacesTheFileWithTheDocumentAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("metrics.json");
        JsonMetricsFormat format = new JsonMetricsFormat();
        JsonMetricsExporter exporter = new JsonMetricsExporter();
        ExporterConfig config = ExporterConfig.of("json", Map.of("file.path", file.toString()));
        exporter.configure(config);
        try (TestExporterContext context = new TestExporterContext(config, snapshotWithTasks(1))) {
            exporter.start(context);
            exporter.export(snapshotWithTasks(30));
            assertThat(Files.readAllBytes(file)).isEqualTo(format.toBytes(snapshotWithTasks(30)));
            exporter.export(snapshotWithTasks(2));
            assertThat(Files.readAllBytes(file)).isEqualTo(format.toBytes(snapshotWithTasks(2)));
            exporter.close();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("metrics.json");
        }
    }

    @Test
    void aReaderNeverSeesHalfADocumentWhilePushesHappen() throws Exception {
        Path file = dir.resolve("metrics.json");
        FileSink sink = new FileSink(file, new RecordingLoggers().apply("w"));
        JsonMetricsFormat format = new JsonMetricsFormat();
        // Documents of very different sizes, so a torn read could not look whole.
        List<byte[]> documents = List.of(
                format.toBytes(snapshotWithTasks(0)),
                format.toBytes(snapshotWithTasks(80)),
                format.toBytes(snapshotWithTasks(5)),
                format.toBytes(snapshotWithTasks(200)));
        sink.accept(documents.get(0));

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> problems = new CopyOnWriteArrayList<>();
        CountDownLatch readerRunning = new CountDownLatch(1);
        java.util.Set<Integer> sizesSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(
                () -> {
                    while (writing.get() || reads.get() < 100) {
                        try {
                            byte[] bytes = Files.readAllBytes(file);
                            JsonNode doc = MAPPER.readTree(bytes);
                            if (!doc.has("exporters")) {
                                problems.add("incomplete document of " + bytes.length + " bytes");
                            }
                            sizesSeen.add(doc.get("task_stats").size());
                        } catch (Exception e) {
                            problems.add(e.toString());
                        }
                        reads.incrementAndGet();
                        readerRunning.countDown();
                    }
                },
                "json-file-reader");
        reader.start();
        assertThat(readerRunning.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 400; i++) {
            sink.accept(documents.get(i % documents.size()));
        }
        writing.set(false);
        reader.join(Duration.ofSeconds(30).toMillis());

        assertThat(reader.isAlive()).isFalse();
        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThanOrEqualTo(100);
        assertThat(sizesSeen).isNotEmpty().isSubsetOf(0, 80, 5, 200);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("metrics.json");
        }
    }

    @Test
    void aFailedWriteThrowsAndLeavesTheOldDocument() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("metrics.json");
        FileSink sink = new FileSink(file, new RecordingLoggers().apply("w"));
        sink.accept("{\"a\":1}".getBytes());
        // The directory turns into something else: the next write cannot create its temporary file.
        Files.delete(file);
        Files.delete(sub);
        Files.createFile(sub);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.accept("{\"a\":2}".getBytes()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(sink.describe()).isEqualTo("file " + file);
    }

    @Test
    void aSymbolicLinkPutInTheFilesPlaceAfterTheBuildIsLeftAlone() throws Exception {
        Path file = dir.resolve("metrics.json");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not yours");
        FileSink sink = new FileSink(file, new RecordingLoggers().apply("w"));
        sink.accept("{\"a\":1}".getBytes());
        Files.delete(file);
        Files.createSymbolicLink(file, elsewhere);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.accept("{\"a\":2}".getBytes()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("is now a symbolic link; left as it is");
        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(Files.readString(elsewhere)).isEqualTo("not yours");
    }
}
