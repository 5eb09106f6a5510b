package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scrape endpoint with basic auth, timed over loopback: every kind of wrong or missing credentials gets a 401,
 * and none of them answers measurably faster or slower than the others.
 *
 * <p>What this can and cannot see: one request over loopback through the JDK client and server takes a few hundred
 * microseconds and varies by tens of microseconds from request to request on this shared machine. A leak of the kind
 * {@code String.equals} has (a few nanoseconds per matching byte) is far below that and is ruled out by reading
 * {@link ConstantTimeAuthenticator} (SHA-256 digests compared with {@code MessageDigest.isEqual}), not by timing.
 * What timing does catch is a coarse difference an attacker could measure remotely: an early return that skips the
 * password check for an unknown user, a slower path for a known user, a back-off or a lookup on one branch. The
 * bound is therefore {@code max(10 % of the overall lower quartile, 50 µs)} on the difference between the lower
 * quartiles of any two kinds: 50 µs is more than the spread seen between two halves of one kind's samples (the noise
 * floor, reported), yet a tenth of a loopback round trip; a branch doing any real extra work (a sleep, an I/O, a
 * second hash of a large input) moves every quantile of its kind and would exceed it.
 *
 * <p>Why the lower quartile and not the median: on a loaded machine the times are bimodal, a request either served
 * at once (a few hundred µs) or after the client or server thread waited for a CPU (milliseconds). The median of
 * each kind stays in the fast mode only while fewer than half the requests wait; past that it jumps between the
 * modes and two kinds' medians differ by milliseconds for no reason of theirs. The lower quartile stays in the fast
 * mode until three requests in four wait, and the shuffled rounds spread the waits over the kinds alike.
 */
class BasicAuthTimingIT {

    private static final String USER = "scraper";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final int WARM_UP_ROUNDS = 400;
    private static final int ROUNDS = 2_000;
    private static final double RELATIVE_BOUND = 0.10;
    private static final double ABSOLUTE_BOUND_MICROS = 50;

    /** The kinds of rejected attempt, each sent once per round in a shuffled order. */
    enum Attempt {
        WRONG_PASSWORD_SAME_LENGTH(USER, "x".repeat(PASSWORD.length())),
        FIRST_BYTE_WRONG(USER, "C" + PASSWORD.substring(1)),
        LAST_BYTE_WRONG(USER, PASSWORD.substring(0, PASSWORD.length() - 1) + "E"),
        WRONG_USERNAME("scrapes", PASSWORD),
        MISSING(null, null);

        final Optional<String> authorization;

        Attempt(String user, String password) {
            this.authorization = user == null ? Optional.empty() : Optional.of(basic(user, password));
        }
    }

    /** The compared quantile: the lower quartile (see the class comment). */
    private static final double COMPARED = 0.25;

