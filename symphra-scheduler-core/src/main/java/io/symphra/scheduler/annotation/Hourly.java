package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every hour at {@code minute} past. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hourly {

    int minute() default 0;

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
