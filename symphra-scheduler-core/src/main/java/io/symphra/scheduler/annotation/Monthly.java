package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every month on {@code day} at {@code hour:minute}; months without that day are skipped. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Monthly {

    int day();

    int hour() default 0;

    int minute() default 0;

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
