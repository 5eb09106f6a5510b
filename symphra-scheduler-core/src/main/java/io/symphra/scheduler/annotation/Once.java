package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Once, at an ISO-8601 instant such as {@code 2030-01-01T00:00:00Z}. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Once {

    String value();

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
