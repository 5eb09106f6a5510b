package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configures Symphra Scheduler: the {@link Scheduler} bean from {@code symphra.*} properties, the annotated
 * methods of every bean, the lifecycle, and (each when its module is on the class path) the Micrometer binding,
 * cluster mode, the actuator endpoint {@code symphra} and the health indicator {@code symphra}. Off with
 * {@code symphra.enabled=false}; a {@link Scheduler} bean of the application's own replaces the built one.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "symphra.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SymphraProperties.class)
@Import({MicrometerConfiguration.class, ClusterConfiguration.class})
public class SymphraAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Scheduler symphraScheduler(
            SymphraProperties properties,
            ConfigurableEnvironment environment,
            ObjectProvider<SchedulerBuilderCustomizer> customizers) {
        return SchedulerFactory.build(
                properties,
                ExporterKeys.of(environment),
                customizers.orderedStream().toList());
    }

    @Bean
    SchedulerLifecycle symphraLifecycle(Scheduler scheduler) {
        return new SchedulerLifecycle(scheduler);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "symphra.register-annotated-beans", matchIfMissing = true)
    static AnnotatedBeanRegistrar symphraAnnotatedBeans(
            ConfigurableListableBeanFactory beans, ObjectProvider<Scheduler> scheduler) {
        return new AnnotatedBeanRegistrar(beans, scheduler);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SymphraEndpoint symphraEndpoint(Scheduler scheduler) {
            return new SymphraEndpoint(scheduler);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBooleanProperty(name = "symphra.health.enabled")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SymphraHealthIndicator symphraHealthIndicator(Scheduler scheduler, SymphraProperties properties) {
            return new SymphraHealthIndicator(scheduler, properties.getHealth().getExporterFailureTimeout());
        }
    }
}
