package io.symphra.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One function-based meter declared over one value of a subject (a task's {@code TaskStats}, an exporter's
 * {@code ExporterStats}, the snapshot itself). The meter holds the subject's supplier and reads it at every
 * collection, so nothing is copied per run.
 *
 * @param <T> what the meter reads its value from
 */
sealed interface MeterRow<T> {

    /** Registers the meter for one subject with the given tags (common labels, task or exporter name). */
    Meter register(MeterRegistry registry, Tags tags, Supplier<T> subject);

    static <T> MeterRow<T> counter(String name, String description, Tags tags, ToDoubleFunction<T> value) {
        return new Counter<>(name, description, tags, value);
    }

    static <T> MeterRow<T> gauge(String name, String description, ToDoubleFunction<T> value) {
        return new Level<>(name, description, value);
    }

    static <T> MeterRow<T> timeGauge(String name, String description, TimeUnit unit, ToDoubleFunction<T> value) {
        return new Time<>(name, description, unit, value);
    }

    static <T> MeterRow<T> timer(
            String name, String description, TimeUnit unit, ToLongFunction<T> count, ToDoubleFunction<T> total) {
        return new Timer<>(name, description, unit, count, total);
    }

    /** A monotonic count: {@link FunctionCounter}. */
    record Counter<T>(String name, String description, Tags tags, ToDoubleFunction<T> value) implements MeterRow<T> {
        @Override
        public Meter register(MeterRegistry registry, Tags common, Supplier<T> subject) {
            return FunctionCounter.builder(name, subject, s -> value.applyAsDouble(s.get()))
                    .description(description)
                    .tags(common.and(tags))
                    .register(registry);
        }
    }

    /** A value that goes up and down: {@link Gauge}. */
    record Level<T>(String name, String description, ToDoubleFunction<T> value) implements MeterRow<T> {
        @Override
        public Meter register(MeterRegistry registry, Tags common, Supplier<T> subject) {
            return Gauge.builder(name, subject, s -> value.applyAsDouble(s.get()))
                    .description(description)
                    .tags(common)
                    .register(registry);
        }
    }

    /** A duration or an instant that goes up and down: {@link TimeGauge}, shown in the registry's base unit. */
    record Time<T>(String name, String description, TimeUnit unit, ToDoubleFunction<T> value) implements MeterRow<T> {
        @Override
        public Meter register(MeterRegistry registry, Tags common, Supplier<T> subject) {
            return TimeGauge.builder(name, subject, unit, s -> value.applyAsDouble(s.get()))
                    .description(description)
                    .tags(common)
                    .register(registry);
        }
    }

    /** A count and a total time: {@link FunctionTimer}. */
    record Timer<T>(String name, String description, TimeUnit unit, ToLongFunction<T> count, ToDoubleFunction<T> total)
            implements MeterRow<T> {
        @Override
        public Meter register(MeterRegistry registry, Tags common, Supplier<T> subject) {
            return FunctionTimer.builder(
                            name, subject, s -> count.applyAsLong(s.get()), s -> total.applyAsDouble(s.get()), unit)
                    .description(description)
                    .tags(common)
                    .register(registry);
        }
    }
}
