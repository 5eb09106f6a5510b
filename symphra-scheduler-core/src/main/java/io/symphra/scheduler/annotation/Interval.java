package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Fixed rate: now (or after {@code initialDelay}), then every {@code value}. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Interval {

    String value();

    String initialDelay() default "";

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
