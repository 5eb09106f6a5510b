package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;
import java.lang.annotation.Annotation;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton exists, registers the annotated methods ({@code @Interval}, {@code @Cron},
 * {@code @Scheduled}, ... of {@code io.symphra.scheduler.annotation}) of every singleton bean with the scheduler.
 * A bad method fails the start naming the bean, its class and the method.
 */
final class AnnotatedBeanRegistrar implements SmartInitializingSingleton {

    private static final String ANNOTATIONS = "io.symphra.scheduler.annotation";

    private final ConfigurableListableBeanFactory beans;
    private final ObjectProvider<Scheduler> scheduler;

    /** The scheduler is looked up only once every singleton exists: this registrar is made before the others. */
    AnnotatedBeanRegistrar(ConfigurableListableBeanFactory beans, ObjectProvider<Scheduler> scheduler) {
        this.beans = beans;
        this.scheduler = scheduler;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beans.getBeanDefinitionNames()) {
            if (!beans.isSingleton(name)) {
                continue;
            }
            Class<?> type = beans.getType(name, false);
            if (type == null || !hasTaskMethods(ClassUtils.getUserClass(type))) {
                continue;
            }
            Object bean = beans.getBean(name);
            try {
                scheduler.getObject().register(bean);
            } catch (RuntimeException e) {
                throw new BeanInitializationException(
                        "Symphra could not register the tasks of bean '" + name + "' (" + type.getName() + "): "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private static boolean hasTaskMethods(Class<?> type) {
        AtomicBoolean found = new AtomicBoolean();
        ReflectionUtils.doWithMethods(type, method -> {
            for (Annotation annotation : method.getDeclaredAnnotations()) {
                if (annotation.annotationType().getPackageName().equals(ANNOTATIONS)) {
                    found.set(true);
                }
            }
        });
        return found.get();
    }
}
