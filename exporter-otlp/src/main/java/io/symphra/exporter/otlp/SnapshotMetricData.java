package io.symphra.exporter.otlp;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Objects;

/**
 * One metric built from a snapshot. The SDK's own {@code ImmutableMetricData} lives in an internal package with
 * no compatibility promise, and {@link MetricData} has no public factory, so this record implements the public
 * interface; its points come from the public factories ({@code LongPointData.create} and friends).
 *
 * @param resource   the resource of the push
 * @param scope      the instrumentation scope
 * @param instrument what the metric is
 * @param data       its points, whose kind matches {@code instrument.type()}
 */
record SnapshotMetricData(Resource resource, InstrumentationScopeInfo scope, Instrument instrument, Data<?> data)
        implements MetricData {

    SnapshotMetricData {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public String getName() {
        return instrument.metricName();
    }

    @Override
    public String getDescription() {
        return instrument.description();
    }

    @Override
    public String getUnit() {
        return instrument.unit();
    }

    @Override
    public MetricDataType getType() {
        return instrument.type();
    }

    @Override
    public Data<?> getData() {
        return data;
    }
}
