package io.symphra.scheduler;

import io.symphra.metrics.config.DurationLimit;
import io.symphra.scheduler.cluster.WhenCoordinatorUnavailable;
import io.symphra.scheduler.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The definition of a scheduled task. Immutable; build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Task task = Task.builder("refresh-cache")
 *         .trigger(Triggers.every(Duration.ofMinutes(5)))
 *         .run(cache::refresh)
 *         .timeout(Duration.ofSeconds(30))
 *         .retry(RetryPolicy.of(3, Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10))))
 *         .build();
 * }</pre>
 *
 * <p>The action is a {@link Callable}; a {@link Runnable} is wrapped. When the action returns a
 * {@link CompletionStage}, the run is asynchronous: it is measured until the stage completes, and its timeout
 * applies to the stage.
 *
 * @param name         unique name within a scheduler
 * @param action       what to run
 * @param trigger      when to run it
 * @param startAt      no fire before this instant, or {@code null}
 * @param endAt        no fire after this instant, or {@code null}
 * @param maxInstances runs allowed at once; a fire beyond it is skipped (default 1)
 * @param timeout      limit of each attempt, counted from its start, or {@code null} for none; at most
 *                     {@link DurationLimit#MAX}
 * @param retry        the retry policy (default none)
 * @param enabled      a disabled task is registered but never fires
 * @param zone         the zone for calendar triggers, or {@code null} for the scheduler's default
 * @param tags         free-form labels, unmodifiable
 * @param metadata     free-form key-value data, unmodifiable
 * @param whenCoordinatorUnavailable in cluster mode, what a fire does when the coordinator cannot decide who runs
 *                     it (default {@link WhenCoordinatorUnavailable#SKIP})
 * @param recoverAbandoned in cluster mode, whether a run abandoned by an instance that died is run again by the
 *                     instance that finds it (default false: it is only reported)
 */
public record Task(
        String name,
        Callable<?> action,
        Trigger trigger,
        Instant startAt,
        Instant endAt,
        int maxInstances,
        Duration timeout,
        RetryPolicy retry,
        boolean enabled,
        ZoneId zone,
        Set<String> tags,
        Map<String, String> metadata,
        WhenCoordinatorUnavailable whenCoordinatorUnavailable,
        boolean recoverAbandoned) {

    public Task {
        requireName(name);
        Objects.requireNonNull(action, () -> "task '" + name + "' has no action");
        Objects.requireNonNull(trigger, () -> "task '" + name + "' has no trigger");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(whenCoordinatorUnavailable, "whenCoordinatorUnavailable");
        if (startAt != null && endAt != null && endAt.isBefore(startAt)) {
            throw new IllegalArgumentException("task '" + name + "': end " + endAt + " is before start " + startAt);
        }
        if (maxInstances < 1) {
            throw new IllegalArgumentException(
                    "task '" + name + "': maxInstances must be at least 1, got " + maxInstances);
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("task '" + name + "': timeout must be positive, got " + timeout);
        }
        if (timeout != null) {
            DurationLimit.check("task '" + name + "': timeout", timeout);
        }
        tags = Set.copyOf(tags);
        metadata = Map.copyOf(metadata);
    }

    /** Starts a task definition with the given unique name. */
    public static Builder builder(String name) {
        return new Builder(requireName(name));
    }

    /** A builder pre-filled with this task's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.action = action;
        b.trigger = trigger;
        b.startAt = startAt;
        b.endAt = endAt;
        b.maxInstances = maxInstances;
        b.timeout = timeout;
        b.retry = retry;
        b.enabled = enabled;
        b.zone = zone;
        b.tags.addAll(tags);
        b.metadata.putAll(metadata);
        b.whenCoordinatorUnavailable = whenCoordinatorUnavailable;
        b.recoverAbandoned = recoverAbandoned;
        return b;
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "task name must not be null or blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** Collects a task's settings; {@link #build()} validates them. */
    public static final class Builder {
        private final String name;
        private Callable<?> action;
        private Trigger trigger;
        private Instant startAt;
        private Instant endAt;
        private int maxInstances = 1;
        private Duration timeout;
        private RetryPolicy retry = RetryPolicy.none();
        private boolean enabled = true;
        private ZoneId zone;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private WhenCoordinatorUnavailable whenCoordinatorUnavailable = WhenCoordinatorUnavailable.SKIP;
        private boolean recoverAbandoned;

        private Builder(String name) {
            this.name = name;
        }

        /** When the task fires. */
        public Builder trigger(Trigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
            return this;
        }

        /** Runs {@code action} on each fire. */
        public Builder run(Runnable action) {
            Objects.requireNonNull(action, "action");
            this.action = () -> {
                action.run();
                return null;
            };
            return this;
        }

        /** Calls {@code action} on each fire; its result is ignored unless it is a {@link CompletionStage}. */
        public Builder call(Callable<?> action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /** Starts asynchronous work on each fire; the run lasts until the returned stage completes. */
        public Builder async(Supplier<? extends CompletionStage<?>> action) {
            Objects.requireNonNull(action, "action");
            this.action = action::get;
            return this;
        }

        /** No fire before {@code startAt}. */
        public Builder startAt(Instant startAt) {
            this.startAt = startAt;
            return this;
        }

        /** No fire after {@code endAt}; the task then stays registered but idle. */
        public Builder endAt(Instant endAt) {
            this.endAt = endAt;
            return this;
        }

        /** Runs allowed at once (default 1); a fire beyond it is reported as skipped. */
        public Builder maxInstances(int maxInstances) {
            this.maxInstances = maxInstances;
            return this;
        }

        /**
         * Limit of each attempt; the attempt is interrupted (or its stage cancelled) and reported as a timeout at
         * once. The run's {@code maxInstances} slot is freed then, so a task whose code ignores interruption can
         * keep running beside a later run of itself: a hung task must not stop its schedule forever.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The retry policy (default {@link RetryPolicy#none()}). */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** Whether the task fires (default true). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The zone for calendar triggers (default: the scheduler's zone). */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Adds free-form tags. */
        public Builder tags(String... tags) {
            for (String tag : tags) {
                this.tags.add(Objects.requireNonNull(tag, "tag"));
            }
            return this;
        }

        /**
         * In cluster mode (a {@code Scheduler.Builder.coordinator}), what a fire does when the coordinator cannot
         * decide who runs it; default {@link WhenCoordinatorUnavailable#SKIP}.
         */
        public Builder whenCoordinatorUnavailable(WhenCoordinatorUnavailable choice) {
            this.whenCoordinatorUnavailable = Objects.requireNonNull(choice, "choice");
            return this;
        }

        /**
         * In cluster mode, whether a run abandoned by an instance that died (its claim expired before the run ended)
         * is run again by the instance that finds it; default false, it is only reported.
         */
        public Builder recoverAbandoned(boolean recover) {
            this.recoverAbandoned = recover;
            return this;
        }

        /** Adds a free-form metadata entry. */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Validates and builds the task. */
        public Task build() {
            return new Task(
                    name,
                    action,
                    trigger,
                    startAt,
                    endAt,
                    maxInstances,
                    timeout,
                    retry,
                    enabled,
                    zone,
                    tags,
                    metadata,
                    whenCoordinatorUnavailable,
                    recoverAbandoned);
        }
    }
}
