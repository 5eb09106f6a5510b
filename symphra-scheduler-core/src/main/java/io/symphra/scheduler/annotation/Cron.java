package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A cron expression: 5 fields, 6 with seconds first, or a macro such as {@code @daily}. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cron {

    String value();

    /** Zone to read the expression in; default: the scheduler's zone. */
    String zone() default "";

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
