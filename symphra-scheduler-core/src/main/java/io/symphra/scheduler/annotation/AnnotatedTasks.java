package io.symphra.scheduler.annotation;

import io.symphra.metrics.config.DurationNotation;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Trigger;
import io.symphra.scheduler.trigger.Triggers;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Turns the annotated methods of an object into {@link Task}s. Every method of the object's class and its
 * superclasses is looked at, whatever its visibility.
 */
public final class AnnotatedTasks {

    private static final List<Class<? extends Annotation>> TRIGGERS = List.of(
            Interval.class,
            FixedDelay.class,
            Cron.class,
            Once.class,
            Hourly.class,
            Daily.class,
            Weekly.class,
            Monthly.class,
            Scheduled.class);

    private AnnotatedTasks() {}

    /**
     * The tasks declared on {@code bean}'s methods, sorted by method name.
     *
     * @throws IllegalArgumentException naming the class, the method and the reason when a method cannot be a task:
     *                                  it takes parameters, has two trigger annotations, or a value does not parse
     */
    public static List<Task> of(Object bean) {
        Objects.requireNonNull(bean, "bean");
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            methods.addAll(Arrays.asList(c.getDeclaredMethods()));
        }
        methods.sort(Comparator.comparing(Method::getName));
        List<Task> tasks = new ArrayList<>();
        for (Method method : methods) {
            List<Annotation> found = new ArrayList<>();
            for (Class<? extends Annotation> type : TRIGGERS) {
                Annotation a = method.getAnnotation(type);
                if (a != null) {
                    found.add(a);
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            try {
                tasks.add(toTask(bean, method, found));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        bean.getClass().getName() + "." + method.getName() + "(): " + e.getMessage(), e);
            }
        }
        return List.copyOf(tasks);
    }

    private static Task toTask(Object bean, Method method, List<Annotation> annotations) {
        if (annotations.size() > 1) {
            throw new IllegalArgumentException("has " + annotations.size() + " trigger annotations "
                    + annotations.stream()
                            .map(a -> "@" + a.annotationType().getSimpleName())
                            .toList()
                    + "; a method can have only one");
        }
        if (method.getParameterCount() > 0) {
            throw new IllegalArgumentException(
                    "takes " + method.getParameterCount() + " parameter(s); a scheduled method must take none");
        }
        if (!method.trySetAccessible()) {
            throw new IllegalArgumentException("is not accessible to the scheduler (open its package to it)");
        }
        Annotation a = annotations.get(0);
        String defaultName = bean.getClass().getSimpleName() + "." + method.getName();
        Callable<?> action = invoker(Modifier.isStatic(method.getModifiers()) ? null : bean, method);
        if (a instanceof Scheduled s) {
            return scheduled(s, defaultName, action);
        }
        Trigger trigger;
        String name;
        if (a instanceof Interval i) {
            trigger = Triggers.fixedRate(
                    duration("value", i.value()), optionalDuration("initialDelay", i.initialDelay(), Duration.ZERO));
            name = i.name();
        } else if (a instanceof FixedDelay f) {
            trigger = Triggers.fixedDelay(
                    duration("value", f.value()), optionalDuration("initialDelay", f.initialDelay(), Duration.ZERO));
            name = f.name();
        } else if (a instanceof Cron c) {
            trigger = c.zone().isBlank() ? Triggers.cron(c.value()) : Triggers.cron(c.value(), zone(c.zone()));
            name = c.name();
        } else if (a instanceof Once o) {
            trigger = Triggers.once(instant("value", o.value()));
            name = o.name();
        } else if (a instanceof Hourly h) {
            trigger = Triggers.hourly(h.minute());
            name = h.name();
        } else if (a instanceof Daily d) {
            trigger = Triggers.daily(d.hour(), d.minute());
            name = d.name();
        } else if (a instanceof Weekly w) {
            trigger = Triggers.weekly(w.day(), w.hour(), w.minute());
            name = w.name();
        } else {
            Monthly m = (Monthly) a;
            trigger = Triggers.monthly(m.day(), m.hour(), m.minute());
            name = m.name();
        }
        return Task.builder(name.isBlank() ? defaultName : name)
                .trigger(trigger)
                .call(action)
                .build();
    }

    private static Task scheduled(Scheduled s, String defaultName, Callable<?> action) {
        List<String> kinds = new ArrayList<>();
        if (!s.interval().isBlank()) {
            kinds.add("interval");
        }
        if (!s.fixedDelay().isBlank()) {
            kinds.add("fixedDelay");
        }
        if (!s.cron().isBlank()) {
            kinds.add("cron");
        }
        if (!s.once().isBlank()) {
            kinds.add("once");
        }
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("@Scheduled needs exactly one of interval, fixedDelay, cron and once; "
                    + "got " + (kinds.isEmpty() ? "none" : kinds));
        }
        Duration initialDelay = optionalDuration("initialDelay", s.initialDelay(), Duration.ZERO);
        Trigger trigger = switch (kinds.get(0)) {
            case "interval" -> Triggers.fixedRate(duration("interval", s.interval()), initialDelay);
            case "fixedDelay" -> Triggers.fixedDelay(duration("fixedDelay", s.fixedDelay()), initialDelay);
            case "cron" -> s.zone().isBlank() ? Triggers.cron(s.cron()) : Triggers.cron(s.cron(), zone(s.zone()));
            default -> Triggers.once(instant("once", s.once()));
        };
        Duration backoff = duration("retryBackoff", s.retryBackoff());
        Backoff policy = s.retryMultiplier() == 1.0
                ? Backoff.fixed(backoff)
                : Backoff.exponential(backoff, s.retryMultiplier(), duration("retryMaxBackoff", s.retryMaxBackoff()));
        Task.Builder b = Task.builder(s.name().isBlank() ? defaultName : s.name())
                .trigger(trigger)
                .call(action)
                .maxInstances(s.maxInstances())
                .retry(new RetryPolicy(s.retryAttempts(), policy, List.of(s.retryOn())))
                .enabled(s.enabled())
                .tags(s.tags());
        if (!s.timeout().isBlank()) {
            b.timeout(duration("timeout", s.timeout()));
        }
        if (!s.start().isBlank()) {
            b.startAt(instant("start", s.start()));
        }
        if (!s.end().isBlank()) {
            b.endAt(instant("end", s.end()));
        }
        return b.build();
    }

    private static Callable<?> invoker(Object target, Method method) {
        return () -> {
            try {
                return method.invoke(target);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }

    private static Duration duration(String attribute, String text) {
        try {
            return DurationNotation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attribute + ": " + e.getMessage(), e);
        }
    }

    private static Duration optionalDuration(String attribute, String text, Duration otherwise) {
        return text.isBlank() ? otherwise : duration(attribute, text);
    }

    private static Instant instant(String attribute, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    attribute + ": '" + text + "' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z", e);
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("zone: '" + text + "' is not a time zone id", e);
        }
    }
}
