/**
 * Declares tasks on methods. Annotate a no-argument method with exactly one trigger annotation and pass the object
 * to {@link io.symphra.scheduler.Scheduler#register(Object)}:
 *
 * <pre>{@code
 * class Jobs {
 *     @Interval("30s") void heartbeat() { ... }
 *     @Cron(value = "0 0 2 * * *", zone = "Europe/Berlin") void nightly() { ... }
 *     @Scheduled(name = "sync", fixedDelay = "10s", timeout = "5s", retryAttempts = 3, retryBackoff = "1s")
 *     CompletableFuture<Void> sync() { ... }
 * }
 * }</pre>
 *
 * A method may return {@code void}, any value (ignored), or a {@link java.util.concurrent.CompletionStage}, which
 * makes the run asynchronous. Durations are written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601.
 * The task's name is the annotation's {@code name}, or {@code SimpleClassName.methodName}.
 */
package io.symphra.scheduler.annotation;
