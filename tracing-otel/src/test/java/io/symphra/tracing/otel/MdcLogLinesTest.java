package io.symphra.tracing.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskMdc;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The core's MDC around every attempt, on the lines a task logs through logback (the core's own tests run on
 * slf4j-simple, which keeps no MDC), and the worker's own values given back after.
 */
class MdcLogLinesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final List<String> KEYS = List.of(TaskMdc.TASK, TaskMdc.PLANNED, TaskMdc.ATTEMPT, TaskMdc.RUN);
    private static final Logger TASK_LOG = LoggerFactory.getLogger("task-log");

    private static Map<String, String> current() {
        Map<String, String> values = new HashMap<>();
        for (String key : KEYS) {
            values.put(key, MDC.get(key));
        }
        return values;
    }

    @Test
    void everyLineATaskLogsCarriesTheTaskThePlannedTimeTheAttemptAndTheRun() {
        AtomicInteger attempts = new AtomicInteger();
        try (LogLines log = new LogLines("task-log");
                Scheduler scheduler = Scheduler.builder()
                        .clock(new ManualClock(T0))
                        .discoverExporters(false)
                        .build()) {
            scheduler.schedule(Task.builder("report")
                    .trigger(Triggers.once(T0))
                    .run(() -> {
                        TASK_LOG.info("working");
                        if (attempts.incrementAndGet() == 1) {
                            throw new IllegalStateException("first attempt fails on purpose");
                        }
                    })
                    .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ZERO)))
                    .build());
            scheduler.schedule("other", Triggers.once(T0), () -> TASK_LOG.info("other work"));
            scheduler.start();
            await().atMost(BOUND).until(() -> log.lines().size() == 3);
            assertThat(log.lines())
                    .containsOnlyOnce(
                            "working task=report planned=2026-03-01T00:00:00Z attempt=1 run=%s trace= span="
                                    .formatted(runOf(log.lines(), "working")),
                            "working task=report planned=2026-03-01T00:00:00Z attempt=2 run=%s trace= span="
                                    .formatted(runOf(log.lines(), "working")))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("other work task=other planned=2026-03-01T00:00:00Z attempt=1 run="));
            assertThat(runOf(log.lines(), "other work")).isNotEqualTo(runOf(log.lines(), "working"));
        }
    }

    private static String runOf(List<String> lines, String message) {
        String line = lines.stream()
                .filter(l -> l.startsWith(message + " "))
                .findFirst()
                .orElseThrow();
        return line.substring(line.indexOf(" run=") + 5, line.indexOf(" trace="));
    }

    @Test
    void aUserExecutorsThreadGetsItsOwnValuesBackAfterTheAttempt() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> {
                        MDC.put(TaskMdc.TASK, "the caller's");
                        MDC.put("request", "r-7");
                    })
                    .get();
            List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
            try (Scheduler scheduler = Scheduler.builder()
                    .clock(new ManualClock(T0))
                    .workerExecutor(executor)
                    .discoverExporters(false)
                    .build()) {
                scheduler.schedule("inside", Triggers.once(T0), () -> {
                    Map<String, String> values = current();
                    values.put("request", MDC.get("request"));
                    seen.add(values);
                });
                scheduler.start();
                await().atMost(BOUND).until(() -> seen.size() == 1);
            }
            assertThat(seen.get(0)).containsEntry(TaskMdc.TASK, "inside").containsEntry("request", "r-7");
            Map<String, String> after = executor.submit(() -> {
                        Map<String, String> values = current();
                        values.put("request", MDC.get("request"));
                        return values;
                    })
                    .get();
            assertThat(after)
                    .containsEntry(TaskMdc.TASK, "the caller's")
                    .containsEntry(TaskMdc.PLANNED, null)
                    .containsEntry(TaskMdc.ATTEMPT, null)
                    .containsEntry(TaskMdc.RUN, null)
                    .containsEntry("request", "r-7");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theFailureLineCarriesTheMdcOfTheAttemptThatFailedAndItsTrace() {
        CollectedSpans spans = new CollectedSpans();
        try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build();
                LogLines log = new LogLines("io.symphra.scheduler.TaskFailureLog");
                Scheduler scheduler = Scheduler.builder()
                        .clock(new ManualClock(T0))
                        .discoverExporters(false)
                        .interceptor(SymphraTracing.create(OpenTelemetrySdk.builder()
                                .setTracerProvider(tracerProvider)
                                .build()))
                        .build()) {
            scheduler.schedule("broken", Triggers.once(T0), () -> {
                throw new IllegalStateException("on purpose");
            });
            scheduler.start();
            await().atMost(BOUND)
                    .until(() -> log.lines().size() == 1 && spans.ended().size() == 1);
            String traceId = spans.ended().get(0).getTraceId();
            assertThat(log.lines().get(0))
                    .startsWith("Task 'broken' failed: java.lang.IllegalStateException: on purpose")
                    .contains(" task=broken planned=2026-03-01T00:00:00Z attempt=1 run=1 trace=" + traceId + " span=");
        }
    }

    @Test
    void aWorkerIsLeftWithoutTheKeysOnceTheAttemptIsOver() throws Exception {
        // A thread without the keys gets them removed after the attempt, as every worker of the scheduler's own
        // pool: a single-thread executor lets the test look at that thread afterwards.
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            List<Map<String, String>> inside = new CopyOnWriteArrayList<>();
            try (Scheduler scheduler = Scheduler.builder()
                    .clock(new ManualClock(T0))
                    .workerExecutor(executor)
                    .discoverExporters(false)
                    .build()) {
                scheduler.schedule("first", Triggers.once(T0), () -> inside.add(current()));
                scheduler.start();
                await().atMost(BOUND).until(() -> inside.size() == 1);
            }
            assertThat(inside.get(0)).containsEntry(TaskMdc.TASK, "first");
            // The executor runs one job at a time: this one runs after the attempt's scopes exited.
            Map<String, String> after =
                    executor.submit(MdcLogLinesTest::current).get();
            assertThat(after).allSatisfy((key, value) -> assertThat(value).isNull());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void mdcOffLeavesTheMdcAlone() {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        try (Scheduler scheduler = Scheduler.builder()
                .clock(new ManualClock(T0))
                .mdc(false)
                .discoverExporters(false)
                .build()) {
            scheduler.schedule("quiet", Triggers.once(T0), () -> seen.add(current()));
            scheduler.start();
            await().atMost(BOUND).until(() -> seen.size() == 1);
        }
        assertThat(seen.get(0)).allSatisfy((key, value) -> assertThat(value).isNull());
    }
}
