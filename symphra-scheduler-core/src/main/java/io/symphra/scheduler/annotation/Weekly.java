package io.symphra.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every week on {@code day} at {@code hour:minute} in the scheduler's zone. Options such as timeout and retries: use {@link Scheduled}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Weekly {

    java.time.DayOfWeek day();

    int hour() default 0;

    int minute() default 0;

    /** The task's name; default {@code SimpleClassName.methodName}. */
    String name() default "";
}