    /**
     * Lower quartile, median, 90th and 99th percentile of one kind's request times, and the difference between
     * the lower quartiles of its even and odd samples (the noise floor), in microseconds.
     */
    record Latencies(
            double p25Micros, double medianMicros, double p90Micros, double p99Micros, double halvesDifferenceMicros) {
        static Latencies of(List<Long> nanos) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] even = new long[(nanos.size() + 1) / 2];
            long[] odd = new long[nanos.size() / 2];
            for (int i = 0; i < nanos.size(); i++) {
                if (i % 2 == 0) {
                    even[i / 2] = nanos.get(i);
                } else {
                    odd[i / 2] = nanos.get(i);
                }
            }
            Arrays.sort(even);
            Arrays.sort(odd);
            return new Latencies(
                    micros(sorted, COMPARED),
                    micros(sorted, 0.5),
                    micros(sorted, 0.9),
                    micros(sorted, 0.99),
                    Math.abs(micros(even, COMPARED) - micros(odd, COMPARED)));
        }

        private static double micros(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * quantile) - 1)] / 1_000.0;
        }
    }

    @Test
    void everyRejectedAttemptGets401InTheSameTime() throws Exception {
        ExporterConfig config =
                ExporterConfig.of("prometheus", Map.of("port", "0", "username", USER, "password", PASSWORD));
        try (TestExporterContext context = new TestExporterContext(
                        config,
                        () -> SnapshotBuilder.snapshot().task("timed", 3, 1).build(),
                        Clock.systemUTC());
                PrometheusExporter exporter = new PrometheusExporter()) {
            exporter.configure(config);
            exporter.start(context);
            URI uri = URI.create("http://127.0.0.1:" + exporter.port() + "/metrics");
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            HttpResponse<String> allowed =
                    client.send(request(uri, Optional.of(basic(USER, PASSWORD))), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("task=\"timed\"");

            Random order = new Random(11);
            run(client, uri, order, WARM_UP_ROUNDS, null);
            Map<Attempt, List<Long>> nanos = new EnumMap<>(Attempt.class);
            for (Attempt attempt : Attempt.values()) {
                nanos.put(attempt, new ArrayList<>(ROUNDS));
            }
            run(client, uri, order, ROUNDS, nanos);

            Map<Attempt, Latencies> latencies = new EnumMap<>(Attempt.class);
            nanos.forEach((attempt, times) -> latencies.put(attempt, Latencies.of(times)));
            List<Long> all = nanos.values().stream().flatMap(List::stream).toList();
            double overall = Latencies.of(all).p25Micros();
            double bound = Math.max(RELATIVE_BOUND * overall, ABSOLUTE_BOUND_MICROS);
            double fastest = latencies.values().stream()
                    .mapToDouble(Latencies::p25Micros)
                    .min()
                    .orElseThrow();
            double slowest = latencies.values().stream()
                    .mapToDouble(Latencies::p25Micros)
                    .max()
                    .orElseThrow();
            String report = report(latencies, overall, bound, slowest - fastest);
            System.out.println(report);
            Path out = Path.of("target", "reliability-scrape");
            Files.createDirectories(out);
            Files.writeString(out.resolve("basic-auth-timing.txt"), report);

            assertThat(slowest - fastest)
                    .as("largest difference between two kinds' lower quartiles, µs%n%s", report)
                    .isLessThan(bound);
        }
    }

    /** Sends {@code rounds} rounds, each with every kind once in a shuffled order, so drift hits every kind alike. */
    private static void run(HttpClient client, URI uri, Random order, int rounds, Map<Attempt, List<Long>> nanos)
            throws IOException, InterruptedException {
        List<Attempt> round = new ArrayList<>(List.of(Attempt.values()));
        for (int i = 0; i < rounds; i++) {
            Collections.shuffle(round, order);
            for (Attempt attempt : round) {
                HttpRequest request = request(uri, attempt.authorization);
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                assertThat(response.statusCode()).as(attempt.name()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .as(attempt.name())
                        .get()
                        .asString()
                        .startsWith("Basic realm=");
                if (nanos != null) {
                    nanos.get(attempt).add(took);
                }
            }
        }
    }

    private static HttpRequest request(URI uri, Optional<String> authorization) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static String report(Map<Attempt, Latencies> latencies, double overall, double bound, double spread) {
        StringBuilder text = new StringBuilder(String.format(
                "basic auth timing: %d rounds after %d warm-up rounds, one keep-alive HTTP/1.1 client, loopback%n",
                ROUNDS, WARM_UP_ROUNDS));
        text.append(String.format(
                "%-28s %10s %10s %10s %10s %14s%n",
                "attempt", "p25 µs", "median µs", "p90 µs", "p99 µs", "halves diff µs"));
        latencies.forEach((attempt, l) -> text.append(String.format(
                "%-28s %10.1f %10.1f %10.1f %10.1f %14.1f%n",
                attempt, l.p25Micros(), l.medianMicros(), l.p90Micros(), l.p99Micros(), l.halvesDifferenceMicros())));
        text.append(String.format(
                "overall lower quartile %.1f µs; largest lower-quartile difference %.1f µs;" + " bound %.1f µs%n",
                overall, spread, bound));
        return text.toString();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
