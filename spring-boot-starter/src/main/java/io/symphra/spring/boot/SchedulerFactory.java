package io.symphra.spring.boot;

import io.symphra.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds the scheduler from the {@code symphra.*} properties, the exporters' keys and the customizers. */
final class SchedulerFactory {

    private SchedulerFactory() {}

    /**
     * @param exporterKeys {@code symphra.exporter.*} keys with their values, passed to the builder as they are
     * @throws IllegalArgumentException naming the {@code symphra.*} key and value the scheduler refused
     */
    static Scheduler build(
            SymphraProperties properties,
            Map<String, String> exporterKeys,
            List<SchedulerBuilderCustomizer> customizers) {
        Scheduler.Builder builder = Scheduler.builder();
        set("symphra.metrics", properties.isMetrics(), builder::enableMetrics);
        if (properties.getWorkerThreads() != null) {
            set("symphra.worker-threads", properties.getWorkerThreads(), builder::workerThreads);
        }
        set("symphra.virtual-threads", properties.isVirtualThreads(), builder::virtualThreads);
        set("symphra.zone", properties.getZone(), builder::zone);
        set("symphra.shutdown-timeout", properties.getShutdownTimeout(), builder::shutdownTimeout);
        if (properties.getInstance() != null) {
            set("symphra.instance", properties.getInstance(), builder::instance);
        }
        set("symphra.common-labels", properties.getCommonLabels(), builder::commonLabels);
        List<Double> buckets = properties.getHistogramBuckets();
        if (!buckets.isEmpty()) {
            double[] bounds = buckets.stream().mapToDouble(Double::doubleValue).toArray();
            set("symphra.histogram-buckets", buckets, b -> builder.histogramBuckets(bounds));
        }
        builder.discoverExporters(properties.isDiscoverExporters());
        builder.exporterProperties(exporterKeys);
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** Applies one property, so that a value the builder refuses fails naming the property and the value. */
    private static <T> void set(String key, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(key + " = '" + value + "': " + e.getMessage(), e);
        }
    }
}
