package io.symphra.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.symphra.micrometer.MicrometerExporter;
import io.symphra.scheduler.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * When {@code symphra-micrometer} is on the class path and the application has a {@link MeterRegistry}: the
 * {@code micrometer} exporter binds to that registry (not the global one), removes a task's meters as soon as the
 * task is unregistered, and the built-in Prometheus endpoint is off unless {@code symphra.exporter.prometheus.enabled}
 * says otherwise, since {@code /actuator/prometheus} serves the same metrics.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"io.symphra.micrometer.MicrometerExporter", "io.micrometer.core.instrument.MeterRegistry"})
class MicrometerConfiguration {

    static final String PROMETHEUS_ENABLED = "symphra.exporter.prometheus.enabled";
    private static final String PROMETHEUS_EXPORTER = "io.symphra.exporter.prometheus.PrometheusExporter";

    @Bean
    SchedulerBuilderCustomizer symphraMicrometerBinding(
            ObjectProvider<MeterRegistry> registry, ObjectProvider<Scheduler> scheduler, Environment environment) {
        return builder -> registry.ifAvailable(meters -> {
            builder.exporter(MicrometerExporter.builder()
                    .registry(meters)
                    .liveTasks(name -> scheduler.getObject().task(name).isPresent())
                    .build());
            // A key of an exporter that is not on the class path fails the build: only when it is there.
            if (ClassUtils.isPresent(PROMETHEUS_EXPORTER, MicrometerConfiguration.class.getClassLoader())
                    && !environment.containsProperty(PROMETHEUS_ENABLED)) {
                builder.exporterProperty(PROMETHEUS_ENABLED, "false");
            }
        });
    }
}
