package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code wrk} hammers the scrape endpoint of a real {@link Scheduler} with 1,000 interval tasks firing every 1 to
 * 10 s: 30 s with 16 keep-alive connections, then 8 s more asking for gzip. Every request must get a 2xx with no
 * socket error, the tasks must keep firing meanwhile, and the endpoint must still serve all 1,000 tasks afterwards.
 * Requests/s and the latency distribution are reported (and written to {@code target/reliability-scrape/}).
 *
 * <p>"Keep firing" is checked as: every one of the 1,000 tasks fired during the plain run (the slowest, every 10 s,
 * has at least two fire times in it), and the fires add up to at least half of those planned. Not 80 %: wrk
 * saturates both cores of the CI machine, which other builds share, and the scheduler's fixed-rate trigger does not
 * make up a fire that came more than a period late, so a few seconds in all without a CPU for the JVM lose fires
 * with no fault of the exporter's. Scraping that starved the scheduler (renders on its workers, a lock both hold)
 * would leave tasks without a fire and the total far below; the ratio is reported.
 */
class WrkLoadIT {

    private static final int TASKS = 1_000;
    private static final Duration PLAIN_RUN = Duration.ofSeconds(30);
    private static final Duration GZIP_RUN = Duration.ofSeconds(8);
    private static final int WRK_THREADS = 2;
    private static final int CONNECTIONS = 16;

    @Test
    void wrkGetsOnlySuccessfulAnswersFromASchedulerWithAThousandTasks() throws Exception {
        Path out = Path.of("target", "reliability-scrape");
        Files.createDirectories(out);
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .workerThreads(4)
                .shutdownTimeout(Duration.ofSeconds(5))
                .exporterProperty("symphra.exporter.prometheus.port", "0")
                .build()) {
            for (int i = 0; i < TASKS; i++) {
                // periods of 1 to 10 s; first fires spread over the first second so they do not all start at once
                scheduler.schedule(
                        String.format("task-%04d", i),
                        Triggers.fixedRate(Duration.ofSeconds(1 + i % 10), Duration.ofMillis(i)),
                        () -> {});
            }
            scheduler.start();
            PrometheusExporter exporter =
                    (PrometheusExporter) scheduler.exporter("prometheus").orElseThrow();
            String url = "http://127.0.0.1:" + exporter.port() + "/metrics";
            await("every task ran once")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> scheduler.snapshot().tasks().values().stream()
                                    .filter(t -> t.executions() > 0)
                                    .count()
                            == TASKS);
            Scrape before = scrape(url, false);
            assertThat(before.taskSeries()).isEqualTo(TASKS);

            String loadBefore = loadAverage();
            MetricsSnapshot atStart = scheduler.snapshot();
            long executionsBefore = atStart.totals().executions();
            long started = System.nanoTime();
            Wrk.Result plain =
                    Wrk.run(url, WRK_THREADS, CONNECTIONS, PLAIN_RUN, List.of(), out.resolve("wrk-plain.txt"));
            double plainSeconds = (System.nanoTime() - started) / 1e9;
            MetricsSnapshot atEnd = scheduler.snapshot();
            long executionsDuringPlain = atEnd.totals().executions() - executionsBefore;
            List<String> idleDuringPlain = atEnd.tasks().values().stream()
                    .filter(t -> t.executions() <= atStart.tasks().get(t.name()).executions())
                    .map(t -> t.name())
                    .sorted()
                    .toList();
            String loadAfterPlain = loadAverage();
            Wrk.Result gzip = Wrk.run(
                    url,
                    WRK_THREADS,
                    CONNECTIONS,
                    GZIP_RUN,
                    List.of("Accept-Encoding: gzip"),
                    out.resolve("wrk-gzip.txt"));
            String loadAfterGzip = loadAverage();
            Scrape after = scrape(url, true);
            MetricsSnapshot snapshot = scheduler.snapshot();
            double maxLatenessMillis = snapshot.tasks().values().stream()
                    .mapToDouble(t -> t.lateness().maxSeconds() * 1_000)
                    .max()
                    .orElse(0);
            // each task fires plainSeconds / period times: 100 tasks of each period 1..10 s
            double expectedFires = 0;
            for (int period = 1; period <= 10; period++) {
                expectedFires += TASKS / 10.0 * plainSeconds / period;
            }

            String report = String.format(
                    "wrk -t%d -c%d against %s, scheduler with %d interval tasks (1-10 s)%n"
                            + "one scrape: %d bytes of text, %d bytes gzipped%n"
                            + "load average before: %s%nplain, %d s: %s%nload average after plain: %s%n"
                            + "gzip, %d s: %s%nload average after gzip: %s%n"
                            + "task executions during the plain run: %d (about %.0f expected); largest start lateness"
                            + " of any task over the whole test: %.1f ms%n",
                    WRK_THREADS,
                    CONNECTIONS,
                    url,
                    TASKS,
                    before.textBytes(),
                    after.wireBytes(),
                    loadBefore,
                    PLAIN_RUN.toSeconds(),
                    plain.summary(),
                    loadAfterPlain,
                    GZIP_RUN.toSeconds(),
                    gzip.summary(),
                    loadAfterGzip,
                    executionsDuringPlain,
                    expectedFires,
                    maxLatenessMillis);
            System.out.println(report);
            Files.writeString(out.resolve("wrk-load.txt"), report);

            for (Wrk.Result result : List.of(plain, gzip)) {
                assertThat(result.socketErrors())
                        .as("socket errors%n%s", result.output())
                        .isZero();
                assertThat(result.non2xx())
                        .as("non-2xx/3xx responses%n%s", result.output())
                        .isZero();
                assertThat(result.requests())
                        .as("requests served%n%s", result.output())
                        .isPositive();
            }
            assertThat(after.taskSeries()).isEqualTo(TASKS);
            // the scrapes must not starve the tasks: every task fired during the load, and most planned fires did
            assertThat(idleDuringPlain)
                    .as("tasks that never fired during the plain run")
                    .isEmpty();
            assertThat((double) executionsDuringPlain)
                    .as("fires during the plain run, of %.0f planned", expectedFires)
                    .isGreaterThan(0.5 * expectedFires);
        }
    }

    /**
     * One scrape's size on the wire and as text, and its number of {@code symphra_scheduler_task_executions} series.
     */
    record Scrape(int wireBytes, int textBytes, int taskSeries) {}

    private static Scrape scrape(String url, boolean gzip) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.body();
        int wireBytes = body.length;
        if (gzip) {
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        int series = (int) new String(body, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("symphra_scheduler_task_executions{"))
                .count();
        return new Scrape(wireBytes, body.length, series);
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
