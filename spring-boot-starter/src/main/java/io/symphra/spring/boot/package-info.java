/**
 * Spring Boot auto-configuration of Symphra Scheduler: a {@link io.symphra.scheduler.Scheduler} bean built from
 * {@code symphra.*} properties ({@link io.symphra.spring.boot.SymphraProperties}), every bean's annotated methods
 * registered, the scheduler started and stopped with the application context, its metrics in the application's
 * Micrometer registry, the actuator endpoint {@code symphra} and an opt-in health indicator. Customize the
 * scheduler's builder with a {@link io.symphra.spring.boot.SchedulerBuilderCustomizer} bean.
 */
package io.symphra.spring.boot;
