package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A task with every option. Set exactly one of {@link #interval()}, {@link #fixedDelay()}, {@link #cron()} and
 * {@link #once()}; the rest are optional. Durations are written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}
 * or ISO-8601; instants in ISO-8601 ({@code 2030-01-01T00:00:00Z}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scheduled {

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";

    /** Fixed rate. */
    String interval() default "";

    /** Fixed delay after each run ends. */
    String fixedDelay() default "";

    /** Cron expression. */
    String cron() default "";

    /** One-shot instant. */
    String once() default "";

    /** Delay before the first fire of an interval or fixed-delay task. */
    String initialDelay() default "";

    /** Zone for the cron expression; default: the scheduler's zone. */
    String zone() default "";

    /** No fire before this instant. */
    String start() default "";

    /** No fire after this instant. */
    String end() default "";

    /** Runs allowed at once; a fire beyond it is skipped. */
    int maxInstances() default 1;

    /** Limit of each attempt. */
    String timeout() default "";

    /** Attempts per run; 1 means no retry. */
    int retryAttempts() default 1;

    /** Wait before the first retry (and every retry unless a multiplier is set). */
    String retryBackoff() default "0s";

    /** Growth of the wait per retry; 1 keeps it fixed. */
    double retryMultiplier() default 1.0;

    /** Cap of the growing wait; default: no cap beyond 1 hour. */
    String retryMaxBackoff() default "1h";

    /** Exception types that are retried. */
    Class<? extends Throwable>[] retryOn() default {Exception.class};

    /** Whether the task fires. */
    boolean enabled() default true;

    /** Free-form tags. */
    String[] tags() default {};
}
